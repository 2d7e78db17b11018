// Restart safety (issue 23), with the real service over HTTP against the sandboxes:
// - a service restarted with its store, against a Graph that lost every subscription without telling anyone:
//   insta-sync works again within 10 s of the start, and no item loses its sync category (PGlite and PostgreSQL);
// - a C4C side where most of a user's activities vanished at once: the mass change is held and nothing changes in
//   Outlook; an admin releases one user's hold (the category removals happen) and discards another's (the items
//   keep their category);
// - a C4C sandbox swapped for a freshly seeded one (another system id): the service refuses to sync and says why,
//   until an admin re-pairs.
import { jest } from '@jest/globals';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { startServiceHarness, type ServiceHarness, type ServiceInstance } from '../../support/service-harness.js';
import { AVA, BEN } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { stopTestDatabases, testPostgresServer } from '../../support/test-database.js';
import { APPOINTMENT, APPOINTMENTS, VISIT, VISITS, eventBody, uniqueSubject } from '../sync/fixtures.js';
import { createEventAsUser, graphAsUser, waitFor, waitQuiet } from './helpers.js';

jest.setTimeout(120_000);

let h: ServiceHarness;
beforeAll(async () => {
  h = await startServiceHarness();
});
afterAll(async () => {
  await h?.close();
  await stopTestDatabases();
});

const SYNC_CATEGORIES = new Set<string>([APPOINTMENT, VISIT]);

/** Each demo user's events that carry a sync category, by id. */
async function taggedEvents(userId: string): Promise<Json[]> {
  const all: Json[] = [];
  let path: string | null = `/users/${userId}/events?$top=100&$select=subject,categories,iCalUId`;
  while (path) {
    const page = await graphAsUser(h.graph, 'GET', path);
    all.push(...(page.value as Json[]));
    const next = page['@odata.nextLink'] as string | undefined;
    path = next ? next.slice(next.indexOf('/users/')) : null;
  }
  return all.filter((e) => (e.categories as string[]).some((c) => SYNC_CATEGORIES.has(c)));
}

async function taggedCounts(): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(DEMO_USERS.map(async (u) => [u.mail, (await taggedEvents(u.id)).length] as const)));
}

/** Each demo user's To Do tasks the service linked to a C4C task: task id → the ObjectID its linked resource names. */
async function linkedTasks(userId: string): Promise<Map<string, string>> {
  const lists = (await graphAsUser(h.graph, 'GET', `/users/${userId}/todo/lists`)).value as Json[];
  const named = new Map<string, string>();
  for (const list of lists) {
    let path: string | null = `/users/${userId}/todo/lists/${String(list.id)}/tasks?$expand=linkedResources&$top=100`;
    while (path) {
      const page = await graphAsUser(h.graph, 'GET', path);
      for (const task of page.value as Json[]) {
        const resources = (task.linkedResources as Json[] | undefined) ?? [];
        const own = resources.find((r) => r.applicationName === 'SAP Cloud for Customer' && !String(r.externalId).includes(':'));
        if (own) named.set(String(task.id), String(own.externalId));
      }
      const next = page['@odata.nextLink'] as string | undefined;
      path = next ? next.slice(next.indexOf('/users/')) : null;
    }
  }
  return named;
}

async function adminCall(service: ServiceInstance, method: 'GET' | 'POST', path: string): Promise<{ status: number; body: Json }> {
  const audience = h.env({ port: 0, publicUrl: 'http://127.0.0.1:9' }).API_AUDIENCE as string;
  const minted = (await (await fetch(`${h.graphUrl}/_sandbox/token?user=chloe.chen@contoso.example&aud=${encodeURIComponent(audience)}`)).json()) as { access_token: string };
  const res = await fetch(`${service.url}${path}`, { method, headers: { authorization: `Bearer ${minted.access_token}` } });
  return { status: res.status, body: (await res.json()) as Json };
}

const readyz = async (service: ServiceInstance) => {
  const res = await fetch(`${service.url}/readyz`);
  return { status: res.status, body: (await res.json()) as Json };
};

