// The $batch wire format: what we build parses as one change set per request on the sandbox's multipart parser,
// and responses in SAP's shape (CRLF or bare LF, nested change sets, a failed change set as one error) parse back.
import { parseHttpMessage, parseMultipart, boundaryOf as sandboxBoundaryOf } from '../../../src/sandbox/c4c/multipart.js';
import { boundaryOf, buildBatch, parseBatchResponse } from '../../../src/server/adapters/c4c/batch-format.js';

let n = 0;
const ids = () => `id${(n += 1)}`;

describe('C4C $batch format', () => {
  it('builds GET parts and one nested change set per request with Content-ID and JSON bodies', () => {
    const built = buildBatch(
      [
        { kind: 'get', path: "EmployeeCollection?$filter=Email%20eq%20'a'&$format=json" },
        { kind: 'changeset', writes: [{ method: 'POST', path: 'AppointmentCollection', body: { Subject: 'Ünïcode' } }] },
        {
          kind: 'changeset',
          writes: [
            { method: 'PATCH', path: "AppointmentCollection('A1')", headers: { 'If-Match': 'W/"x"' }, body: { Subject: 's' } },
            { method: 'DELETE', path: "AppointmentInvolvedPartiesCollection('P1')" },
          ],
        },
      ],
      ids,
    );
    expect(built.contentType).toMatch(/^multipart\/mixed; boundary=batch_/);
    const parts = parseMultipart(built.body, sandboxBoundaryOf(built.contentType));
    expect(parts).toHaveLength(3);
    expect(parseHttpMessage(parts[0]!.body).startLine).toBe("GET EmployeeCollection?$filter=Email%20eq%20'a'&$format=json HTTP/1.1");
    const second = parseMultipart(parts[1]!.body, sandboxBoundaryOf(parts[1]!.headers['content-type']));
    expect(second).toHaveLength(1);
    expect(second[0]!.headers['content-id']).toBe('1');
    const post = parseHttpMessage(second[0]!.body);
    expect(post.startLine).toBe('POST AppointmentCollection HTTP/1.1');
    expect(JSON.parse(post.body)).toEqual({ Subject: 'Ünïcode' });
    expect(post.headers['content-length']).toBe(String(Buffer.byteLength(post.body)));
    const third = parseMultipart(parts[2]!.body, sandboxBoundaryOf(parts[2]!.headers['content-type']));
    expect(third.map((p) => parseHttpMessage(p.body).startLine)).toEqual([
      "PATCH AppointmentCollection('A1') HTTP/1.1",
      "DELETE AppointmentInvolvedPartiesCollection('P1') HTTP/1.1",
    ]);
    expect(parseHttpMessage(third[0]!.body).headers['if-match']).toBe('W/"x"');
  });

  it('parses a response with a GET result, a successful change set and a failed one (bare LF line ends)', () => {
    const text = [
      '--batchresponse_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'HTTP/1.1 200 OK',
      'Content-Type: application/json',
      '',
      '{"d":{"results":[]}}',
      '--batchresponse_1',
      'Content-Type: multipart/mixed; boundary=changesetresponse_2',
      '',
      '--changesetresponse_2',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'HTTP/1.1 201 Created',
      'etag: W/"datetimeoffset\'2026\'"',
      '',
      '{"d":{"ObjectID":"X"}}',
      '--changesetresponse_2',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'HTTP/1.1 204 No Content',
      '',
      '',
      '--changesetresponse_2--',
      '',
      '--batchresponse_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'HTTP/1.1 412 Precondition Failed',
      'Content-Type: application/json',
      '',
      '{"error":{"code":"X","message":{"lang":"en","value":"stale"}}}',
      '--batchresponse_1--',
      '',
    ].join('\n');
    const parts = parseBatchResponse('multipart/mixed; boundary="batchresponse_1"', text);
    expect(parts.map((p) => p.kind)).toEqual(['single', 'changeset', 'single']);
    expect(parts[0]).toMatchObject({ response: { status: 200, body: '{"d":{"results":[]}}' } });
    expect(parts[1]).toMatchObject({ responses: [{ status: 201, headers: { etag: 'W/"datetimeoffset\'2026\'"' }, body: '{"d":{"ObjectID":"X"}}' }, { status: 204, body: '' }] });
    expect(parts[2]).toMatchObject({ response: { status: 412 } });
  });

  it('reads quoted and unquoted boundaries and refuses a response without one', () => {
    expect(boundaryOf('multipart/mixed; boundary=abc')).toBe('abc');
    expect(boundaryOf('multipart/mixed;boundary="a b"')).toBe('a b');
    expect(() => parseBatchResponse('application/json', '{}')).toThrow(/boundary/);
  });
});
