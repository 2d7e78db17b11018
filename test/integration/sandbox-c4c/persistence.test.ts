// The C4C sandbox with a state file (`npm start`): a tenant changed over HTTP, closed and started again from the
// same file, is the same tenant (rows, ETags, number ranges, system identity); without the file (--reset) or after a
// reseed it is a new one; a corrupt or foreign file is set aside with a clear message and the sandbox starts fresh.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSchema } from '../../../src/sandbox/c4c/schema.js';
import { removeSandboxState, sandboxStateFiles } from '../../../src/sandbox/state-dir.js';
import { json, startHarness, type Feed, type Harness, type Single } from './harness.js';

let dataDir: string;
let file: string;
const messages: string[] = [];
const log = { info: (m: string) => messages.push(`info: ${m}`), warn: (m: string) => messages.push(`warn: ${m}`) };
const schema = loadSchema();
const start = () => startHarness({ accounts: 50, schema, persist: { file, log, saveDelayMs: 50 } });

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'c4c-state-'));
  file = sandboxStateFiles(dataDir).c4c;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
beforeEach(() => {
  messages.length = 0;
});

const systemIdentity = async (h: Harness) =>
  (await json<Feed>(await h.call('GET', 'IdentityGetLoggedInUserInfo?$format=json'))).d.results[0]?.['UUID'] as string;
const appointment = async (h: Harness, id: string) => {
  const res = await h.call('GET', `AppointmentCollection('${id}')?$format=json`);
  if (res.status !== 200) return { status: res.status };
  // Properties only: __metadata and the navigation links name the sandbox's port, which is new at every start.
  const body = Object.fromEntries(Object.entries((await json<Single>(res)).d).filter(([, v]) => typeof v !== 'object' || v === null));
  return { status: res.status, etag: res.headers.get('etag'), body };
};
const create = async (h: Harness, subject: string) => {
  const res = await h.call('POST', 'AppointmentCollection', { body: { Subject: subject, StartDate: '/Date(1800000000000)/', EndDate: '/Date(1800003600000)/' } });
  expect(res.status).toBe(201);
  return (await json<Single>(res)).d;
};

describe('C4C sandbox state file', () => {
  let patchedId: string;
  let identity: string;

  it('keeps every table, the number ranges and the system identity across a restart', async () => {
    const first = await start();
    expect(messages.join('\n')).toContain('no saved state');
    const some = (await json<Feed>(await first.call('GET', 'AppointmentCollection?$top=1&$format=json'))).d.results[0];
    patchedId = String(some?.['ObjectID']);
    expect((await first.call('PATCH', `AppointmentCollection('${patchedId}')`, { body: { Subject: 'Kept across a restart' } })).status).toBe(204);
    const created = await create(first, 'Created before the restart');
    const before = await appointment(first, patchedId);
    identity = await systemIdentity(first);
    // A tenant's own code list is part of the tenant.
    const roles = [{ Code: 'Z34', Description: 'Contact' }];
    expect((await first.control('PUT', 'code-lists/VisitPartyRoleCodeCollection', { values: roles })).status).toBe(200);
    const counts = (await json<{ counts: Record<string, number> }>(await first.control('GET', 'info'))).counts;
    await first.close();

    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ format: 'crm-sync-sandbox-state', sandbox: 'c4c', version: 1 });

    const second = await start();
    try {
      expect(messages.join('\n')).toContain(`state restored from ${file}`);
      const after = await appointment(second, patchedId);
      expect(after).toEqual(before);
      expect(after.body?.['Subject']).toBe('Kept across a restart');
      expect((await appointment(second, String(created['ObjectID']))).body?.['Subject']).toBe('Created before the restart');
      expect(await systemIdentity(second)).toBe(identity);
      expect((await json<Feed>(await second.call('GET', 'VisitPartyRoleCodeCollection?$format=json'))).d.results).toEqual([expect.objectContaining({ Code: 'Z34', Description: 'Contact' })]);
      const info = await json<{ systemIdentity: string; counts: Record<string, number> }>(await second.control('GET', 'info'));
      expect(info.systemIdentity).toBe(identity);
      expect(info.counts).toEqual(counts);
      // The number ranges go on where they were: no id is handed out twice.
      const next = await create(second, 'Created after the restart');
      expect(next['ObjectID']).not.toBe(created['ObjectID']);
      expect(Number(next['ID'])).toBe(Number(created['ID']) + 1);
      // Children were relinked: the appointment's parties come with it.
      const expanded = await json<Single>(await second.call('GET', `AppointmentCollection('${patchedId}')?$expand=AppointmentInvolvedParties&$format=json`));
      expect((expanded.d['AppointmentInvolvedParties'] as { results: unknown[] }).results.length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  it('answers another system identity after a reseed, and the reseed is what is kept', async () => {
    const h = await start();
    try {
      expect((await h.control('POST', 'reset')).status).toBe(200);
      const reseeded = await systemIdentity(h);
      expect(reseeded).not.toBe(identity);
      expect((await appointment(h, patchedId)).body?.['Subject']).not.toBe('Kept across a restart');
      identity = reseeded;
    } finally {
      await h.close();
    }
    const again = await start();
    try {
      expect(await systemIdentity(again)).toBe(identity);
    } finally {
      await again.close();
    }
  });

  it('starts a fresh tenant, with a new system identity, once the state is removed (--reset)', async () => {
    expect(removeSandboxState(dataDir)).toEqual([file]);
    const h = await start();
    try {
      expect(messages.join('\n')).toContain('no saved state');
      expect(await systemIdentity(h)).not.toBe(identity);
    } finally {
      await h.close();
    }
    expect(existsSync(file)).toBe(true);
  });

  it('sets a corrupt or foreign state file aside with a clear message and starts fresh', async () => {
    for (const [content, reason] of [
      ['{"format":"crm-sync-sandbox-state","sandbox":"c4c","version":1,"state":{"tab', 'it is not valid JSON'],
      [JSON.stringify({ format: 'crm-sync-sandbox-state', sandbox: 'c4c', version: 99, state: {} }), 'it is in format version 99, and this sandbox reads version 1'],
      [JSON.stringify({ format: 'crm-sync-sandbox-state', sandbox: 'graph', version: 1, state: {} }), 'it holds the state of the graph sandbox'],
      [JSON.stringify({ format: 'crm-sync-sandbox-state', sandbox: 'c4c', version: 1, state: { tables: { NoSuchCollection: [] } } }), 'its content is not what this version expects'],
    ] as const) {
      rmSync(sandboxStateFiles(dataDir).dir, { recursive: true, force: true });
      mkdirSync(sandboxStateFiles(dataDir).dir);
      writeFileSync(file, content);
      messages.length = 0;
      const h = await start();
      try {
        const warning = messages.find((m) => m.startsWith('warn: '));
        expect(warning).toContain(`C4C sandbox: the saved state in ${file} cannot be used: ${reason}`);
        expect(warning).toContain('STARTING FROM A FRESH SEED');
        const aside = readdirSync(sandboxStateFiles(dataDir).dir).filter((n) => n.startsWith('c4c.json.unusable-'));
        expect(aside).toHaveLength(1);
        expect(readFileSync(join(sandboxStateFiles(dataDir).dir, aside[0] ?? ''), 'utf8')).toBe(content);
        expect((await h.call('GET', 'AppointmentCollection?$top=1&$format=json')).status).toBe(200);
      } finally {
        await h.close();
      }
      // The fresh tenant was saved in its place.
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ sandbox: 'c4c', version: 1 });
    }
  });
});
