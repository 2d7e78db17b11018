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

/** A day either side: an all-day item's floating dates may sit in another zone than the UTC view. */
function viewAround(ref: SharedItemRef): { startUtc: string; endUtc: string } {
  return { startUtc: new Date(Date.parse(ref.startUtc) - DAY_MS).toISOString(), endUtc: new Date(Date.parse(ref.endUtc) + DAY_MS).toISOString() };
}

export async function findSharedCopies(http: GraphHttp, mailbox: Mailbox, wanted: readonly SharedItemRef[]): Promise<OutlookItemPresent[]> {
  const userId = http.options.userIdOf(mailbox);
  const found = await pMap(wanted, async (ref) => {
    const events = await listWindowEvents(http, userId.toLowerCase(), userId, viewAround(ref));
    return events.filter((e) => e.iCalUId === ref.shareKey).map((e) => normalizeGraphEvent(e, { addinId: http.options.addinId }));
  }, { concurrency: VIEWS_AT_ONCE });
  return found.flat().filter((i): i is OutlookItemPresent => !i.removed);
}
