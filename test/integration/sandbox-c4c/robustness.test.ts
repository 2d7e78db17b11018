// "Never a crash or a 500": random $filter texts, random JSON bodies, random paths and random $batch bodies sent
// over HTTP get a 2xx/4xx answer, and every 4xx carries the SAP error body.
import fc from 'fast-check';
import { json, startHarness, type Harness, type SapError } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ accounts: 200 });
});
afterAll(() => h.close());

async function expectClean(res: Response): Promise<void> {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    const body = await json<SapError>(res);
    expect(typeof body.error.code).toBe('string');
    expect(body.error.message.lang).toBe('en');
  } else {
    await res.arrayBuffer();
  }
}

const filterPieces = fc.constantFrom(
  'Subject', 'StartDate', 'ETag', 'OwnerPartyID', 'FullDayIndicator', 'Owner', 'Nope', 'eq', 'ne', 'gt', 'and', 'or', 'not',
  '(', ')', ',', "'x'", "'a''b'", "'*'", '12', '1.5', 'true', 'null', "datetimeoffset'2020-01-01T00:00:00Z'", "datetime'2020'",
  "guid'00163e03-a070-1ed2-8a86-440000000001'", 'startswith', 'endswith', 'substringof', '/', '$', "'", ' ', '%',
);

describe('C4C sandbox robustness', () => {
  it('answers any $filter with 200 or a 400 SAP error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(filterPieces, { minLength: 1, maxLength: 9 }), async (pieces) => {
        await expectClean(await h.call('GET', `AppointmentCollection?$top=3&$filter=${encodeURIComponent(pieces.join(' '))}`));
      }),
      { numRuns: 150 },
    );
  });

  it('answers any JSON body on create and update with 201/204 or a 4xx SAP error', async () => {
    const created = (await json<{ d: { ObjectID: string } }>(await h.call('POST', 'AppointmentCollection', { body: { Subject: 'target' } }))).d.ObjectID;
    const key = fc.constantFrom('Subject', 'StartDate', 'FullDayIndicator', 'Owner', 'CompletionPercent', 'ObjectID', 'ETag', 'AppointmentInvolvedParties', 'Draft', 'x', '__metadata');
    const value = fc.oneof(fc.string({ maxLength: 800 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant('/Date(123)/'), fc.array(fc.object(), { maxLength: 2 }), fc.object());
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 4 }), fc.constantFrom('POST', 'PATCH', 'PUT'), async (body, method) => {
        const path = method === 'POST' ? 'AppointmentCollection' : `AppointmentCollection('${created}')`;
        await expectClean(await h.call(method, path, { body }));
      }),
      { numRuns: 120 },
    );
  });

  it('answers random paths and batch bodies without a 500', async () => {
    const segment = fc.constantFrom('AppointmentCollection', "('x')", '(', "(ObjectID='1')", '/', '$count', '$batch', '$metadata', 'AppointmentInvolvedParties', '%E0%A4%A', "CheckVisitByGroupwareID?GroupwareItemID='1'", '?$expand=', '..');
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('GET', 'POST', 'DELETE', 'MERGE'), async (parts, method) => {
        await expectClean(await h.call(method, parts.join('')));
      }),
      { numRuns: 120 },
    );
    const line = fc.constantFrom('--batch_1', '--batch_1--', 'Content-Type: application/http', 'Content-Type: multipart/mixed; boundary=cs', '--cs', '--cs--', '', 'GET EmployeeCollection HTTP/1.1', 'POST AppointmentCollection HTTP/1.1', '{"Subject":"b"}', 'Content-ID: 1', 'PATCH $1 HTTP/1.1', 'garbage');
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 14 }), async (lines) => {
        const res = await h.call('POST', '$batch', { body: lines.join('\r\n'), headers: { 'content-type': 'multipart/mixed; boundary=batch_1' } });
        expect(res.status).toBeLessThan(500);
        if (res.status === 202) expect(await res.text()).not.toMatch(/HTTP\/1\.1 5\d\d/);
        else await expectClean(res);
      }),
      { numRuns: 120 },
    );
  });
});