describe.each(['pglite', 'postgres'] as const)('restart on %s', (driver) => {
  it('after a restart against a Graph that lost every subscription, insta-sync works within 10 s and no item loses its category', async () => {
    const store = driver === 'pglite' ? { dataDir: await h.migratedDataDir('restart') } : { databaseUrl: await (await testPostgresServer()).createDatabase() };
    const first = await h.startService({ role: 'all', ...store, name: `${driver}-first` });
    await h.wireC4cWebhook(first.url as string);
    await waitQuiet([first], { minSessions: DEMO_USERS.length });
    const before = await taggedCounts();
    await first.stop();

    expect((await h.graphControl('DELETE', '/subscriptions')).status).toBe(204);
    const startedAt = Date.now();
    const second = await h.startService({ role: 'all', ...store, name: `${driver}-second` });
    await h.wireC4cWebhook(second.url as string);
    const event = await createEventAsUser(h.graph, AVA.id, eventBody(uniqueSubject('After restart'), 6, { categories: [APPOINTMENT] }));
    await waitFor('the new item in C4C', async () => (await h.c4c.byGroupwareItemId(APPOINTMENTS, String(event.iCalUId))).length > 0, 10_000, 100);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    const subs = (await h.graphControl('GET', '/subscriptions')).body.value as Json[];
    expect(new Set(subs.filter((s) => String(s.resource).endsWith('/events')).map((s) => s.mailboxId))).toEqual(new Set(DEMO_USERS.map((u) => u.id)));

    await waitQuiet([second]);
    const after = await taggedCounts();
    expect(after).toEqual({ ...before, [AVA.mail]: (before[AVA.mail] ?? 0) + 1 });
    expect((await readyz(second)).body).toMatchObject({ status: 'ready', checks: { database: 'ok', crmSystem: { state: 'paired' }, subscriptions: { mailboxesWithout: 0 } } });
    await second.stop();
  });
});

