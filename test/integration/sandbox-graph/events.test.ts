// Events over real HTTP: CRUD, changeKey/etag, $select/$filter/$top paging, extended properties, transactionId
// idempotency, If-Match 412, seeded item kinds, meetings across mailboxes, master categories.
import { AVA, BEN, CHLOE, expectGraphError, newEvent, startHarness, type Harness, type Json } from './harness.js';

const PROP = 'String {00020329-0000-0000-C000-000000000046} Name cecp-4a2d8f6e-9c1b-4e7a-8d3f-2b6c5e1a0c4c';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe('event CRUD', () => {
  it('creates, reads, patches (new changeKey, etag, lastModified) and deletes', async () => {
    const created = await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('CRUD test', 2, { categories: ['Visit'] }) });
    expect(created.status).toBe(201);
    const e = created.body;
    expect(e).toEqual(expect.objectContaining({ subject: 'CRUD test', type: 'singleInstance', isOrganizer: true, categories: ['Visit'] }));
    expect(e['@odata.etag']).toBe(`W/"${e.changeKey}"`);
    expect(e.start).toEqual({ dateTime: expect.stringMatching(/T10:00:00\.0000000$/), timeZone: 'UTC' });

    const got = await h.graph('GET', `/users/${AVA.mail}/calendar/events/${e.id}`);
    expect(got.status).toBe(200);
    expect(got.body.iCalUId).toBe(e.iCalUId);

    await new Promise((r) => setTimeout(r, 1100));
    const patched = await h.graph('PATCH', `/users/${AVA.id}/events/${e.id}`, { body: { subject: 'CRUD test (edited)' } });
    expect(patched.status).toBe(200);
    expect(patched.body.subject).toBe('CRUD test (edited)');
    expect(patched.body.categories).toEqual(['Visit']);
    expect(patched.body.changeKey).not.toBe(e.changeKey);
    expect(patched.body.lastModifiedDateTime > e.lastModifiedDateTime).toBe(true);

    expect((await h.graph('DELETE', `/users/${AVA.id}/events/${e.id}`)).status).toBe(204);
    const gone = await h.graph('GET', `/users/${AVA.id}/events/${e.id}`);
    expect(gone.status).toBe(404);
    expectGraphError(gone.body, 'ErrorItemNotFound');
  });

  it('rejects a PATCH or DELETE whose If-Match is stale with 412, and accepts the current etag', async () => {
    const e = (await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('Etag test') })).body;
    const first = await h.graph('PATCH', `/users/${AVA.id}/events/${e.id}`, { body: { subject: 'v2' }, headers: { 'if-match': e['@odata.etag'] } });
    expect(first.status).toBe(200);
    const stale = await h.graph('PATCH', `/users/${AVA.id}/events/${e.id}`, { body: { subject: 'v3' }, headers: { 'if-match': e['@odata.etag'] } });
    expect(stale.status).toBe(412);
    expectGraphError(stale.body, 'ErrorIrresolvableConflict');
    expect((await h.graph('DELETE', `/users/${AVA.id}/events/${e.id}`, { headers: { 'if-match': e['@odata.etag'] } })).status).toBe(412);
    expect((await h.graph('DELETE', `/users/${AVA.id}/events/${e.id}`, { headers: { 'if-match': first.body['@odata.etag'] } })).status).toBe(204);
  });

  it('returns the first item again for a repeated transactionId', async () => {
    const body = newEvent('Idempotent create', 3, { transactionId: 'tx-7c1f0a' });
    const one = await h.graph('POST', `/users/${AVA.id}/events`, { body });
    const two = await h.graph('POST', `/users/${AVA.id}/events`, { body: { ...body, subject: 'changed on retry' } });
    expect(one.status).toBe(201);
    expect(two.status).toBe(201);
    expect(two.body.id).toBe(one.body.id);
    expect(two.body.subject).toBe('Idempotent create');
    expect(two.body.transactionId).toBe('tx-7c1f0a');
    const list = await h.graph('GET', `/users/${AVA.id}/events?$filter=subject eq 'Idempotent create'&$top=50`);
    expect(list.body.value).toHaveLength(1);
  });
});

