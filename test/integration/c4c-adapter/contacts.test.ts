// The contacts adapter (C4cCrmContacts) against the C4C sandbox: the change query over the four entity sets, reads
// by ObjectID (missing → removed) and by readable id, the duplicate check by e-mail (quotes and wildcards kept
// inert), the create that takes an existing contact instead, updates with If-Match (stale → conflict) in the fields
// each kind takes, and employees never written.
import { pino } from 'pino';
import { C4cCrmContacts } from '../../../src/server/adapters/c4c/index.js';
import type { ContactWriteRequest } from '../../../src/server/adapters/c4c/contact-writer.js';
import { emptyContact, type NormalizedContact } from '../../../src/server/domain/contact-item.js';
import { FAST_RETRY, startAdapterHarness, TENANT, type AdapterHarness } from './harness.js';
import { syncWindow } from './fixtures.js';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';

let h: AdapterHarness;
let contacts: C4cCrmContacts;
beforeAll(async () => {
  h = await startAdapterHarness();
  contacts = new C4cCrmContacts({ baseUrl: h.svc, ...h.info.technicalUser, logger: pino({ level: 'silent' }), timeoutMs: 10_000, retry: FAST_RETRY });
});
afterAll(async () => {
  await h.close();
});

const fields = (overrides: Partial<NormalizedContact> = {}): NormalizedContact => ({ ...emptyContact(), givenName: 'Ada', surname: 'Lovelace', jobTitle: 'Analyst', emails: ['ada.lovelace@engines.example'], businessPhones: ['+44 20 7946 0000'], ...overrides });
const create = (overrides: Partial<NormalizedContact> = {}): ContactWriteRequest => ({ op: 'create', kind: 'contact', groupwareItemId: 'unused', fields: fields(overrides), ownerPartyId: null, parties: [] });
const ok = (result: { ok: boolean } | undefined) => {
  if (!result?.ok) throw new Error(`write failed: ${JSON.stringify(result)}`);
  return result as { ok: true; id: string; version: string | null };
};

