// calendarView (a window of instances) and calendarView/delta (initial and incremental rounds, paged with
// Prefer: odata.maxpagesize, nextLink/deltaLink, @removed entries, 410 for expired or foreign tokens).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveMailbox } from '../auth.js';
import { GraphError, badRequest } from '../errors.js';
import { DeltaTokenCodec, type DeltaState } from '../delta-tokens.js';
import { parseODataQuery } from '../odata/query.js';
import { presentEvent } from '../present.js';
import type { Mailbox } from '../store/graph-store.js';
import { calendarWindow, seriesInstances, storedView, type EventView } from '../store/views.js';
import type { GraphSandboxState } from '../sandbox-state.js';
import { parseQueryInstant } from '../time.js';
import { sendViews } from './events.js';
import { CALENDAR_SEGMENTS, baseUrl, checkCalendar, preferences, routeForMailboxes, type Params, type Query } from './helpers.js';

const DEFAULT_DELTA_PAGE = 10;

type DeltaEntry = { id: string; view?: EventView };

/** Everything the round (base, high] must report for the window, keyed by id (the last word wins). */
function roundEntries(mailbox: Mailbox, state: DeltaState): DeltaEntry[] {
  const entries = new Map<string, DeltaEntry>();
  const { from, to, base, high } = state;
  const inRound = (seq: number) => seq > base && seq <= high;
  if (base === 0) {
    for (const view of calendarWindow(mailbox, from, to)) if (view.record.seq <= high) entries.set(view.id, { id: view.id, view });
  } else {
    for (const tomb of mailbox.tombstones) {
      if (!inRound(tomb.seq)) continue;
      entries.set(tomb.id, { id: tomb.id });
      if (tomb.master) for (const v of seriesInstances(mailbox, tomb.master, from, to)) entries.set(v.id, { id: v.id });
    }
    for (const event of mailbox.events.values()) {
      if (!inRound(event.seq)) continue;
      if (event.kind === 'seriesMaster') {
        for (const v of seriesInstances(mailbox, event, from, to)) entries.set(v.id, v.record.seq <= high ? { id: v.id, view: v } : { id: v.id });
      } else {
        const view = storedView(event);
        const visible = view.startMs < to && view.endMs > from;
        entries.set(view.id, visible ? { id: view.id, view } : { id: view.id });
      }
    }
    // Entries whose item changed again after the round started wait for the next round.
    for (const [id, entry] of entries) if (entry.view && entry.view.record.seq > high) entries.delete(id);
  }
  return [...entries.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** First index whose id sorts after `after` (entries are sorted by id). */
function firstAfter(entries: DeltaEntry[], after: string | undefined): number {
  if (after === undefined) return 0;
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((entries[mid]?.id ?? '') <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const ROUND_CACHE_SIZE = 64;

export function registerCalendarViewRoutes(app: FastifyInstance, sandbox: GraphSandboxState): void {
  const codec = new DeltaTokenCodec(sandbox.deltaKey, 'calendarView');
  // A round's entries are computed once and paged from the cache, so paging a large mailbox stays linear.
  const rounds = new Map<string, DeltaEntry[]>();
  const entriesOf = (mailbox: Mailbox, state: DeltaState): DeltaEntry[] => {
    const key = [state.epoch, state.mailboxId, state.from, state.to, state.base, state.high].join('|');
    let entries = rounds.get(key);
    if (!entries) {
      entries = roundEntries(mailbox, state);
      rounds.set(key, entries);
      if (rounds.size > ROUND_CACHE_SIZE) rounds.delete(rounds.keys().next().value as string);
    }
    return entries;
  };
  const store = sandbox.store;
  const mailboxOf = (req: FastifyRequest) => {
    const mailbox = resolveMailbox(store, req, (req.params as Params).userId);
    checkCalendar(req, mailbox);
    return mailbox;
  };

  routeForMailboxes(app, 'GET', CALENDAR_SEGMENTS.map((s) => `${s}/calendarView`), async (req, reply) => {
    const mailbox = mailboxOf(req);
    const q = req.query as Query;
    const from = parseQueryInstant('startDateTime', q.startDateTime);
    const to = parseQueryInstant('endDateTime', q.endDateTime);
    if (to <= from) throw badRequest('The end of the window must be after its start.', 'ErrorInvalidParameter');
    return sendViews(req, reply, mailbox, calendarWindow(mailbox, from, to), 'calendarView', parseODataQuery(q));
  });

  const expired = (req: FastifyRequest) =>
    new GraphError(410, 'SyncStateNotFound', 'The sync state generation is not found. Resync required: start again without a token.', {
      location: `${baseUrl(req)}${req.url.split('?')[0]}`,
    });

  routeForMailboxes(app, 'GET', CALENDAR_SEGMENTS.map((s) => `${s}/calendarView/delta`), async (req, reply: FastifyReply) => {
    const mailbox = mailboxOf(req);
    const q = req.query as Query;
    if (q.$select !== undefined) throw badRequest('$select is not supported for calendarView delta.', 'ErrorInvalidParameter');
    const token = (q.$skiptoken ?? q.$deltatoken) as string | undefined;
    let state: DeltaState;
    if (token !== undefined) {
      const decoded = codec.decode(String(token));
      if (!decoded || decoded.epoch !== sandbox.tokenEpoch) throw expired(req);
      if (decoded.mailboxId !== mailbox.user.id) throw badRequest('The delta token belongs to another mailbox.', 'ErrorInvalidParameter');
      // A delta token opens the next round: everything changed since the last one, up to now.
      state = q.$deltatoken !== undefined ? { ...decoded, base: decoded.high, high: store.seq, after: undefined } : decoded;
    } else {
      const from = parseQueryInstant('startDateTime', q.startDateTime);
      const to = parseQueryInstant('endDateTime', q.endDateTime);
      if (to <= from) throw badRequest('The end of the window must be after its start.', 'ErrorInvalidParameter');
      const expand = typeof q.$expand === 'string' ? q.$expand : undefined;
      state = { epoch: sandbox.tokenEpoch, mailboxId: mailbox.user.id, from, to, base: 0, high: store.seq, expand };
    }
    const prefs = preferences(req, reply);
    const pageSize = prefs.maxPageSize ?? DEFAULT_DELTA_PAGE;
    const entries = entriesOf(mailbox, state);
    const start = firstAfter(entries, state.after);
    const page = entries.slice(start, start + pageSize);
    const link = `${baseUrl(req)}${req.url.split('?')[0]}`;
    const last = page[page.length - 1];
    const more = entries.length > start + pageSize && last !== undefined;
    const extendedProperties = state.expand ? parseODataQuery({ $expand: state.expand }).expandExtendedProperties : undefined;
    const value = page.map((entry) =>
      entry.view ? presentEvent(entry.view, { timeZone: prefs.timeZone, bodyAsText: prefs.bodyAsText, extendedProperties }) : { id: entry.id, '@removed': { reason: 'deleted' } },
    );
    const next = more
      ? { '@odata.nextLink': `${link}?$skiptoken=${codec.encode({ ...state, after: last.id })}` }
      : { '@odata.deltaLink': `${link}?$deltatoken=${codec.encode({ ...state, after: undefined })}` };
    return { '@odata.context': `${baseUrl(req)}/v1.0/$metadata#Collection(event)`, ...next, value };
  });
}
