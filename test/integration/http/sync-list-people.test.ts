// POST /api/sync-list/people (R14): the pane asks which of a meeting's attendees are C4C people it can offer for the
// sync list. The caller's own employee bounds the contacts; a caller without one recognises nobody; the e-mails are
// validated and sent in the body (never in a URL); a C4C failure is a 503, not the adapter's wording.
import { PortFailure } from '../../../src/server/ports/write-results.js';
import { syncListPaths, syncListPeopleResponseSchema, type SyncListPerson } from '../../../src/shared/sync-list-api.js';
import { buildTestApp } from '../../support/http-app-fakes.js';

describe('/api/sync-list/people', () => {
  const asked: { emails: readonly string[]; owner: string }[] = [];
  let fail = false;
  let test: Awaited<ReturnType<typeof buildTestApp>>;
  const pat: SyncListPerson = { email: 'pat@porter.example', type: 'contact', c4cId: '2000001', name: 'Pat Lee' };
  beforeAll(async () => {
    test = await buildTestApp({
      items: { ava: [], ben: [] },
      employees: { ava: '8000000001' },
      people: {
        matchByEmail: async (emails, owner) => {
          asked.push({ emails, owner });
          if (fail) throw new PortFailure({ code: 'temporary', message: 'C4C said something internal' });
          return [pat];
        },
      },
    });
  });
  afterAll(async () => test.app.close());
  const post = async (oid: string, payload: unknown) => test.app.inject({ method: 'POST', url: syncListPaths.people(), headers: { authorization: `Bearer ${await test.mint({ oid })}` }, payload: payload as object });

  it("answers the attendees C4C knows, bounded by the caller's employee", async () => {
    const res = await post('ava', { emails: ['pat@porter.example', 'x@y.example'] });
    expect(res.statusCode).toBe(200);
    expect(syncListPeopleResponseSchema.parse(res.json())).toEqual({ people: [pat] });
    expect(asked).toEqual([{ emails: ['pat@porter.example', 'x@y.example'], owner: '8000000001' }]);
  });

  it('recognises nobody for a caller without a C4C employee, refuses what is not a list of e-mail addresses, and hides C4C failures', async () => {
    asked.length = 0;
    expect((await post('ben', { emails: ['pat@porter.example'] })).json()).toEqual({ people: [] });
    expect(asked).toEqual([]);
    for (const bad of [{ emails: [] }, { emails: ['not an address'] }, { emails: Array.from({ length: 51 }, (_, i) => `u${i}@x.example`) }, { emails: ['a@b.example'], extra: 1 }]) {
      expect((await post('ava', bad)).statusCode).toBe(400);
    }
    fail = true;
    const res = await post('ava', { emails: ['pat@porter.example'] });
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('internal');
  });
});
