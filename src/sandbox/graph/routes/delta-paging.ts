// What the per-collection delta functions (To Do tasks of a list, contacts of a folder) share: the entries of a
// round computed from the collection's items and tombstones, pages in id order after a cursor, the nextLink or
// deltaLink that carries the state on, and the 410 for a token the sandbox no longer knows.
import type { FastifyRequest } from 'fastify';
import type { DeltaState, DeltaTokenCodec } from '../delta-tokens.js';
import { GraphError } from '../errors.js';
import { baseUrl } from './helpers.js';

export interface RoundEntry<T> {
  id: string;
  /** Absent: the id left the collection (`@removed`). */
  item?: T;
}

/**
 * learn.microsoft.com delta-query-overview: an expired token gets a 40X with code syncStateNotFound, and a reset is
 * a 410 whose Location header is the initial query; the sandbox answers both ways at once.
 */
export function syncStateNotFound(req: FastifyRequest): GraphError {
  return new GraphError(410, 'SyncStateNotFound', 'The sync state generation is not found. Resync required: start again without a token.', {
    location: `${baseUrl(req)}${req.url.split('?')[0]}`,
  });
}

/**
 * What the round (base, high] reports, sorted by id (the last word per id wins). The first round (base 0) reports
 * what exists and nothing removed; items changed after the round started wait for the next one.
 */
export function roundEntries<T extends { id: string; seq: number }>(
  items: Iterable<T>,
  tombstones: ReadonlyArray<{ id: string; seq: number }>,
  state: DeltaState,
): Array<RoundEntry<T>> {
  const entries = new Map<string, RoundEntry<T>>();
  const inRound = (seq: number) => seq > state.base && seq <= state.high;
  if (state.base > 0) for (const tomb of tombstones) if (inRound(tomb.seq)) entries.set(tomb.id, { id: tomb.id });
  for (const item of items) {
    if (state.base === 0 ? item.seq <= state.high : inRound(item.seq)) entries.set(item.id, { id: item.id, item });
  }
  return [...entries.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The page after `state.after`, and the nextLink to the rest of the round or the deltaLink to the next round. */
export function deltaPage<T>(
  req: FastifyRequest,
  codec: DeltaTokenCodec,
  state: DeltaState,
  entries: Array<RoundEntry<T>>,
  pageSize: number,
): { page: Array<RoundEntry<T>>; links: { '@odata.nextLink': string } | { '@odata.deltaLink': string } } {
  let start = 0;
  if (state.after !== undefined) while (start < entries.length && (entries[start]?.id ?? '') <= state.after) start += 1;
  const page = entries.slice(start, start + pageSize);
  const last = page[page.length - 1];
  const link = `${baseUrl(req)}${req.url.split('?')[0]}`;
  const links = entries.length > start + pageSize && last !== undefined
    ? { '@odata.nextLink': `${link}?$skiptoken=${codec.encode({ ...state, after: last.id })}` }
    : { '@odata.deltaLink': `${link}?$deltatoken=${codec.encode({ ...state, after: undefined })}` };
  return { page, links };
}
