// Reads on top of ODataHttp: a collection with all its server-driven pages (d.__next), and many GETs in one
// $batch request (one round trip for the attendee and search look-ups). GETs always ask for $format=json
// because C4C answers Atom/XML by default (API-NOTES A.4).
import { PortFailure } from '../../ports/write-results.js';
import { buildBatch, parseBatchResponse, type BatchResponsePart } from './batch-format.js';
import { portErrorForStatus } from './http-errors.js';
import type { ODataHttp } from './odata-http.js';
import { queryString } from './odata-literals.js';

export type ODataEntity = Record<string, unknown>;

interface CollectionBody {
  d?: { results?: ODataEntity[]; __next?: string } | ODataEntity[];
}

/** `Set?$filter=…&$format=json` from a set name and query options (values encoded by queryString). */
export function collectionPath(set: string, options: Record<string, string | number | undefined>): string {
  return `${set}?${queryString({ ...options, $format: 'json' })}`;
}

function resultsOf(body: CollectionBody): { rows: ODataEntity[]; next: string | undefined } {
  const d = body.d;
  if (Array.isArray(d)) return { rows: d, next: undefined };
  return { rows: d?.results ?? [], next: d?.__next };
}

/** Reads a collection and follows every d.__next link (server-driven paging, 1,000 rows per page in C4C). */
export async function readAll(http: ODataHttp, path: string, maxPages = 1000): Promise<ODataEntity[]> {
  const rows: ODataEntity[] = [];
  let next: string | undefined = path;
  for (let page = 0; next !== undefined; page += 1) {
    if (page >= maxPages) throw new PortFailure({ code: 'temporary', message: `C4C paging did not end after ${maxPages} pages` });
    const body: CollectionBody = await http.getJson<CollectionBody>(withJsonFormat(next));
    const result = resultsOf(body);
    rows.push(...result.rows);
    next = result.next;
  }
  return rows;
}

function withJsonFormat(path: string): string {
  return /[?&]\$format=/.test(path) ? path : `${path}${path.includes('?') ? '&' : '?'}$format=json`;
}

/** POSTs a $batch and returns its parts; the whole request failing is a PortFailure. */
export async function executeBatch(http: ODataHttp, parts: Parameters<typeof buildBatch>[0], idempotent: boolean): Promise<BatchResponsePart[]> {
  const batch = buildBatch(parts);
  const res = await http.send({ method: 'POST', path: '$batch', headers: { 'content-type': batch.contentType }, body: batch.body, idempotent });
  if (res.status !== 202 && res.status !== 200) throw new PortFailure(portErrorForStatus(res.status, res.text, res.headers.get('retry-after')));
  let parsed: BatchResponsePart[];
  try {
    parsed = parseBatchResponse(res.headers.get('content-type'), res.text);
  } catch (err) {
    throw new PortFailure({ code: 'temporary', message: `unreadable $batch response: ${(err as Error).message}` });
  }
  if (parsed.length !== parts.length) {
    throw new PortFailure({ code: 'temporary', message: `$batch answered ${parsed.length} parts for ${parts.length} requests` });
  }
  return parsed;
}

/**
 * Several collection GETs in one $batch. Every GET must succeed (a failed one fails the call with its mapped
 * error); server-driven next pages of a part are followed with plain GETs.
 */
export async function batchGet(http: ODataHttp, paths: readonly string[]): Promise<ODataEntity[][]> {
  if (paths.length === 0) return [];
  const parts = await executeBatch(http, paths.map((path) => ({ kind: 'get' as const, path: withJsonFormat(path) })), true);
  return Promise.all(
    parts.map(async (part) => {
      if (part.kind !== 'single') throw new PortFailure({ code: 'temporary', message: 'C4C answered a GET part with a change set' });
      const { status, body, headers } = part.response;
      if (status !== 200) throw new PortFailure(portErrorForStatus(status, body, headers['retry-after']));
      const { rows, next } = resultsOf(JSON.parse(body) as CollectionBody);
      return next === undefined ? rows : [...rows, ...(await readAll(http, next))];
    }),
  );
}

/** Splits a list into chunks (filters with many `or` terms make long URLs; C4C has URL length limits). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
