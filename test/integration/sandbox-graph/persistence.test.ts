// The Graph sandbox with a state file (`npm start`): events (a series with an exception and a cancelled
// occurrence, a meeting), master categories, To Do lists and tasks, subscriptions and delta tokens survive a restart;
// without the file (--reset) the seed is fresh and old delta tokens answer 410; a corrupt file is set aside with a
// clear message.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graph/server.js';
import { removeSandboxState, sandboxStateFiles } from '../../../src/sandbox/state-dir.js';
import { AVA, BEN, appTokenFor, expectGraphError, isoIn, newEvent, type Json } from './harness.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

let dataDir: string;
let file: string;
let rx: Receiver;
const messages: string[] = [];
const log = { info: (m: string) => messages.push(`info: ${m}`), warn: (m: string) => messages.push(`warn: ${m}`) };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'graph-state-'));
  file = sandboxStateFiles(dataDir).graph;
  rx = await startReceiver();
});
afterAll(async () => {
  await rx.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  messages.length = 0;
});

interface Client {
  sandbox: GraphSandbox;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Json }>;
}

async function start(): Promise<Client> {
  const sandbox = await startGraphSandbox({ port: 0, persist: { file, log, saveDelayMs: 50 } });
  const token = await appTokenFor(sandbox.url);
  return {
    sandbox,
    async call(method, path, body, headers = {}) {
      const url = path.startsWith('http') ? path.replace(/^http:\/\/[^/]+/, sandbox.url) : `${sandbox.url}${path}`;
      const res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
    },
  };
}

/** Drops what names the sandbox's address (new port at every start). */
const portless = (value: Json): Json => JSON.parse(JSON.stringify(value).replace(/http:\/\/127\.0\.0\.1:\d+/g, 'ORIGIN')) as Json;
const window = () => `startDateTime=${isoIn(-15)}Z&endDateTime=${isoIn(29)}Z`;

/** Follows a delta round to its end; the entries and the deltaLink. */
async function round(c: Client, link: string): Promise<{ status: number; items: Json[]; deltaLink?: string; body: Json }> {
  const items: Json[] = [];
  for (let url: string | undefined = link; ; ) {
    const page = await c.call('GET', url, undefined, { prefer: 'odata.maxpagesize=200' });
    if (page.status !== 200) return { status: page.status, items, body: page.body };
    items.push(...(page.body.value as Json[]));
    url = page.body['@odata.nextLink'] as string | undefined;
    if (!url) return { status: 200, items, deltaLink: page.body['@odata.deltaLink'] as string, body: page.body };
  }
}

/** Everything the test changed, read back: compared before and after the restart. */
async function readBack(c: Client, ids: { series: string; meeting: string; list: string }): Promise<Json> {
  return portless({
    series: (await c.call('GET', `/v1.0/users/${AVA.id}/events/${ids.series}`)).body,
    instances: (await c.call('GET', `/v1.0/users/${AVA.id}/events/${ids.series}/instances?${window()}`)).body,
    benCalendar: (await c.call('GET', `/v1.0/users/${BEN.id}/events?$filter=subject eq 'Kept meeting'&$select=subject,iCalUId,attendees`)).body,
    categories: (await c.call('GET', `/v1.0/users/${AVA.id}/outlook/masterCategories`)).body,
    list: (await c.call('GET', `/v1.0/users/${AVA.id}/todo/lists/${ids.list}/tasks?$expand=linkedResources`)).body,
    subscriptions: (await c.call('GET', '/v1.0/subscriptions')).body,
    users: (await c.call('GET', '/_sandbox/info')).body['userCount'],
  });
}

