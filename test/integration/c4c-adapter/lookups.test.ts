// Attendee resolution (employees first, then contacts, batched) and the linkable-object search with hostile
// input: quotes, OData operators, parentheses and wildcards must not change what the query means.
import { startAdapterHarness, TENANT, type AdapterHarness } from './harness.js';

let h: AdapterHarness;
let basic: string;
beforeAll(async () => {
  h = await startAdapterHarness();
  basic = `Basic ${Buffer.from(`${h.info.technicalUser.user}:${h.info.technicalUser.password}`).toString('base64')}`;
});
afterAll(async () => {
  await h.close();
});

async function rawGet<T>(path: string): Promise<T> {
  return (await (await fetch(`${h.svc}${path}`, { headers: { authorization: basic } })).json()) as T;
}

async function rawPost(set: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const tokenRes = await fetch(h.svc, { headers: { authorization: basic, 'x-csrf-token': 'Fetch' } });
  const cookie = tokenRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${h.svc}${set}`, {
    method: 'POST',
    headers: { authorization: basic, 'x-csrf-token': tokenRes.headers.get('x-csrf-token') ?? '', cookie, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { d: Record<string, unknown> }).d;
}

const methodCount = async (method: string) =>
  Object.entries((await h.counters()).byRoute)
    .filter(([route]) => route.startsWith(`${method} `))
    .reduce((n, [, c]) => n + c, 0);

describe('C4C adapter: resolveParties', () => {
  it('matches employees first, then contacts, ignores unknown and unmatchable addresses, in two $batch requests', async () => {
    const contacts = await rawGet<{ d: { results: { ContactID: string; Email: string }[] } }>("ContactCollection?$top=2&$select=ContactID,Email&$format=json");
    const [c1, c2] = contacts.d.results;
    const ava = h.info.employees[0]!;
    // A contact person sharing an employee's address: the employee wins (R8).
    await rawPost('ContactCollection', { FirstName: 'Ava', LastName: 'Adams (external)', Email: ava.email, AccountID: '1000001' });
    const filler = Array.from({ length: 40 }, (_, i) => `nobody${i}@nowhere.example`);
    await fetch(`${h.origin}/_sandbox/counters`, { method: 'DELETE' });

    const parties = await h.adapter.resolveParties(TENANT, [
      ava.email.toUpperCase(),
      c1!.Email,
      'not-an-address',
      'wild*card@contoso.example',
      ...filler,
      h.info.employees[1]!.email,
      c2!.Email,
      ava.email,
    ]);
    expect(parties).toEqual([
      { email: ava.email, partyId: ava.partyId, partyType: 'employee', name: ava.name },
      { email: c1!.Email.toLowerCase(), partyId: c1!.ContactID, partyType: 'contact', name: expect.any(String) },
      { email: h.info.employees[1]!.email, partyId: h.info.employees[1]!.partyId, partyType: 'employee', name: h.info.employees[1]!.name },
      { email: c2!.Email.toLowerCase(), partyId: c2!.ContactID, partyType: 'contact', name: expect.any(String) },
    ]);
    expect(await methodCount('POST')).toBe(2);
    expect(await methodCount('GET')).toBeLessThanOrEqual(1); // at most the CSRF token fetch ($batch is a POST)
  });

  it('sends nothing for an empty or unusable list', async () => {
    await fetch(`${h.origin}/_sandbox/counters`, { method: 'DELETE' });
    expect(await h.adapter.resolveParties(TENANT, [])).toEqual([]);
    expect(await h.adapter.resolveParties(TENANT, ['*', "' or 1 eq 1"])).toEqual([]);
    expect((await h.counters()).total).toBe(0);
  });
});

describe('C4C adapter: searchLinkable', () => {
  const search = (text: string, types: Parameters<AdapterHarness['adapter']['searchLinkable']>[1]['types'] = ['account'], top = 10) =>
    h.adapter.searchLinkable(TENANT, { text, types, top });

  it('finds accounts by name prefix (first) and by id', async () => {
    const byName = await search('Alp');
    expect(byName.length).toBeGreaterThan(0);
    const prefixed = byName.map((hit) => Boolean(hit.name?.toLowerCase().startsWith('alp')));
    expect(prefixed[0]).toBe(true);
    // Name-prefix hits before the free-text ones ($search also matches inside names, cities, e-mail addresses).
    expect(prefixed.indexOf(false) === -1 || prefixed.slice(prefixed.indexOf(false)).every((p) => !p)).toBe(true);
    expect(await search('1000001')).toEqual([expect.objectContaining({ type: 'account', id: '1000001' })]);
  });

  it('keeps quotes, operators and parentheses inside the literal', async () => {
    const created = await rawPost('CorporateAccountCollection', { Name: "O'Brien (Holding) or 1 eq 1", RoleCode: 'CRM000' });
    const hits = await search("O'Brien (Holding) or 1");
    expect(hits).toEqual([expect.objectContaining({ type: 'account', id: created['AccountID'], name: "O'Brien (Holding) or 1 eq 1" })]);
    for (const hostile of ["' or 1 eq 1", "x' or Name ne 'x", "') or (Name ne '", ')', "Alp') or startswith(Name,'B", '%27 or 1 eq 1', '&$top=100000', '#']) {
      expect(await search(hostile, ['account', 'contact', 'opportunity', 'email'])).toEqual([]);
    }
  });

  it('finds what reps type: a contact\'s last name, a word inside a name, typographic quotes', async () => {
    const contact = await rawPost('ContactCollection', { FirstName: 'Ana', LastName: 'Lopezqa' });
    expect(await search('Lopezqa', ['contact'])).toEqual([expect.objectContaining({ type: 'contact', id: contact['ContactID'] })]);
    const account = await rawPost('CorporateAccountCollection', { Name: 'Qorvex Automotivequ Parts', RoleCode: 'CRM000' });
    expect(await search('Automotivequ')).toEqual([expect.objectContaining({ type: 'account', id: account['AccountID'] })]);
    const irish = await rawPost('CorporateAccountCollection', { Name: "O'Quinlanq Freight", RoleCode: 'CRM000' });
    expect((await search('O’Quinlanq')).map((hit) => hit.id)).toEqual([irish['AccountID']]);
  });

  it('treats * as text to drop, never as a wildcard', async () => {
    expect(await search('*')).toEqual([]);
    expect(await search('*lp')).toEqual(await search('lp'));
    expect(await search('Alp*')).toEqual(await search('Alp'));
  });

  it('limits hits, mixes types and survives over-long input', async () => {
    const mixed = await search('A', ['account', 'contact', 'opportunity'], 6);
    expect(mixed).toHaveLength(6);
    expect(new Set(mixed.map((m) => m.type)).size).toBe(3);
    expect(await search('A'.repeat(10_000), ['account', 'contact', 'ticket', 'salesQuote', 'salesOrder', 'task', 'email', 'lead', 'individualCustomer'])).toEqual([]);
  });

  it('searches every linkable type in one $batch request', async () => {
    await fetch(`${h.origin}/_sandbox/counters`, { method: 'DELETE' });
    const hits = await search('A', ['account', 'contact', 'individualCustomer', 'lead', 'opportunity', 'ticket', 'salesQuote', 'salesOrder', 'task', 'email'], 50);
    expect(hits.length).toBeGreaterThan(0);
    expect((await h.counters()).total).toBe(1);
  });
});