describe('queries', () => {
  it('pages /events with $top and nextLink, and applies $select', async () => {
    const first = await h.graph('GET', `/users/${BEN.id}/events?$top=5&$select=subject,categories`);
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(5);
    expect(Object.keys(first.body.value[0]).sort()).toEqual(['@odata.etag', 'categories', 'id', 'subject']);
    const next = first.body['@odata.nextLink'] as string;
    expect(next).toContain('$skip=5');
    const second = await fetch(next, { headers: { authorization: `Bearer ${h.appToken}` } });
    const page2 = (await second.json()) as Json;
    expect(page2.value).toHaveLength(5);
    expect(page2.value[0].id).not.toBe(first.body.value[0].id);
  });

  it('filters on categories, type and start, with and/or', async () => {
    const visits = await h.graph('GET', `/users/${BEN.id}/events?$filter=categories/any(c:c eq 'Visit')&$top=100`);
    expect(visits.body.value.length).toBeGreaterThan(0);
    for (const e of visits.body.value) expect(e.categories).toContain('Visit');
    const masters = await h.graph('GET', `/users/${BEN.id}/events?$filter=type eq 'seriesMaster'&$top=100`);
    expect(masters.body.value.length).toBeGreaterThan(0);
    for (const e of masters.body.value) expect(e.recurrence).not.toBeNull();
    const since = new Date().toISOString();
    const later = await h.graph('GET', `/users/${BEN.id}/events?$filter=start/dateTime ge '${since}' and isAllDay eq false&$top=100`);
    for (const e of later.body.value) expect(Date.parse(`${e.start.dateTime}Z`)).toBeGreaterThanOrEqual(Date.parse(since) - 1000);
    const bad = await h.graph('GET', `/users/${BEN.id}/events?$filter=subject eq`);
    expect(bad.status).toBe(400);
    expectGraphError(bad.body);
  });

  it('renders times in the zone asked for with Prefer: outlook.timezone', async () => {
    const e = (await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('Zone test', 4) })).body;
    const got = await h.graph('GET', `/users/${AVA.id}/events/${e.id}`, { headers: { prefer: 'outlook.timezone="Pacific Standard Time"' } });
    expect(got.body.start.timeZone).toBe('Pacific Standard Time');
    expect(got.body.start.dateTime).toMatch(/T0[23]:00:00\.0000000$/);
  });

  it('knows every Windows zone (CLDR) and rejects an unknown one', async () => {
    const e = (await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('Zone test 2', 4, { start: { dateTime: '2026-11-23T14:00:00', timeZone: 'Arabian Standard Time' }, end: { dateTime: '2026-11-23T15:00:00', timeZone: 'Arabian Standard Time' } }) })).body;
    const got = await h.graph('GET', `/users/${AVA.id}/events/${e.id}`, { headers: { prefer: 'outlook.timezone="Korea Standard Time"' } });
    expect(got.body.start).toEqual({ dateTime: '2026-11-23T19:00:00.0000000', timeZone: 'Korea Standard Time' });
    const bad = await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('Zone test 3', 4, { start: { dateTime: '2026-11-23T14:00:00', timeZone: 'Not A Zone' } }) });
    expect(bad.status).toBe(400);
    expectGraphError(bad.body);
  });

  it('renders HTML bodies as text with Prefer: outlook.body-content-type="text"', async () => {
    const e = (await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('Body test', 4, { body: { contentType: 'html', content: '<p>Hello &amp; <b>welcome</b></p>' } }) })).body;
    expect(e.body).toEqual({ contentType: 'html', content: '<p>Hello &amp; <b>welcome</b></p>' });
    expect(e.bodyPreview).toBe('Hello & welcome');
    const got = await h.graph('GET', `/users/${AVA.id}/events/${e.id}`, { headers: { prefer: 'outlook.body-content-type="text"' } });
    expect(got.body.body).toEqual({ contentType: 'text', content: 'Hello & welcome' });
    expect(got.headers.get('preference-applied')).toContain('outlook.body-content-type="text"');
  });
});

describe('extended properties', () => {
  it('writes on POST and PATCH and reads back with $expand and $filter', async () => {
    const e = (await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('Linked', 5, { singleValueExtendedProperties: [{ id: PROP, value: '{"links":[1]}' }] }) })).body;
    expect(e.singleValueExtendedProperties).toBeUndefined();
    const expand = `$expand=singleValueExtendedProperties($filter=id eq '${PROP}')`;
    const got = await h.graph('GET', `/users/${AVA.id}/events/${e.id}?${expand}`);
    expect(got.body.singleValueExtendedProperties).toHaveLength(1);
    expect(got.body.singleValueExtendedProperties[0].value).toBe('{"links":[1]}');
    expect(got.body.singleValueExtendedProperties[0].id.toLowerCase()).toBe(PROP.toLowerCase());
    await h.graph('PATCH', `/users/${AVA.id}/events/${e.id}`, { body: { singleValueExtendedProperties: [{ id: PROP, value: '{"links":[2]}' }] } });
    const again = await h.graph('GET', `/users/${AVA.id}/events/${e.id}?${expand}`);
    expect(again.body.singleValueExtendedProperties[0].value).toBe('{"links":[2]}');
    const other = await h.graph('GET', `/users/${AVA.id}/events/${e.id}?$expand=singleValueExtendedProperties($filter=id eq 'String {00020329-0000-0000-C000-000000000046} Name other')`);
    expect(other.body.singleValueExtendedProperties).toBeUndefined();
    const filtered = await h.graph('GET', `/users/${AVA.id}/events?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '${PROP}' and ep/value eq '{"links":[2]}')`);
    expect(filtered.body.value.map((x: Json) => x.id)).toEqual([e.id]);
    const bad = await h.graph('PATCH', `/users/${AVA.id}/events/${e.id}`, { body: { singleValueExtendedProperties: [{ id: 'nonsense', value: 'x' }] } });
    expect(bad.status).toBe(400);
  });
});