describe('Graph sandbox state file', () => {
  let deltaLink: string;
  let seriesId: string;

  it('keeps events, categories, To Do, subscriptions and delta tokens across a restart', async () => {
    const first = await start();
    expect(messages.join('\n')).toContain('no saved state');
    const day = isoIn(2).slice(0, 10);
    const weekday = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][new Date(`${day}T00:00:00Z`).getUTCDay()];
    const series = await first.call('POST', `/v1.0/users/${AVA.id}/events`, {
      ...newEvent('Kept series', 2),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: [weekday] }, range: { type: 'numbered', startDate: day, numberOfOccurrences: 4 } },
    });
    expect(series.status).toBe(201);
    seriesId = series.body.id as string;
    const occurrences = (await first.call('GET', `/v1.0/users/${AVA.id}/events/${seriesId}/instances?${window()}`)).body.value as Json[];
    expect(occurrences.length).toBe(4);
    expect((await first.call('PATCH', `/v1.0/users/${AVA.id}/events/${occurrences[1]?.id}`, { subject: 'Kept exception' })).status).toBe(200);
    expect((await first.call('DELETE', `/v1.0/users/${AVA.id}/events/${occurrences[2]?.id}`)).status).toBe(204);
    const meeting = await first.call('POST', `/v1.0/users/${AVA.id}/events`, newEvent('Kept meeting', 3, { attendees: [{ emailAddress: { address: BEN.mail } }] }));
    expect((await first.call('POST', `/v1.0/users/${AVA.id}/outlook/masterCategories`, { displayName: 'Kept category', color: 'preset4' })).status).toBe(201);
    const list = await first.call('POST', `/v1.0/users/${AVA.id}/todo/lists`, { displayName: 'Kept list' });
    const task = await first.call('POST', `/v1.0/users/${AVA.id}/todo/lists/${list.body.id}/tasks`, {
      title: 'Kept task', categories: ['SAP Cloud for Customer'], linkedResources: [{ webUrl: 'https://c4c.example/task/1', applicationName: 'C4C', displayName: 'Task 1' }],
    });
    expect(task.status).toBe(201);
    const sub = await first.call('POST', '/v1.0/subscriptions', {
      changeType: 'created,updated,deleted', notificationUrl: `${rx.url}/notify`, resource: `/users/${AVA.id}/events`,
      expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(), clientState: 'kept-state',
    });
    expect(sub.status).toBe(201);
    expect((await first.call('POST', '/_sandbox/users', { count: 7 })).status).toBe(200);
    const ids = { series: seriesId, meeting: meeting.body.id as string, list: list.body.id as string };
    const initial = await round(first, `/v1.0/users/${AVA.id}/calendarView/delta?${window()}`);
    deltaLink = initial.deltaLink as string;
    const seen = new Set(initial.items.map((e) => e.id as string));
    const before = await readBack(first, ids);
    expect((before.instances.value as Json[]).map((e) => e.subject)).toEqual(['Kept series', 'Kept exception', 'Kept series']);
    expect(before.benCalendar.value).toHaveLength(1);
    expect((before.categories.value as Json[]).map((c) => c.displayName)).toContain('Kept category');
    expect(before.list.value[0]).toMatchObject({ title: 'Kept task', linkedResources: [expect.objectContaining({ applicationName: 'C4C' })] });
    expect(before.subscriptions.value).toEqual([expect.objectContaining({ id: sub.body.id, clientState: 'kept-state' })]);
    expect(before.users).toBe(7);
    await first.sandbox.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'crm-sync-sandbox-state', sandbox: 'graph', version: 1 });

    const second = await start();
    try {
      expect(messages.join('\n')).toContain(`state restored from ${file}`);
      expect(await readBack(second, ids)).toEqual(before);
      // The delta link handed out before the restart goes on from where it was ...
      const quiet = await round(second, deltaLink);
      expect(quiet.status).toBe(200);
      expect(quiet.items).toEqual([]);
      // ... ids go on too (none is handed out twice), and the subscription still notifies.
      const created = await second.call('POST', `/v1.0/users/${AVA.id}/events`, newEvent('Created after the restart', 4));
      expect(seen.has(created.body.id as string)).toBe(false);
      const changes = await round(second, quiet.deltaLink as string);
      expect(changes.items.map((e) => e.id)).toEqual([created.body.id]);
      await rx.waitFor((all) => all.some((n) => (n.value as Json[] | undefined)?.some((v) => v.resourceData?.id === created.body.id && v.subscriptionId === sub.body.id)));
      deltaLink = changes.deltaLink as string;
    } finally {
      await second.sandbox.close();
    }
  });

  it('starts from a fresh seed once the state is removed (--reset), and old delta links answer 410', async () => {
    expect(removeSandboxState(dataDir)).toEqual([file]);
    const fresh = await start();
    try {
      expect(messages.join('\n')).toContain('no saved state');
      expect((await fresh.call('GET', `/v1.0/users/${AVA.id}/events/${seriesId}`)).status).toBe(404);
      expect((await fresh.call('GET', '/v1.0/subscriptions')).body.value).toEqual([]);
      const gone = await round(fresh, deltaLink);
      expect(gone.status).toBe(410);
      expectGraphError(gone.body, 'SyncStateNotFound');
    } finally {
      await fresh.sandbox.close();
    }
  });

  it('writes a fresh seed at once, and a change within the save delay, before any close', async () => {
    removeSandboxState(dataDir);
    const h = await start();
    const until = async (ok: () => boolean) => {
      for (const deadline = Date.now() + 5_000; !ok(); await new Promise((r) => setTimeout(r, 20))) {
        if (Date.now() > deadline) throw new Error('the state file was not written');
      }
    };
    try {
      await until(() => existsSync(file));
      await h.call('POST', `/v1.0/users/${AVA.id}/events`, newEvent('Saved without a close', 1));
      await until(() => readFileSync(file, 'utf8').includes('Saved without a close'));
    } finally {
      await h.sandbox.close();
    }
  });

  it('sets a corrupt state file aside with a clear message and starts fresh', async () => {
    rmSync(sandboxStateFiles(dataDir).dir, { recursive: true, force: true });
    mkdirSync(sandboxStateFiles(dataDir).dir);
    writeFileSync(file, '{"format":"crm-sync-sandbox-state","sandbox":"graph","version":1,"state":{"store":');
    const h = await start();
    try {
      const warning = messages.find((m) => m.startsWith('warn: '));
      expect(warning).toContain(`Graph sandbox: the saved state in ${file} cannot be used: it is not valid JSON`);
      expect(warning).toContain('STARTING FROM A FRESH SEED');
      expect(readdirSync(sandboxStateFiles(dataDir).dir).filter((n) => n.startsWith('graph.json.unusable-'))).toHaveLength(1);
      expect(((await h.call('GET', `/v1.0/users/${AVA.id}/events`)).body.value as Json[]).length).toBeGreaterThan(0);
    } finally {
      await h.sandbox.close();
    }
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ sandbox: 'graph', version: 1 });
  });

  it('refuses a snapshot holding a mailbox collection this version does not know, rather than losing it', async () => {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Json;
    saved.state.store.mailboxes[0].contacts = { $map: [] };
    writeFileSync(file, JSON.stringify(saved));
    const h = await start();
    await h.sandbox.close();
    expect(messages.find((m) => m.startsWith('warn: '))).toContain("mailboxes hold 'contacts', which this version does not know");
  });
});
