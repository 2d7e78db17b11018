// Token acquisition through @azure/msal-node against the sandbox authority, logs free of tokens, and the helpers
// beyond the port: master categories, subscriptions (with Graph's validation handshake), one event with links.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutlookItemPresent } from '../../../src/server/domain/snapshots.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';
import { getEvent } from '../../support/graph-adapter-extras.js';
import { syncMasterCategories } from '../../../src/server/domain/master-categories.js';
import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import { AVA, CECP_ID, DAN, cecpValue, eventBody, mailboxOf, startAdapterHarness, type AdapterHarness, type Json } from './support.js';

let h: AdapterHarness;
let receiver: http.Server;
let receiverUrl: string;
const received: { path: string; body: string }[] = [];

beforeAll(async () => {
  h = await startAdapterHarness();
  // A webhook endpoint that answers Graph's validation handshake and records notifications.
  receiver = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const token = url.searchParams.get('validationToken');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (token !== null) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
        return;
      }
      received.push({ path: url.pathname, body });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await h.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(async () => {
  await h.control('POST', '/reset');
});

describe('authentication', () => {
  it('gets an app token from the sandbox authority through msal-node and never logs it', async () => {
    const adapter = h.adapter();
    const items = await adapter.getItems(mailboxOf(AVA), ['AAMkAGI2TG93AAA=']);
    expect(items).toEqual([{ removed: true, id: 'AAMkAGI2TG93AAA=' }]);
    const tokenCalls = Object.entries((await h.counters()).byRoute).filter(([route]) => route.includes('/oauth2/v2.0/token'));
    expect(tokenCalls.length).toBeGreaterThan(0);
    const jwt = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
    expect(h.logLines.filter((line) => jwt.test(line) || /sandbox-service-secret/.test(line))).toEqual([]);
  });

  it('acquires a fresh token when Graph rejects the cached one as expired', async () => {
    const adapter = h.adapter();
    await adapter.getItems(mailboxOf(AVA), ['AAMkAGI2TG93AAA=']);
    const tokenCalls = async () => Object.entries((await h.counters()).byRoute).filter(([r]) => r.startsWith('POST') && r.includes('/oauth2/v2.0/token')).reduce((n, [, c]) => n + c, 0);
    const before = await tokenCalls();
    await h.control('PUT', '/clock', { seconds: 7200 });
    const items = await adapter.getItems(mailboxOf(AVA), ['AAMkAGI2TG93AAA=']);
    expect(items).toEqual([{ removed: true, id: 'AAMkAGI2TG93AAA=' }]);
    expect(await tokenCalls()).toBe(before + 1);
  });

  it('fails with `auth` when the client secret is wrong', async () => {
    const adapter = h.adapter({ clientSecret: 'wrong-secret' });
    const error = await adapter.getItems(mailboxOf(AVA), ['AAMkAGI2TG93AAA=']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortFailure);
    expect((error as PortFailure).error.code).toBe('auth');
    expect(h.logLines.some((line) => line.includes('wrong-secret'))).toBe(false);
  });
});

describe('master categories', () => {
  it('creates the sync categories with their colours where missing, once', async () => {
    const adapter = h.adapter();
    const before = await h.graph('GET', `/users/${DAN.id}/outlook/masterCategories`);
    const names = (before.body.value as Json[]).map((c) => c.displayName);
    expect(names).not.toContain('SAP Cloud for Customer');
    const wanted = syncMasterCategories(DEFAULT_CATEGORIES, { tasks: true });
    const created = await adapter.ensureMasterCategories(mailboxOf(DAN), wanted);
    expect(created.sort()).toEqual(['Error in SAP Cloud for Customer SSI', 'SAP Cloud for Customer', 'Visit'].filter((n) => !names.includes(n)).sort());
    const after = await h.graph('GET', `/users/${DAN.id}/outlook/masterCategories`);
    for (const category of wanted) {
      expect(after.body.value).toEqual(expect.arrayContaining([expect.objectContaining(category)]));
    }
    expect(await adapter.ensureMasterCategories(mailboxOf(DAN), wanted)).toEqual([]);
  });
});

describe('subscriptions', () => {
  it('creates, renews and deletes a subscription on the mailbox events', async () => {
    const adapter = h.adapter();
    const sub = await adapter.createSubscription(mailboxOf(AVA), {
      notificationUrl: `${receiverUrl}/webhooks/graph`,
      lifecycleNotificationUrl: `${receiverUrl}/webhooks/graph/lifecycle`,
      clientState: 'secret-client-state',
    });
    expect(sub).toEqual(expect.objectContaining({ resource: `users/${AVA.id}/events`, changeType: 'created,updated,deleted', clientState: 'secret-client-state' }));
    const minutes = (Date.parse(sub.expirationDateTime) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(10_000);
    expect(minutes).toBeLessThanOrEqual(10_080);

    const shorter = new Date(Date.now() + 120 * 60_000).toISOString();
    const renewed = await adapter.renewSubscription(sub.id, undefined, shorter);
    expect(Math.abs(Date.parse(renewed.expirationDateTime) - Date.parse(shorter))).toBeLessThan(2000);
    await expect(adapter.reauthorizeSubscription(sub.id)).resolves.toBeUndefined();
    const longest = await adapter.renewSubscription(sub.id);
    expect(Date.parse(longest.expirationDateTime)).toBeGreaterThan(Date.parse(shorter));

    // A change in the mailbox reaches the webhook with our clientState.
    await h.graph('POST', `/users/${AVA.id}/events`, eventBody('Notify me', 2));
    for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(received.some((n) => n.body.includes('secret-client-state'))).toBe(true);

    // The app's subscriptions as Graph holds them, in one call for the whole tenant.
    expect((await adapter.listSubscriptions()).find((s) => s.id === sub.id)).toMatchObject({ resource: `users/${AVA.id}/events`, notificationUrl: `${receiverUrl}/webhooks/graph` });

    expect(await adapter.deleteSubscription(sub.id)).toBe('deleted');
    const listed = await h.control('GET', '/subscriptions');
    expect((listed.body.value as Json[]).map((s) => s.id)).not.toContain(sub.id);
    expect((await adapter.listSubscriptions()).map((s) => s.id)).not.toContain(sub.id);
    // Gone already: as good as deleted (a mailbox erasure does not fail on it).
    expect(await adapter.deleteSubscription(sub.id)).toBe('notFound');
    await expect(adapter.renewSubscription(sub.id)).rejects.toMatchObject({ error: { code: 'notFound' } });
  });

  it('refuses a clientState Graph would reject', async () => {
    const adapter = h.adapter();
    await expect(
      adapter.createSubscription(mailboxOf(AVA), { notificationUrl: `${receiverUrl}/w`, lifecycleNotificationUrl: `${receiverUrl}/l`, clientState: 'x'.repeat(129) }),
    ).rejects.toMatchObject({ error: { code: 'invalid' } });
  });
});

describe('getEvent', () => {
  it('returns one event with its links, or removed', async () => {
    const adapter = h.adapter();
    const created = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('One', 2, {
      categories: ['Visit'],
      singleValueExtendedProperties: [{ id: CECP_ID, value: cecpValue([{ type: 'lead', id: 'L-9' }]) }],
    }));
    const item = (await getEvent(adapter, mailboxOf(AVA), created.body.id)) as OutlookItemPresent;
    expect(item).toEqual(expect.objectContaining({ removed: false, categories: ['Visit'], transactionId: null, isOrganizer: true }));
    expect(item.fields.links).toEqual([{ type: 'lead', id: 'L-9' }]);
    await h.graph('DELETE', `/users/${AVA.id}/events/${created.body.id}`);
    expect(await getEvent(adapter, mailboxOf(AVA), created.body.id)).toEqual({ removed: true, id: created.body.id });
  });
});