describe('seeded calendars and meetings', () => {
  const window = () => `startDateTime=${new Date(Date.now() - 15 * 86_400_000).toISOString()}&endDateTime=${new Date(Date.now() + 29 * 86_400_000).toISOString()}`;

  it('hold every kind of item', async () => {
    const view = await h.graph('GET', `/users/${AVA.id}/calendarView?${window()}&$top=500`);
    const items = view.body.value as Json[];
    const types = new Set(items.map((e) => e.type));
    expect([...types].sort()).toEqual(['exception', 'occurrence', 'singleInstance']);
    expect(items.some((e) => e.isAllDay && Date.parse(e.end.dateTime + 'Z') - Date.parse(e.start.dateTime + 'Z') > 86_400_000)).toBe(true);
    expect(items.some((e) => e.isAllDay && Date.parse(e.end.dateTime + 'Z') - Date.parse(e.start.dateTime + 'Z') === 86_400_000)).toBe(true);
    expect(items.some((e) => e.sensitivity === 'private')).toBe(true);
    expect(items.some((e) => e.categories.includes('SAP Cloud for Customer'))).toBe(true);
    expect(items.some((e) => e.attendees.length > 0 && !e.isOrganizer)).toBe(true);
    const occurrence = items.find((e) => e.type === 'occurrence');
    expect(occurrence?.seriesMasterId).toBeTruthy();
    const instances = await h.graph('GET', `/users/${AVA.id}/events/${occurrence?.seriesMasterId}/instances?${window()}`);
    expect(instances.status).toBe(200);
    expect(instances.body.value.length).toBeGreaterThan(1);
  });

  it('give each occurrence of a recurring meeting its own iCalUId, the same in every attendee\'s calendar', async () => {
    const standUps = async (userId: string) =>
      ((await h.graph('GET', `/users/${userId}/calendarView?${window()}&$top=500&$filter=startswith(subject,'Sales team stand-up')`)).body.value as Json[]);
    const ava = await standUps(AVA.id);
    const ben = await standUps(BEN.id);
    expect(ava.length).toBeGreaterThan(5);
    expect(new Set(ava.map((e) => e.iCalUId)).size).toBe(ava.length);
    expect(new Set(ava.map((e) => e.uid)).size).toBe(1);
    expect(ben.map((e) => e.iCalUId).sort()).toEqual(ava.map((e) => e.iCalUId).sort());
    expect(ben.every((e) => !e.isOrganizer) && ava.every((e) => e.isOrganizer)).toBe(true);
  });

  it('copies a meeting into attendees\' calendars and reflects accept and delete on the organizer', async () => {
    const meeting = (await h.graph('POST', `/users/${AVA.id}/events`, {
      body: newEvent('Cross-mailbox meeting', 6, {
        attendees: [BEN, CHLOE].map((u) => ({ type: 'required', emailAddress: { address: u.mail, name: u.displayName } })),
      }),
    })).body;
    const find = async (userId: string) =>
      (await h.graph('GET', `/users/${userId}/events?$filter=iCalUId eq '${meeting.iCalUId}'`)).body.value[0] as Json;
    const benCopy = await find(BEN.id);
    const chloeCopy = await find(CHLOE.id);
    expect(benCopy).toEqual(expect.objectContaining({ isOrganizer: false, subject: 'Cross-mailbox meeting' }));
    expect(benCopy.responseStatus.response).toBe('notResponded');
    expect((await h.graph('POST', `/users/${BEN.id}/events/${benCopy.id}/accept`, { body: { sendResponse: true } })).status).toBe(202);
    expect((await h.graph('DELETE', `/users/${CHLOE.id}/events/${chloeCopy.id}`)).status).toBe(204);
    const organizer = (await h.graph('GET', `/users/${AVA.id}/events/${meeting.id}`)).body;
    const status = (mail: string) => organizer.attendees.find((a: Json) => a.emailAddress.address === mail).status.response;
    expect(status(BEN.mail)).toBe('accepted');
    expect(status(CHLOE.mail)).toBe('declined');
    expect(organizer.changeKey).not.toBe(meeting.changeKey);
    await h.graph('PATCH', `/users/${AVA.id}/events/${meeting.id}`, { body: { subject: 'Cross-mailbox meeting (moved)' } });
    expect((await find(BEN.id)).subject).toBe('Cross-mailbox meeting (moved)');
  });
});

