// The tenant's code lists, against the C4C sandbox serving a tenant whose codes are not C4C's standard ones (so the
// adapter cannot pass by writing codes of its own): BTD reference types for lead, quote, order, task and e-mail,
// and involved-party roles for other accounts and contacts, read from the value-help collections, cached per
// tenant, and links the tenant has no code for refused with the reason, never dropped.
import { pino } from 'pino';
import { C4cCrmTasks } from '../../../src/server/adapters/c4c/index.js';
import { CodeLists } from '../../../src/server/adapters/c4c/code-lists.js';
import { ODataHttp } from '../../../src/server/adapters/c4c/odata-http.js';
import type { CrmLink } from '../../../src/shared/crm-links.js';
import { createRequest, item, ok } from './fixtures.js';
import { startAdapterHarness, TENANT, type AdapterHarness } from './harness.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => {
  await h.close();
});

const TENANT_BTD_TYPES = [
  { Code: '72', Description: 'Opportunity' },
  { Code: '118', Description: 'Service Request' },
  { Code: 'Z0030', Description: 'Sales Quote' },
  { Code: '114', Description: 'Sales Order' },
  { Code: 'Z2059', Description: 'Customer Order' },
  { Code: 'Z0542', Description: 'Task' },
  { Code: 'Z0039', Description: 'E-Mail' },
  { Code: 'Z1754', Description: 'Lead' },
];
const TENANT_ROLES = [
  { Code: 'Z35', Description: 'Organizer' },
  { Code: 'Z55', Description: 'Attendee' },
  { Code: 'Z39', Description: 'Employee Responsible' },
  { Code: 'Z31', Description: 'Account' },
  { Code: 'Z34', Description: 'Contact' },
];

async function setCodeList(set: string, values: { Code: string; Description: string; Context?: string }[] | null): Promise<void> {
  const res = values === null ? await h.control('DELETE', `code-lists/${set}`) : await h.control('PUT', `code-lists/${set}`, { values });
  expect(res.status).toBeLessThan(300);
}

async function raw(objectId: string): Promise<Record<string, { results: Record<string, unknown>[] }>> {
  const basic = `Basic ${Buffer.from(`${h.info.technicalUser.user}:${h.info.technicalUser.password}`).toString('base64')}`;
  const res = await fetch(`${h.svc}AppointmentCollection('${objectId}')?$format=json&$expand=AppointmentInvolvedParties,AppointmentBTDReference`, { headers: { authorization: basic } });
  return ((await res.json()) as { d: Record<string, { results: Record<string, unknown>[] }> }).d;
}

async function firstId(set: string, field: string): Promise<string> {
  const basic = `Basic ${Buffer.from(`${h.info.technicalUser.user}:${h.info.technicalUser.password}`).toString('base64')}`;
  const res = await fetch(`${h.svc}${set}?$format=json&$top=1&$select=${field}`, { headers: { authorization: basic } });
  return String(((await res.json()) as { d: { results: Record<string, unknown>[] } }).d.results[0]?.[field]);
}

const codeListReads = async (): Promise<number> => (await h.counters()).byRoute['GET /sap/c4c/odata/v1/c4codataapi/*'] ?? 0;

