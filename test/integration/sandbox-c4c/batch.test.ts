// $batch over real HTTP with hand-written multipart bodies: GET parts, changesets with Content-ID references,
// atomic rollback of a failing changeset, and refusal of malformed batches.
import { json, startHarness, type Feed, type Harness, type SapError } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const CRLF = '\r\n';
const getPart = (url: string) => ['Content-Type: application/http', 'Content-Transfer-Encoding: binary', '', `GET ${url} HTTP/1.1`, 'Accept: application/json', '', ''].join(CRLF);
const writePart = (method: string, url: string, body: unknown, contentId?: string) =>
  [
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    ...(contentId ? [`Content-ID: ${contentId}`] : []),
    '',
    `${method} ${url} HTTP/1.1`,
    'Content-Type: application/json',
    '',
    JSON.stringify(body),
  ].join(CRLF);
const changeset = (boundary: string, parts: string[]) =>
  [`Content-Type: multipart/mixed; boundary=${boundary}`, '', ...parts.map((p) => `--${boundary}${CRLF}${p}`), `--${boundary}--`, ''].join(CRLF);
const batchBody = (parts: string[]) => [...parts.map((p) => `--batch_1${CRLF}${p}`), '--batch_1--', ''].join(CRLF);

async function sendBatch(parts: string[]) {
  const res = await h.call('POST', '$batch', { body: batchBody(parts), headers: { 'content-type': 'multipart/mixed; boundary=batch_1' } });
  expect(res.status).toBe(202);
  const boundary = /boundary=([^;\s]+)/.exec(res.headers.get('content-type') ?? '')?.[1] ?? '';
  return { boundary, text: await res.text() };
}
const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));

describe('C4C sandbox $batch', () => {
  it('answers GET parts and a changeset, resolving Content-ID references', async () => {
    const { boundary, text } = await sendBatch([
      getPart('AppointmentCollection?$top=2&$select=ObjectID'),
      changeset('changeset_a', [
        writePart('POST', 'AppointmentCollection', { Subject: 'Batch created' }, '1'),
        writePart('POST', '$1/AppointmentInvolvedParties', { PartyEmailURI: 'guest@example.org', RoleCode: '55' }, '2'),
        writePart('PATCH', '$1', { Location: 'Room 7' }, '3'),
      ]),
      getPart("AppointmentCollection?$filter=Subject eq 'Batch created'&$expand=AppointmentInvolvedParties"),
    ]);
    expect(boundary).toMatch(/^batchresponse_/);
    expect(text).toContain('changesetresponse_');
    expect(statuses(text)).toEqual([200, 201, 201, 204, 200]);
    expect(text).toMatch(/content-id: 1/i);
    const last = JSON.parse(text.slice(text.lastIndexOf('{"d":'), text.lastIndexOf('}') + 1)) as Feed;
    expect(last.d.results).toHaveLength(1);
    expect(last.d.results[0]?.['Location']).toBe('Room 7');
    expect((last.d.results[0]?.['AppointmentInvolvedParties'] as Feed['d']).results).toHaveLength(1);
  });

  it('rolls back a whole changeset when one of its requests fails, and answers with that error only', async () => {
    const before = await (await h.call('GET', 'AppointmentCollection/$count')).text();
    const { text } = await sendBatch([
      changeset('changeset_b', [
        writePart('POST', 'AppointmentCollection', { Subject: 'Never stays' }, '1'),
        writePart('POST', 'AppointmentCollection', { Subject: 'x'.repeat(766) }, '2'),
      ]),
      changeset('changeset_c', [writePart('POST', 'AppointmentCollection', { Subject: 'Stays' }, '1')]),
    ]);
    expect(statuses(text)).toEqual([400, 201]);
    expect(text).toContain('maximum length');
    expect(await (await h.call('GET', 'AppointmentCollection/$count')).text()).toBe(String(Number(before) + 1));
    const never = await json<Feed>(await h.call('GET', `AppointmentCollection?$filter=${encodeURIComponent("Subject eq 'Never stays'")}`));
    expect(never.d.results).toEqual([]);
  });

  it('accepts absolute part URLs and answers failing GET parts with their own error', async () => {
    const { text } = await sendBatch([getPart('/sap/c4c/odata/v1/c4codataapi/EmployeeCollection?$top=1'), getPart('NoSuchCollection')]);
    expect(statuses(text)).toEqual([200, 404]);
  });

  it('refuses a batch without boundary or with an unterminated body', async () => {
    const noBoundary = await h.call('POST', '$batch', { body: 'x', headers: { 'content-type': 'multipart/mixed' } });
    expect(noBoundary.status).toBe(400);
    expect((await json<SapError>(noBoundary)).error.code).toBe('INVALID_BATCH');
    const unterminated = await h.call('POST', '$batch', { body: `--batch_1${CRLF}${getPart('EmployeeCollection')}`, headers: { 'content-type': 'multipart/mixed; boundary=batch_1' } });
    expect(unterminated.status).toBe(400);
    const needsCsrf = await h.call('POST', '$batch', { body: batchBody([getPart('EmployeeCollection')]), headers: { 'content-type': 'multipart/mixed; boundary=batch_1' }, csrf: false });
    expect(needsCsrf.status).toBe(403);
  });
});
