// Reading and writing the multipart/mixed bodies of OData v2 $batch: MIME parts (with nested changesets) whose
// content is an HTTP message (`application/http`). Line ends may be CRLF or LF.
import { badRequest } from './errors.js';

export interface MimePart {
  headers: Record<string, string>;
  body: string;
}

export interface HttpMessage {
  /** Request: method and target; response: status line. */
  startLine: string;
  headers: Record<string, string>;
  body: string;
}

export function boundaryOf(contentType: string | undefined): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = m?.[1] ?? m?.[2];
  if (!contentType?.toLowerCase().startsWith('multipart/mixed') || !boundary) {
    throw badRequest('A $batch request needs Content-Type multipart/mixed with a boundary', 'INVALID_BATCH');
  }
  return boundary;
}

function splitHead(text: string): { head: string; rest: string } {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { head: text, rest: '' };
  return { head: text.slice(0, m.index), rest: text.slice(m.index + m[0].length) };
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function parseMultipart(body: string, boundary: string): MimePart[] {
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const segments = body.split(new RegExp(`(?:^|\\r?\\n)--${escaped}`));
  const parts: MimePart[] = [];
  let closed = false;
  for (const segment of segments.slice(1)) {
    if (segment.startsWith('--')) {
      closed = true;
      break;
    }
    const { head, rest } = splitHead(segment.replace(/^[ \t]*\r?\n/, ''));
    parts.push({ headers: parseHeaders(head), body: rest });
  }
  if (!closed) throw badRequest(`The multipart body has no closing delimiter --${boundary}--`, 'INVALID_BATCH');
  return parts;
}

export function parseHttpMessage(text: string): HttpMessage {
  const { head, rest } = splitHead(text.replace(/^(\r?\n)+/, ''));
  const [startLine = '', ...headerLines] = head.split(/\r?\n/);
  return { startLine: startLine.trim(), headers: parseHeaders(headerLines.join('\n')), body: rest.replace(/(\r?\n)+$/, '') };
}

const CRLF = '\r\n';

export function httpResponseText(status: number, headers: Record<string, string>, body: string): string {
  const lines = [`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Status'}`];
  const all = { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) };
  for (const [k, v] of Object.entries(all)) lines.push(`${k}: ${v}`);
  return `${lines.join(CRLF)}${CRLF}${CRLF}${body}`;
}

export function buildMultipart(boundary: string, parts: MimePart[]): string {
  const out: string[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers).map(([k, v]) => `${k}: ${v}`).join(CRLF);
    out.push(`--${boundary}${CRLF}${head}${CRLF}${CRLF}${part.body}${CRLF}`);
  }
  out.push(`--${boundary}--${CRLF}`);
  return out.join('');
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};