describe("C4C adapter: the tenant's code lists", () => {
  afterEach(async () => {
    await setCodeList('AppointmentBTDReferenceTypeCodeCollection', null);
    await setCodeList('AppointmentInvolvedPartiesRoleCodeCollection', null);
  });

  it("serves a tenant's own codes as C4C's metadata says: a whole CodeList with $format=json, $filter only on contextual lists, checked on write", async () => {
    await setCodeList('AppointmentBTDReferenceTypeCodeCollection', TENANT_BTD_TYPES);
    const basic = `Basic ${Buffer.from(`${h.info.technicalUser.user}:${h.info.technicalUser.password}`).toString('base64')}`;
    const get = async (path: string) => fetch(`${h.svc}${path}`, { headers: { authorization: basic } });
    const all = await get('AppointmentBTDReferenceTypeCodeCollection?$format=json');
    expect(((await all.json()) as { d: { results: unknown[] } }).d.results).toEqual(TENANT_BTD_TYPES.map((c) => expect.objectContaining(c)));
    // c4codata.CodeList marks Code and Description sap:filterable="false"; ContextualCodeList's are filterable.
    const filtered = await get(`AppointmentBTDReferenceTypeCodeCollection?$format=json&$filter=${encodeURIComponent("Description eq 'Lead'")}`);
    expect(filtered.status).toBe(400);
    await setCodeList('AppointmentCategoryCollection', [{ Context: '12', Code: '0001', Description: 'Customer Visit' }, { Context: '542', Code: '0001', Description: 'Follow-up' }] ); 
    try {
      const contextual = await get(`AppointmentCategoryCollection?$format=json&$filter=${encodeURIComponent("Context eq '12'")}`);
      expect(((await contextual.json()) as { d: { results: unknown[] } }).d.results).toEqual([expect.objectContaining({ Context: '12', Code: '0001', Description: 'Customer Visit' })]);
    } finally {
      await setCodeList('AppointmentCategoryCollection', null);
    }
    // C4C's standard lead code is not this tenant's: an adapter that wrote its own codes would be refused.
    const [standard] = await h.newAdapter().write(TENANT, [createRequest('cl-standard-1')]);
    const objectId = ok(standard).id;
    const csrf = await fetch(`${h.svc}`, { headers: { authorization: basic, 'x-csrf-token': 'Fetch' } });
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const refused = await fetch(`${h.svc}AppointmentCollection('${objectId}')/AppointmentBTDReference`, {
      method: 'POST',
      headers: { authorization: basic, 'x-csrf-token': csrf.headers.get('x-csrf-token') ?? '', cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ ID: '50001', TypeCode: '1754' }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('INVALID_CODE');
  });

  it("writes and reads links with the tenant's BTD types and party roles, and reads each code list once", async () => {
    await setCodeList('AppointmentBTDReferenceTypeCodeCollection', TENANT_BTD_TYPES);
    await setCodeList('AppointmentInvolvedPartiesRoleCodeCollection', TENANT_ROLES);
    const adapter = h.newAdapter();
    const [account, otherAccount] = [await firstId('CorporateAccountCollection', 'AccountID'), String(Number(await firstId('CorporateAccountCollection', 'AccountID')) + 1)];
    const [contact, otherContact] = [await firstId('ContactCollection', 'ContactID'), String(Number(await firstId('ContactCollection', 'ContactID')) + 1)];
    const links: CrmLink[] = [
      { type: 'account', id: account, primary: true },
      { type: 'contact', id: contact, primary: true },
      { type: 'account', id: otherAccount },
      { type: 'contact', id: otherContact },
      { type: 'lead', id: '50001' },
      { type: 'salesQuote', id: '80001' },
      { type: 'salesOrder', id: '90001' },
      { type: 'task', id: '30001' },
      { type: 'email', id: '40001' },
      { type: 'opportunity', id: '60001' },
    ];
    await h.control('DELETE', 'counters');
    const created = ok((await adapter.write(TENANT, [createRequest('cl-links-1', { links })]))[0]);
    const stored = await raw(created.id);
    expect(stored.AppointmentBTDReference?.results.map((r) => [r['TypeCode'], r['ID']]).sort()).toEqual(
      [['72', '60001'], ['Z0030', '80001'], ['Z0039', '40001'], ['Z0542', '30001'], ['Z1754', '50001'], ['Z2059', '90001']].sort(),
    );
    expect(stored.AppointmentInvolvedParties?.results.map((r) => [r['RoleCode'], r['PartyID'], r['MainIndicator']])).toEqual([
      ['Z31', otherAccount, false],
      ['Z34', otherContact, false],
    ]);
    const [read] = await adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: created.id }]);
    expect(read?.fields.links).toEqual(expect.arrayContaining(links.map((l) => ({ type: l.type, id: l.id, ...(l.primary ? { primary: true } : {}) }))));
    expect(read?.fields.links).toHaveLength(links.length);
    expect(read?.fields.attendees).toEqual([]);
    // The CSRF token fetch and the three lists (BTD types, party roles and time zones of appointments); a second
    // write reads none.
    expect(await codeListReads()).toBe(4);
    ok((await adapter.write(TENANT, [createRequest('cl-links-2', { links })]))[0]);
    expect(await codeListReads()).toBe(4);
  });

  it('refuses, naming them, the links the tenant has no code for, and writes nothing of the item', async () => {
    await setCodeList('AppointmentBTDReferenceTypeCodeCollection', TENANT_BTD_TYPES.filter((c) => c.Description !== 'Lead'));
    await setCodeList('AppointmentInvolvedPartiesRoleCodeCollection', TENANT_ROLES.filter((c) => c.Description !== 'Contact'));
    const adapter = h.newAdapter();
    const [result] = await adapter.write(TENANT, [createRequest('cl-refused-1', { links: [{ type: 'account', id: '1000001', primary: true }, { type: 'contact', id: '2000002' }, { type: 'lead', id: '50001' }] })]);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid', message: 'C4C has no code for 2 link(s) of this item' }) });
    const detail = result?.ok ? '' : (result?.error.detail ?? '');
    expect(detail).toContain('the other contact 2000002 (AppointmentInvolvedPartiesRoleCodeCollection has no contact role');
    expect(detail).toContain('the lead 50001 (AppointmentBTDReferenceTypeCodeCollection has no Lead type)');
    expect(await adapter.findByGroupwareItemId(TENANT, 'appointment', 'cl-refused-1')).toBeNull();
  });

  it('reports what C4C refuses (a code the tenant dropped after it was read) with the tenant\'s message', async () => {
    await setCodeList('AppointmentInvolvedPartiesRoleCodeCollection', TENANT_ROLES);
    const adapter = h.newAdapter();
    const created = ok((await adapter.write(TENANT, [createRequest('cl-stale-1')]))[0]);
    await setCodeList('AppointmentInvolvedPartiesRoleCodeCollection', TENANT_ROLES.map((c) => (c.Description === 'Contact' ? { ...c, Code: 'Z99' } : c)));
    const [result] = await adapter.write(TENANT, [
      { op: 'update', kind: 'appointment', objectId: created.id, ifMatch: created.version ?? '*', patch: { links: [{ type: 'contact', id: '2000002' }] }, after: item({ links: [{ type: 'contact', id: '2000002' }] }) },
    ]);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid', message: 'C4C answered 400 INVALID_CODE', detail: expect.stringContaining("Value 'Z34' of RoleCode is not in code list") }) });
  });
});