describe('mass changes and another C4C system (PGlite)', () => {
  let service: ServiceInstance;
  const dataDir = () => (dir ??= h.migratedDataDir('mass'));
  let dir: Promise<string> | undefined;

  it('holds the category removals when most of a user’s C4C activities vanish; a release applies them, a discard keeps the items', async () => {
    service = await h.startService({ role: 'all', dataDir: await dataDir(), name: 'mass' });
    await h.wireC4cWebhook(service.url as string);
    await waitQuiet([service], { minSessions: DEMO_USERS.length });

    // 90 % of the tenant's activities vanish at once, unannounced, as after a restore from an old copy (C4C sends no
    // change notifications then); the next full reads find them gone.
    const tagged: Record<string, string[]> = {};
    for (const user of [AVA, BEN]) tagged[user.id] = (await taggedEvents(user.id)).map((e) => String(e.id));
    expect((await h.c4cControl('DELETE', '/webhook')).status).toBe(204);
    for (const set of [APPOINTMENTS, VISITS]) {
      const all = await h.c4c.query(set, "ObjectID ne ''");
      for (const [i, a] of all.entries()) if (i % 10 !== 0) await h.c4c.remove(set, String(a.ObjectID));
    }
    await h.wireC4cWebhook(service.url as string);
    expect((await h.graphControl('POST', '/delta/expire')).status).toBeLessThan(300);
    for (const user of [AVA, BEN]) await createEventAsUser(h.graph, user.id, eventBody(uniqueSubject('Full read'), 7, { categories: [APPOINTMENT] }));
    const holdsOf = async (mailbox: string) => ((await adminCall(service, 'GET', `/api/admin/holds?mailbox=${mailbox}&status=held`)).body.holds as Json[]) ?? [];
    const { value: avaHolds } = await waitFor('Ava’s hold', async () => ((await holdsOf(AVA.mail)).length > 0 ? holdsOf(AVA.mail) : null), 30_000, 250);
    const { value: benHolds } = await waitFor('Ben’s hold', async () => ((await holdsOf(BEN.mail)).length > 0 ? holdsOf(BEN.mail) : null), 30_000, 250);
    await waitQuiet([service]);
    // Nothing changed in Outlook.
    const stillTagged = async (userId: string) => new Set((await taggedEvents(userId)).map((e) => String(e.id)));
    for (const user of [AVA, BEN]) {
      const now = await stillTagged(user.id);
      expect(tagged[user.id]?.filter((id) => !now.has(id))).toEqual([]);
    }
    const held = (avaHolds[0] as Json).changes as Record<string, number>;
    expect(Object.values(held).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10);

    // Release Ava's: her next session reads in full and untags the items whose activities are gone.
    expect((await adminCall(service, 'POST', `/api/admin/holds/${String((avaHolds[0] as Json).holdId)}/release`)).status).toBe(200);
    const avaBefore = tagged[AVA.id]?.length ?? 0;
    await waitFor('Ava’s items untagged or deleted', async () => (await stillTagged(AVA.id)).size < avaBefore / 2, 30_000, 250);
    // The session marks the hold applied once all its families committed.
    await waitFor('Ava’s hold applied', async () => {
      const holds = (await adminCall(service, 'GET', `/api/admin/holds?mailbox=${AVA.mail}`)).body.holds as Json[];
      return holds.length === 1 && holds[0]?.status === 'applied';
    }, 10_000, 200);

    // Discard Ben's: his items keep their category, and no session holds them again.
    for (const hold of benHolds) expect((await adminCall(service, 'POST', `/api/admin/holds/${String(hold.holdId)}/discard`)).status).toBe(200);
    const from = service.logs.length;
    const benNow = await stillTagged(BEN.id);
    expect(tagged[BEN.id]?.filter((id) => !benNow.has(id))).toEqual([]);
    expect((await h.graphControl('POST', '/delta/expire')).status).toBeLessThan(300); // the next sessions read in full
    await graphAsUser(h.graph, 'POST', `/users/${BEN.id}/events`, eventBody(uniqueSubject('Wake Ben'), 8, { categories: [APPOINTMENT] }));
    await waitFor('a session of Ben', async () => service.logs.slice(from).some((l) => l.msg === 'session done' && l.mailboxId === BEN.id), 20_000, 100);
    await waitQuiet([service]);
    expect((await holdsOf(BEN.mail)).length).toBe(0);
    const benAfter = await stillTagged(BEN.id);
    expect(tagged[BEN.id]?.filter((id) => !benAfter.has(id))).toEqual([]);
  });

  it('refuses to sync against a freshly seeded C4C (another system), says why, and syncs again after an admin re-pairs', async () => {
    const before = await taggedCounts();
    const tasksBefore = Object.fromEntries(await Promise.all(DEMO_USERS.map(async (u) => [u.mail, await linkedTasks(u.id)] as const)));
    expect(Object.values(tasksBefore).reduce((n, tasks) => n + tasks.size, 0)).toBeGreaterThan(0);
    await service.stop();
    expect((await h.c4cControl('POST', '/reset')).status).toBeLessThan(300);
    service = await h.startService({ role: 'all', dataDir: await dataDir(), name: 'swapped' });
    await h.wireC4cWebhook(service.url as string);

    const ready = await readyz(service);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not ready', checks: { crmSystem: { state: 'mismatch' } } });
    expect(String(((ready.body.checks as Json).crmSystem as Json).message)).toMatch(/belongs to the C4C system .* but C4C_BASE_URL reaches .* re-pair/s);
    expect(service.logs.some((l) => l.level === 'error' && /Sync is stopped/.test(String(l.msg)))).toBe(true);
    await createEventAsUser(h.graph, AVA.id, eventBody(uniqueSubject('While refused'), 9, { categories: [APPOINTMENT] }));
    await waitQuiet([service], { quietMs: 2000 });
    expect(service.logs.filter((l) => l.msg === 'session done')).toEqual([]);
    expect(await taggedCounts()).toEqual({ ...before, [AVA.mail]: (before[AVA.mail] ?? 0) + 1 });

    const tenant = await adminCall(service, 'GET', '/api/admin/tenant');
    expect(tenant.body).toMatchObject({ state: 'mismatch', found: { systemId: expect.any(String) } });
    const repaired = await adminCall(service, 'POST', '/api/admin/tenant/re-pair');
    expect(repaired.status).toBe(200);
    expect((repaired.body.pairsForgotten as number) > 0).toBe(true);
    await waitFor('sessions again', async () => service.logs.some((l) => l.msg === 'session done'), 20_000, 100);
    await waitQuiet([service]);
    expect((await readyz(service)).status).toBe(200);
    // Nothing was untagged or deleted on the way: every tagged item is still tagged.
    const after = await taggedCounts();
    for (const user of DEMO_USERS) expect(after[user.mail]).toBeGreaterThanOrEqual(before[user.mail] ?? 0);
    // Nor were the To Do tasks made from the old system's tasks: the records they name are unknown to this system,
    // which does not make them deleted (they are linked to new C4C tasks instead).
    for (const user of DEMO_USERS) {
      const now = await linkedTasks(user.id);
      for (const [taskId, oldRecord] of tasksBefore[user.mail] ?? []) {
        expect({ taskId, linked: now.has(taskId) }).toEqual({ taskId, linked: true });
        expect(now.get(taskId)).not.toBe(oldRecord);
      }
    }
    await service.stop();
  });
});
