// OData v2 `$batch` wire format (API-NOTES A.4): a multipart/mixed request whose parts are either a GET
// (application/http) or a change set (nested multipart/mixed of application/http writes that succeed or fail
// together), and the multipart/mixed response with one embedded HTTP response per GET and, per change set,
// either a nested multipart of responses or a single error response for the whole change set.
// Hand-written on purpose: the multipart parsers on npm target multipart/form-data uploads; this format also
// needs nested change sets and embedded HTTP messages, and is a few dozen lines of pure string handling.
import { randomUUID } from 'node:crypto';

export interface BatchWrite {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'MERGE';
  /** Relative to the service root, e.g. `AppointmentCollection('…')`. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export type BatchRequestPart = { kind: 'get'; path: string } | { kind: 'changeset'; writes: BatchWrite[] };

export interface EmbeddedResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

/** Per request part: a GET's response, or a change set's responses (one per write, or one error for all). */
export type BatchResponsePart = { kind: 'single'; response: EmbeddedResponse } | { kind: 'changeset'; responses: EmbeddedResponse[] };

const CRLF = '\r\n';

function httpMessage(method: string, path: string, headers: Record<string, string>, body: string | undefined): string {
  const lines = [`${method} ${path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join(CRLF)}${CRLF}${CRLF}${body ?? ''}`;
}

function partHeaders(contentId?: string): string {
  const id = contentId === undefined ? '' : `Content-ID: ${contentId}${CRLF}`;
  return `Content-Type: application/http${CRLF}Content-Transfer-Encoding: binary${CRLF}${id}${CRLF}`;
}

export interface BuiltBatch {
  contentType: string;
  body: string;
}

export function buildBatch(parts: readonly BatchRequestPart[], newId: () => string = randomUUID): BuiltBatch {
  const batchBoundary = `batch_${newId()}`;
  let out = '';
  for (const part of parts) {
    out += `--${batchBoundary}${CRLF}`;
    if (part.kind === 'get') {
      // A GET part ends with two blank lines (C4C dev guide).
      out += partHeaders() + httpMessage('GET', part.path, { Accept: 'application/json' }, undefined) + CRLF + CRLF;
      continue;
    }
    const changesetBoundary = `changeset_${newId()}`;
    out += `Content-Type: multipart/mixed; boundary=${changesetBoundary}${CRLF}${CRLF}`;
    part.writes.forEach((write, index) => {
      const json = write.body === undefined ? undefined : JSON.stringify(write.body);
      const headers: Record<string, string> = { Accept: 'application/json', ...write.headers };
      if (json !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(json));
      }
      out += `--${changesetBoundary}${CRLF}${partHeaders(String(index + 1))}${httpMessage(write.method, write.path, headers, json)}${CRLF}`;
    });
    out += `--${changesetBoundary}--${CRLF}${CRLF}`;
  }
  out += `--${batchBoundary}--${CRLF}`;
  return { contentType: `multipart/mixed; boundary=${batchBoundary}`, body: out };
}

export function boundaryOf(contentType: string | null | undefined): string | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match?.[1] ?? match?.[2] ?? null;
}

/** Splits `head\r\n\r\nbody` (LF-only tolerated) into lower-case headers and the rest. */
function splitHead(text: string): { headers: Record<string, string>; firstLine: string; body: string } {
  const sep = /\r?\n\r?\n/.exec(text);
  const head = sep ? text.slice(0, sep.index) : text;
  const body = sep ? text.slice(sep.index + sep[0].length) : '';
  const [firstLine = '', ...lines] = head.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, firstLine, body };
}

/** Bodies of a multipart document: the text between `--boundary` delimiters, up to `--boundary--`. */
export function multipartBodies(text: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const pieces = text.split(delimiter);
  const bodies: string[] = [];
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) break;
    // Drop the line break after the delimiter and the one that belongs to the next delimiter.
    bodies.push(piece.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''));
  }
  return bodies;
}

function embeddedResponse(partText: string): EmbeddedResponse {
  const outer = splitHead(`x${CRLF}${partText}`); // MIME part headers (the synthetic first line is ignored)
  const inner = splitHead(outer.body);
  const status = Number(/^HTTP\/\d\.\d\s+(\d{3})/.exec(inner.firstLine)?.[1] ?? 'NaN');
  if (!Number.isInteger(status)) throw new Error(`unreadable status line in $batch response: ${inner.firstLine.slice(0, 80)}`);
  return { status, headers: inner.headers, body: inner.body.replace(/\r?\n$/, '') };
}

export function parseBatchResponse(contentType: string | null, text: string): BatchResponsePart[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error('$batch response without a multipart boundary');
  return multipartBodies(text, boundary).map((partText): BatchResponsePart => {
    const { headers } = splitHead(`x${CRLF}${partText}`);
    const nested = (headers['content-type'] ?? '').toLowerCase().startsWith('multipart/mixed') ? boundaryOf(headers['content-type']) : null;
    if (nested) {
      const body = splitHead(`x${CRLF}${partText}`).body;
      return { kind: 'changeset', responses: multipartBodies(body, nested).map(embeddedResponse) };
    }
    return { kind: 'single', response: embeddedResponse(partText) };
  });
}