describe('meeting responses', () => {
  it('a decline removes the attendee\'s copy and shows on the organizer; an organizer delete cancels copies', async () => {
    const meeting = (await h.graph('POST', `/users/${CHLOE.id}/events`, {
      body: newEvent('Decline me', 7, { attendees: [AVA, BEN].map((u) => ({ type: 'required', emailAddress: { address: u.mail } })) }),
    })).body;
    const copyOf = async (userId: string) => (await h.graph('GET', `/users/${userId}/events?$filter=iCalUId eq '${meeting.iCalUId}'`)).body.value[0] as Json | undefined;
    const benCopy = await copyOf(BEN.id);
    expect((await h.graph('POST', `/users/${BEN.id}/events/${benCopy?.id}/decline`, { body: { comment: 'Sorry', sendResponse: true } })).status).toBe(202);
    expect(await copyOf(BEN.id)).toBeUndefined();
    const organizer = (await h.graph('GET', `/users/${CHLOE.id}/events/${meeting.id}`)).body;
    expect(organizer.attendees.find((a: Json) => a.emailAddress.address === BEN.mail).status.response).toBe('declined');
    const organizerResponds = await h.graph('POST', `/users/${CHLOE.id}/events/${meeting.id}/accept`, { body: {} });
    expect(organizerResponds.status).toBe(400);

    expect((await h.graph('DELETE', `/users/${CHLOE.id}/events/${meeting.id}`)).status).toBe(204);
    const avaCopy = await copyOf(AVA.id);
    expect(avaCopy?.isCancelled).toBe(true);
    expect(avaCopy?.subject).toBe('Canceled: Decline me');
  });
});

describe('master categories', () => {
  it('lists, creates, recolours, refuses duplicates and deletes', async () => {
    const list = await h.graph('GET', `/users/${AVA.id}/outlook/masterCategories`);
    expect(list.body.value.map((c: Json) => c.displayName)).toContain('SAP Cloud for Customer');
    const created = await h.graph('POST', `/users/${AVA.id}/outlook/masterCategories`, { body: { displayName: 'Error in SAP Cloud for Customer SSI', color: 'preset0' } });
    expect(created.status).toBe(201);
    const dup = await h.graph('POST', `/users/${AVA.id}/outlook/masterCategories`, { body: { displayName: 'error in sap cloud for customer ssi', color: 'preset1' } });
    expect(dup.status).toBe(409);
    expectGraphError(dup.body);
    const recoloured = await h.graph('PATCH', `/users/${AVA.id}/outlook/masterCategories/${created.body.id}`, { body: { color: 'preset9' } });
    expect(recoloured.body.color).toBe('preset9');
    expect((await h.graph('PATCH', `/users/${AVA.id}/outlook/masterCategories/${created.body.id}`, { body: { displayName: 'Other' } })).status).toBe(400);
    expect((await h.graph('POST', `/users/${AVA.id}/outlook/masterCategories`, { body: { displayName: 'X', color: 'purple' } })).status).toBe(400);
    expect((await h.graph('DELETE', `/users/${AVA.id}/outlook/masterCategories/${created.body.id}`)).status).toBe(204);
    expect((await h.graph('GET', `/users/${AVA.id}/outlook/masterCategories/${created.body.id}`)).status).toBe(404);
  });
});

describe('Deleted Items', () => {
  it('a deleted event moves there under a new id with its extended properties, found by $filter on one', async () => {
    const stamp = 'String {7f3c2a64-5d1e-4b8a-9c0f-2e6d8a41b7c5} Name crmSyncPairId';
    const value = `pair-${Date.now()}`;
    const created = await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('Deleted later', 4, { singleValueExtendedProperties: [{ id: stamp, value }] }) });
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${stamp}' and ep/value eq '${value}')`;
    const url = `/users/${AVA.id}/mailFolders/deleteditems/messages?$filter=${encodeURIComponent(filter)}&$select=id`;
    expect((await h.graph('GET', url)).body.value).toEqual([]);

    expect((await h.graph('DELETE', `/users/${AVA.id}/events/${created.body.id}`)).status).toBe(204);
    const found = await h.graph('GET', url);
    expect(found.status).toBe(200);
    expect(found.body.value).toHaveLength(1);
    expect(found.body.value[0].id).not.toBe(created.body.id);
    const expanded = await h.graph('GET', `/users/${AVA.mail}/mailFolders/DeletedItems/messages?$filter=${encodeURIComponent(filter)}&$expand=singleValueExtendedProperties`);
    expect(expanded.body.value[0]).toEqual(expect.objectContaining({ subject: 'Deleted later', singleValueExtendedProperties: [{ id: stamp, value }] }));
    expect((await h.graph('GET', `/users/${AVA.id}/mailFolders/inbox/messages`)).status).toBe(404);
  });
});