describe('C4C contacts adapter', () => {
  it('creates a contact, reads it by ObjectID and by ContactID, and finds it in the change query of the four sets', async () => {
    const mark = new Date(Date.now() - 1000).toISOString();
    const created = ok((await contacts.write(TENANT, [create()]))[0]);
    const [record] = await contacts.getByIds(TENANT, [{ kind: 'contact', objectId: created.id }]);
    expect(record).toMatchObject({ kind: 'contact', removed: false, status: 'open', writable: true, version: created.version, fields: { givenName: 'Ada', surname: 'Lovelace', emails: ['ada.lovelace@engines.example'] } });
    const c4cId = record?.fields.crmRef?.c4cId ?? '';
    expect((await contacts.getByC4cIds('contact', [c4cId, 'nope'])).get(c4cId)?.objectId).toBe(created.id);

    const changes = await contacts.changedSince(TENANT, mark, syncWindow());
    expect(changes.activities.map((r) => r.objectId)).toContain(created.id);
    expect(Date.parse(changes.nextHighWater)).toBeGreaterThanOrEqual(Date.parse(mark));
    // A missing record reads as removed.
    expect((await contacts.getByIds(TENANT, [{ kind: 'account', objectId: 'F00D' }]))[0]).toMatchObject({ removed: true, kind: 'account' });
  });

  it('a first change query reads nothing and takes its mark just after the newest change; a later change is read', async () => {
    const first = await contacts.changedSince(TENANT, null, syncWindow());
    expect(first.activities).toEqual([]);
    // The seeded records and the earlier test's contact lie before the mark; a write once the mark has passed is read.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(first.nextHighWater) - Date.now() + 10)));
    const created = ok((await contacts.write(TENANT, [create({ emails: ['after-mark@engines.example'] })]))[0]);
    const next = await contacts.changedSince(TENANT, first.nextHighWater, syncWindow());
    expect(next.activities.map((r) => r.objectId)).toEqual([created.id]);
  });

  it('checks for duplicates by e-mail, whatever its case, and takes the existing contact instead of creating one', async () => {
    const first = ok((await contacts.write(TENANT, [create({ emails: ['dup@engines.example'] })]))[0]);
    expect((await contacts.findContactsByEmail(['DUP@engines.example'])).map((r) => r.objectId)).toEqual([first.id]);
    const again = ok((await contacts.write(TENANT, [create({ emails: ['Dup@Engines.example'], surname: 'Other' })]))[0]);
    expect(again.id).toBe(first.id);
    // Quotes stay inside the literal; a wildcard is never sent (it would match other addresses).
    expect(await contacts.findContactsByEmail(["o'brien@x.example", '*@engines.example'])).toEqual([]);
  });

  it('updates the fields each kind takes with If-Match, refuses a stale version, and never writes an employee', async () => {
    const created = ok((await contacts.write(TENANT, [create({ emails: ['upd@engines.example'] })]))[0]);
    const [record] = await contacts.getByIds(TENANT, [{ kind: 'contact', objectId: created.id }]);
    if (!record) throw new Error('created contact not found');
    const after = { ...record.fields, surname: 'King', companyName: 'Ignored' };
    const [updated, stale] = await contacts.write(TENANT, [
      { op: 'update', kind: 'contact', objectId: created.id, ifMatch: record.version, patch: { surname: 'King', companyName: 'Ignored' }, after },
      { op: 'update', kind: 'contact', objectId: created.id, ifMatch: record.version, patch: { jobTitle: 'Late' }, after: { ...after, jobTitle: 'Late' } },
    ]);
    expect(ok(updated).version).not.toBe(record.version);
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await contacts.getByIds(TENANT, [{ kind: 'contact', objectId: created.id }]))[0]?.fields).toMatchObject({ surname: 'King', jobTitle: 'Analyst' });

    const employee = h.info.employees[0];
    const [read] = await contacts.getByIds(TENANT, [{ kind: 'employee', objectId: employee?.objectId ?? '' }]);
    expect(read).toMatchObject({ kind: 'employee', writable: false, removed: false });
    const [refused] = await contacts.write(TENANT, [{ op: 'update', kind: 'employee', objectId: employee?.objectId ?? '', ifMatch: read?.version ?? '', patch: { surname: 'X' }, after: { ...emptyContact(), surname: 'X' } }]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const [cancel] = await contacts.write(TENANT, [{ op: 'cancel', kind: 'contact', objectId: created.id, ifMatch: '*' }]);
    expect(cancel).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it("recognises attendees by e-mail: employees first, then only the caller's own active contacts; unmatchable addresses are skipped", async () => {
    const { user, password } = h.info.technicalUser;
    const get = async (path: string) =>
      ((await (await fetch(`${h.svc}${path}&$format=json`, { headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } })).json()) as { d: { results: Record<string, string>[] } }).d.results;
    const [ava, ben] = DEMO_USERS;
    const [own] = await get(`ContactCollection?$filter=ContactOwnerID eq '${ava?.c4cEmployeeId}' and StatusCode eq '2'&$top=1`);
    const [other] = await get(`ContactCollection?$filter=ContactOwnerID eq '${ben?.c4cEmployeeId}'&$top=1`);
    const people = await contacts.matchByEmail([String(other?.Email), `  ${String(own?.Email).toUpperCase()} `, String(ben?.mail), 'nobody@nowhere.example', 'a*@b.example'], String(ava?.c4cEmployeeId));
    expect(people).toEqual([
      { email: String(own?.Email).toLowerCase(), type: 'contact', c4cId: own?.ContactID, name: own?.Name },
      { email: ben?.mail, type: 'employee', c4cId: ben?.c4cEmployeeId, name: expect.any(String) },
    ]);
  });
});

