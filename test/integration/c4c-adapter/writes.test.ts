// Writes through $batch: creates (idempotent by GroupwareItemID), updates with If-Match, cancels with the code
// from the tenant's code list, child rows (parties, links, body), and one change set per request.
import type { CrmWriteRequest } from '../../../src/server/ports/crm-activities.js';
import { startAdapterHarness, TENANT, type AdapterHarness } from './harness.js';
import { createRequest, item, ok } from './fixtures.js';
import { startTestProxy } from './test-proxy.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => {
  await h.close();
});

async function rawCount(set: string, groupwareItemId: string): Promise<number> {
  const basic = `Basic ${Buffer.from(`${h.info.technicalUser.user}:${h.info.technicalUser.password}`).toString('base64')}`;
  const res = await fetch(`${h.svc}${set}/$count?$filter=${encodeURIComponent(`GroupwareItemID eq '${groupwareItemId}'`)}`, { headers: { authorization: basic } });
  return Number(await res.text());
}

async function batchPosts(): Promise<number> {
  return (await h.counters()).byRoute['POST /sap/c4c/odata/v1/c4codataapi/*'] ?? 0;
}

describe('C4C adapter: writes', () => {
  it('creates an appointment with parties, links and body, and reads back what it wrote', async () => {
    const [ben, chloe] = [h.info.employees[1]!, h.info.employees[2]!];
    const parties = await h.adapter.resolveParties(TENANT, [ben.email, chloe.email]);
    const fields = item({
      subject: 'Kick-off',
      body: 'Line 1\nLine 2',
      timeZone: 'Europe/Berlin',
      organizerEmail: h.info.employees[0]!.email,
      attendees: [ben, chloe].map((e) => ({ email: e.email, name: e.name, type: 'required' as const, response: 'none' as const })),
      links: [
        { type: 'account', id: '1000001', primary: true },
        { type: 'opportunity', id: '60001' },
      ],
    });
    const created = ok((await h.adapter.write(TENANT, [{ op: 'create', kind: 'appointment', groupwareItemId: 'w-create-1', fields, ownerPartyId: h.info.employees[0]!.partyId, parties }]))[0]);
    const [read] = await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: created.id }]);
    expect(read).toMatchObject({ objectId: created.id, version: created.version, groupwareItemId: 'w-create-1', status: 'open', ownerPartyId: h.info.employees[0]!.partyId });
    expect(read!.fields).toMatchObject({ subject: 'Kick-off', body: 'Line 1\nLine 2', startUtc: fields.startUtc, endUtc: fields.endUtc, location: 'Berlin' });
    expect(read!.fields.attendees.map((a) => a.email).sort()).toEqual([ben.email, chloe.email].sort());
    expect(read!.fields.links).toEqual(expect.arrayContaining([{ type: 'account', id: '1000001', primary: true }, { type: 'opportunity', id: '60001' }]));
  });

  it('turns a repeated create into an update of the first one (no duplicate)', async () => {
    const first = ok((await h.adapter.write(TENANT, [createRequest('w-idem-1', { subject: 'First try' })]))[0]);
    const again = ok((await h.adapter.write(TENANT, [createRequest('w-idem-1', { subject: 'Second try', body: 'changed' })]))[0]);
    expect(again.id).toBe(first.id);
    expect(again.version).not.toBe(first.version);
    expect(await rawCount('AppointmentCollection', 'w-idem-1')).toBe(1);
    const [read] = await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: first.id }]);
    expect(read!.fields).toMatchObject({ subject: 'Second try', body: 'changed' });
    expect(read!.version).toBe(again.version);
  });

  it('reports a stale ETag as conflict and applies a fresh one', async () => {
    const created = ok((await h.adapter.write(TENANT, [createRequest('w-etag-1')]))[0]);
    const fresh = ok((await h.adapter.write(TENANT, [{ op: 'update', kind: 'appointment', objectId: created.id, ifMatch: created.version ?? '', patch: { subject: 'Renamed' }, after: item({ subject: 'Renamed' }) }]))[0]);
    const [stale] = await h.adapter.write(TENANT, [{ op: 'update', kind: 'appointment', objectId: created.id, ifMatch: created.version ?? '', patch: { subject: 'Lost update' }, after: item({ subject: 'Lost update' }) }]);
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const [read] = await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: created.id }]);
    expect(read!.fields.subject).toBe('Renamed');
    expect(read!.version).toBe(fresh.version);
  });

  it('cancels appointments and visits with the cancelled code of their code lists', async () => {
    const [appt, visit] = (await h.adapter.write(TENANT, [createRequest('w-cancel-a'), createRequest('w-cancel-v', {}, 'visit')])).map(ok);
    const results = await h.adapter.write(TENANT, [
      { op: 'cancel', kind: 'appointment', objectId: appt!.id, ifMatch: appt!.version ?? '' },
      { op: 'cancel', kind: 'visit', objectId: visit!.id, ifMatch: visit!.version ?? '' },
    ]);
    results.forEach(ok);
    const read = await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: appt!.id }, { kind: 'visit', objectId: visit!.id }]);
    expect(read.map((a) => [a.status, a.removed])).toEqual([['cancelled', false], ['cancelled', false]]);
    const basic = `Basic ${Buffer.from(`${h.info.technicalUser.user}:${h.info.technicalUser.password}`).toString('base64')}`;
    const codes = (await (await fetch(`${h.svc}AppointmentLifeCycleStatusCodeCollection?$format=json`, { headers: { authorization: basic } })).json()) as { d: { results: { Code: string; Description: string }[] } };
    const cancelled = codes.d.results.find((c) => /cancel/i.test(c.Description))?.Code;
    const raw = (await (await fetch(`${h.svc}AppointmentCollection('${appt!.id}')?$format=json`, { headers: { authorization: basic } })).json()) as { d: Record<string, unknown> };
    expect(raw.d['LifeCycleStatusCode']).toBe(cancelled);
  });

  it('sends one change set per request: a failing request rolls back only itself', async () => {
    const [a, b] = (await h.adapter.write(TENANT, [createRequest('w-cs-a', { body: 'keep me' }), createRequest('w-cs-b')])).map(ok);
    await fetch(`${h.origin}/_sandbox/counters`, { method: 'DELETE' });
    const requests: CrmWriteRequest[] = [
      { op: 'update', kind: 'appointment', objectId: a!.id, ifMatch: a!.version ?? '', patch: { subject: 'x'.repeat(766), body: 'must not be written' }, after: item({ subject: 'x'.repeat(766), body: 'must not be written' }) },
      { op: 'update', kind: 'appointment', objectId: b!.id, ifMatch: b!.version ?? '', patch: { subject: 'B updated', body: 'B body' }, after: item({ subject: 'B updated', body: 'B body' }) },
      createRequest('w-cs-c', { subject: 'C new' }),
    ];
    const results = await h.adapter.write(TENANT, requests);
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(results[1]).toMatchObject({ ok: true, id: b!.id });
    expect(results[2]).toMatchObject({ ok: true });
    expect(await batchPosts()).toBe(1);
    const [ra, rb] = await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: a!.id }, { kind: 'appointment', objectId: b!.id }]);
    expect(ra!.fields).toMatchObject({ subject: 'Quarterly review', body: 'keep me' });
    expect(ra!.version).toBe(a!.version);
    expect(rb!.fields).toMatchObject({ subject: 'B updated', body: 'B body' });
    expect(rb!.version).toBe((results[1] as { version: string }).version);
  });

  it('reconciles attendees and links on update (removed ones deleted, new ones added)', async () => {
    const [ben, chloe, dan] = [h.info.employees[1]!, h.info.employees[2]!, h.info.employees[3]!];
    const initial = await h.adapter.resolveParties(TENANT, [ben.email, chloe.email]);
    const created = ok(
      (await h.adapter.write(TENANT, [{ ...createRequest('w-parties', { links: [{ type: 'opportunity', id: '60001' }] }), parties: initial } as CrmWriteRequest]))[0],
    );
    const next = await h.adapter.resolveParties(TENANT, [chloe.email, dan.email]);
    const attendees = [chloe, dan].map((e) => ({ email: e.email, name: e.name, type: 'required' as const, response: 'none' as const }));
    const updated = ok(
      (await h.adapter.write(TENANT, [
        { op: 'update', kind: 'appointment', objectId: created.id, ifMatch: created.version ?? '', patch: { attendees, links: [{ type: 'ticket', id: '70001' }] }, after: item({ attendees, links: [{ type: 'ticket', id: '70001' }] }), parties: next },
      ]))[0],
    );
    const [read] = await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: created.id }]);
    expect(read!.fields.attendees.map((a) => a.email).sort()).toEqual([chloe.email, dan.email].sort());
    expect(read!.fields.links).toEqual([{ type: 'ticket', id: '70001' }]);
    expect(read!.version).toBe(updated.version);
  });

  it("R8: an attendee's create of an existing activity only adds the attendee (nothing of the copy is written), once", async () => {
    const [ben, chloe] = [h.info.employees[1]!, h.info.employees[2]!];
    const links = [{ type: 'account' as const, id: '1000001', primary: true }, { type: 'opportunity' as const, id: '60001' }];
    const organizers = ok((await h.adapter.write(TENANT, [{ ...createRequest('w-join', { subject: 'Organizer view', links }), parties: await h.adapter.resolveParties(TENANT, [ben.email]) } as CrmWriteRequest]))[0]);
    const joinOnly = await h.adapter.resolveParties(TENANT, [chloe.email]);
    const attendees = { ...createRequest('w-join', { subject: 'Attendee view', links: [], body: '' }), ownerPartyId: null, joinOnly } as CrmWriteRequest;
    const joined = ok((await h.adapter.write(TENANT, [attendees]))[0]);
    const [read] = await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: organizers.id }]);
    expect(joined).toEqual({ ok: true, id: organizers.id, version: read!.version });
    expect(read!.fields).toMatchObject({ subject: 'Organizer view', body: 'Agenda', links: expect.arrayContaining(links) });
    expect(read!.ownerPartyId).toBe('8000000001');
    expect(read!.fields.attendees.map((a) => a.email).sort()).toEqual([ben.email, chloe.email].sort());

    // Already a party: nothing is written, the version stays.
    const posts = await batchPosts();
    expect(ok((await h.adapter.write(TENANT, [attendees]))[0])).toEqual({ ok: true, id: organizers.id, version: read!.version });
    expect(await batchPosts()).toBe(posts);
    // With no activity yet, the attendee's copy creates it.
    const first = ok((await h.adapter.write(TENANT, [{ ...createRequest('w-join-new', { subject: 'Attendee first' }), ownerPartyId: null, joinOnly } as CrmWriteRequest]))[0]);
    expect((await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: first.id }]))[0]!.fields.subject).toBe('Attendee first');
  });

  it('R8: two copies of one meeting created at the same time leave one activity (found by the fault soak)', async () => {
    // The organizer's and an attendee's sessions both look the meeting up, find nothing, and create: C4C has no unique
    // key on GroupwareItemID. Each looks again after its create; the later activity is deleted and the earlier kept.
    const [ben, chloe] = [h.info.employees[1]!, h.info.employees[2]!];
    const attendees = [ben, chloe].map((e) => ({ email: e.email, name: e.name, type: 'required' as const, response: 'none' as const }));
    const organizers = { ...createRequest('w-raced', { subject: 'Organizer view', attendees }), parties: await h.adapter.resolveParties(TENANT, [ben.email, chloe.email]) } as CrmWriteRequest;
    const joinOnly = await h.adapter.resolveParties(TENANT, [chloe.email]);
    const attendeesCopy = { ...createRequest('w-raced', { subject: 'Attendee view', links: [], body: '', attendees }), ownerPartyId: null, joinOnly } as CrmWriteRequest;
    const [a, b] = await Promise.all([h.adapter.write(TENANT, [organizers]), h.adapter.write(TENANT, [attendeesCopy])]);
    expect(await rawCount('AppointmentCollection', 'w-raced')).toBe(1);
    const kept = ok(a[0]).id;
    expect(ok(b[0]).id).toBe(kept);
    const [read] = await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: kept }]);
    expect(read!.fields.subject).toBe('Organizer view');
    expect(read!.fields.attendees.map((x) => x.email).sort()).toEqual([ben.email, chloe.email].sort());
  });

  it('leaves the version unknown when a user edit lands between our change set and the re-read of its ETag', async () => {
    const [ben, chloe] = [h.info.employees[1]!, h.info.employees[2]!];
    const created = ok((await h.adapter.write(TENANT, [createRequest('w-race')]))[0]);
    const proxy = await startTestProxy(h.origin);
    try {
      const viaProxy = h.newAdapter({ baseUrl: `${proxy.url}/sap/c4c/odata/v1/c4codataapi/` });
      const attendeesOf = (people: typeof ben[]) => people.map((e) => ({ email: e.email, name: e.name, type: 'required' as const, response: 'none' as const }));
      // Each write changes the attendee rows, so its final ETag is known only from a re-read.
      const write = async (objectId: string, ifMatch: string, subject: string, people: typeof ben[]) => {
        const parties = await h.adapter.resolveParties(TENANT, people.map((e) => e.email));
        const attendees = attendeesOf(people);
        return viaProxy.write(TENANT, [{ op: 'update', kind: 'appointment', objectId, ifMatch, patch: { subject, attendees }, after: item({ subject, attendees }), parties }]);
      };

      // Undisturbed, the re-read ETag is the version of our write.
      const quiet = ok((await write(created.id, created.version ?? '', 'Ours', [ben, chloe]))[0]);
      const [afterQuiet] = await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: created.id }]);
      expect(quiet.version).toBe(afterQuiet!.version);

      // A user renames the activity right after our change set: its ETag must not be taken for ours.
      proxy.afterNextBatch(async () => {
        ok((await h.adapter.write(TENANT, [{ op: 'update', kind: 'appointment', objectId: created.id, ifMatch: '*', patch: { subject: 'User edit' }, after: item({ subject: 'User edit' }) }]))[0]);
      });
      const raced = ok((await write(created.id, quiet.version ?? '', 'Ours again', [ben]))[0]);
      const [afterRace] = await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: created.id }]);
      expect(afterRace!.fields.subject).toBe('User edit');
      expect(raced.version).toBeNull();
    } finally {
      await proxy.close();
    }
  });

  it('round-trips a Visit (its own field names) and a body-only update of it', async () => {
    const fields = item({ subject: 'Site visit', isAllDay: true, startUtc: '2026-12-01T00:00:00Z', endUtc: '2026-12-02T00:00:00Z', timeZone: 'Europe/Berlin', body: '' });
    const created = ok((await h.adapter.write(TENANT, [{ ...createRequest('w-visit-1'), kind: 'visit', fields } as CrmWriteRequest]))[0]);
    const [read] = await h.adapter.getByIds(TENANT, [{ kind: 'visit', objectId: created.id }]);
    expect(read!.fields).toMatchObject({ subject: 'Site visit', isAllDay: true, startUtc: '2026-12-01T00:00:00Z', endUtc: '2026-12-02T00:00:00Z', body: '' });
    const updated = ok(
      (await h.adapter.write(TENANT, [{ op: 'update', kind: 'visit', objectId: created.id, ifMatch: created.version ?? '', patch: { body: 'Bring samples' }, after: { ...fields, body: 'Bring samples' } }]))[0],
    );
    const [after] = await h.adapter.getByIds(TENANT, [{ kind: 'visit', objectId: created.id }]);
    expect(after!.fields).toMatchObject({ subject: 'Site visit', body: 'Bring samples' });
    expect(after!.version).toBe(updated.version);
  });

  it('answers notFound for updates of an activity C4C does not have (header-only and with child rows)', async () => {
    const missing = '00163E03A0701EE0FFFFFFFFFFFFFFFF';
    const results = await h.adapter.write(TENANT, [
      { op: 'update', kind: 'visit', objectId: missing, ifMatch: 'W/"x"', patch: { subject: 'x' }, after: item({ subject: 'x' }) },
      { op: 'update', kind: 'visit', objectId: missing, ifMatch: 'W/"x"', patch: { body: 'x' }, after: item({ body: 'x' }) },
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['notFound', 'notFound']);
  });
});