describe("C4C adapter (tasks): the tenant's code lists", () => {
  it("reads a task's document links with the tenant's BTD reference types", async () => {
    await setCodeList('TasksBTDReferenceTypeCodeCollection', [{ Code: 'Z72', Description: 'Opportunity' }, { Code: 'Z1754', Description: 'Lead' }]);
    try {
      const basic = `Basic ${Buffer.from(`${h.info.technicalUser.user}:${h.info.technicalUser.password}`).toString('base64')}`;
      const csrf = await fetch(`${h.svc}`, { headers: { authorization: basic, 'x-csrf-token': 'Fetch' } });
      const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const created = await fetch(`${h.svc}TasksCollection`, {
        method: 'POST',
        headers: { authorization: basic, 'x-csrf-token': csrf.headers.get('x-csrf-token') ?? '', cookie, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ Subject: 'Tenant codes', TasksBTDReference: [{ ID: '60001', TypeCode: 'Z72' }, { ID: '50001', TypeCode: 'Z1754' }] }),
      });
      expect(created.status).toBe(201);
      const objectId = String(((await created.json()) as { d: Record<string, unknown> }).d['ObjectID']);
      const tasks = new C4cCrmTasks({ baseUrl: h.svc, user: h.info.technicalUser.user, password: h.info.technicalUser.password, logger: pino({ level: 'silent' }), timeoutMs: 5000 });
      const [task] = await tasks.getByIds(TENANT, [{ kind: 'task', objectId }]);
      expect(task?.fields.links).toEqual([{ type: 'opportunity', id: '60001' }, { type: 'lead', id: '50001' }]);
    } finally {
      await setCodeList('TasksBTDReferenceTypeCodeCollection', null);
    }
  });
});

describe('code list cache', () => {
  it('keeps a list for its time to live, per tenant, and reads it again after', async () => {
    let now = 1_000_000;
    const http = new ODataHttp({ baseUrl: h.svc, user: h.info.technicalUser.user, password: h.info.technicalUser.password, logger: pino({ level: 'silent' }), timeoutMs: 5000 });
    const lists = new CodeLists(http, pino({ level: 'silent' }), 60_000, () => now);
    await h.control('DELETE', 'counters');
    expect(await lists.read('VisitPartyRoleCodeCollection')).toEqual(expect.arrayContaining([{ Code: '55', Description: 'Attendee' }]));
    await lists.read('VisitPartyRoleCodeCollection');
    expect(await codeListReads()).toBe(1);
    await setCodeList('VisitPartyRoleCodeCollection', [{ Code: 'Q1', Description: 'Attendee' }]);
    try {
      now += 60_000;
      expect(await lists.read('VisitPartyRoleCodeCollection')).toEqual([{ Code: 'Q1', Description: 'Attendee' }]);
      expect(await codeListReads()).toBe(2);
    } finally {
      await setCodeList('VisitPartyRoleCodeCollection', null);
    }
  });
});
