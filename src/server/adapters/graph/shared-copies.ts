// R8: a mailbox's copies of meetings others organize, found by iCalUId. Graph lists occurrences only in a calendar
// view (the events collection holds series masters, not the occurrences whose own iCalUId C4C keeps), so each one is
// looked for in a short view around when it happens, and picked by its iCalUId.
import pMap from 'p-map';
import { normalizeGraphEvent } from '../../domain/normalize-graph.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { OutlookItemPresent } from '../../domain/snapshots.js';
import type { SharedItemRef } from '../../ports/groupware-port.js';
import type { GraphHttp } from './graph-http.js';
import { listWindowEvents } from './event-reads.js';

const DAY_MS = 86_400_000;
/** Views read at once per mailbox (the per-mailbox limiter allows 4 requests in flight). */
const VIEWS_AT_ONCE = 2;
/** Beyond this many copies, one view over all of them costs fewer requests than a view each. */
const MANY = 8;

/** A day either side: an all-day item's floating dates may sit in another zone than the UTC view. */
function viewAround(ref: SharedItemRef): { startUtc: string; endUtc: string } {
  return { startUtc: new Date(Date.parse(ref.startUtc) - DAY_MS).toISOString(), endUtc: new Date(Date.parse(ref.endUtc) + DAY_MS).toISOString() };
}

export async function findSharedCopies(http: GraphHttp, mailbox: Mailbox, wanted: readonly SharedItemRef[]): Promise<OutlookItemPresent[]> {
  const userId = http.options.userIdOf(mailbox);
  const keys = new Set(wanted.map((r) => r.shareKey));
  // Many at once (a first sync files every attended meeting): one paged view over all of them, not one view each.
  const views = wanted.length > MANY ? [spanOf(wanted)] : wanted.map(viewAround);
  const found = await pMap(views, (view) => listWindowEvents(http, userId.toLowerCase(), userId, view), { concurrency: VIEWS_AT_ONCE });
  // Views of nearby items overlap: each copy once.
  const byId = new Map(found.flat().map((e) => [e.id, e]));
  return [...byId.values()]
    .filter((e) => typeof e.iCalUId === 'string' && keys.has(e.iCalUId))
    .map((e) => normalizeGraphEvent(e, { addinId: http.options.addinId }))
    .filter((i): i is OutlookItemPresent => !i.removed);
}

/** The view around every wanted item at once. */
function spanOf(wanted: readonly SharedItemRef[]): { startUtc: string; endUtc: string } {
  const views = wanted.map(viewAround);
  return { startUtc: views.map((v) => v.startUtc).sort()[0] as string, endUtc: views.map((v) => v.endUtc).sort().at(-1) as string };
}
