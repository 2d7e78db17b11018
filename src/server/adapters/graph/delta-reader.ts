// readChanges: Graph calendarView/delta over the sync window (API-NOTES B.2), all pages, then the details delta
// cannot give: links (extended properties cannot be expanded on delta) and confirmation of `@removed` entries,
// which Graph also sends for items that merely left the window. An expired state token (410) turns into a full
// read of the window; ids are stable, so the caller re-links its pairs by id instead of duplicating items.
import type { Mailbox } from '../../domain/mailbox.js';
import { normalizeGraphEvent, type GraphEvent } from '../../domain/normalize-graph.js';
import type { OutlookItem } from '../../domain/snapshots.js';
import type { CalendarChanges, SyncWindow } from '../../ports/calendar-source.js';
import { PortFailure } from '../../ports/write-results.js';
import { decodeDeltaCursor, encodeDeltaCursor, sameWindow } from './delta-cursor.js';
import { fetchEventsById, isGraphEvent, listWindowEvents, retryAfterOf, userPath } from './event-reads.js';
import { isExpiredDeltaToken, portErrorOf } from './graph-errors.js';
import { EVENT_PREFER, type GraphHttp } from './graph-http.js';

type DeltaEntry = GraphEvent & Record<string, unknown>;

class DeltaTokenExpired extends Error {}

interface DeltaPages {
  entries: DeltaEntry[];
  deltaLink: string;
  pages: number;
}

async function collectDelta(http: GraphHttp, scope: string, firstUrl: string): Promise<DeltaPages> {
  const headers = { prefer: `${EVENT_PREFER}, odata.maxpagesize=${http.options.pageSize}` };
  const entries: DeltaEntry[] = [];
  let url = firstUrl;
  for (let pages = 1; ; pages++) {
    const response = await http.send(scope, { method: 'GET', url, headers });
    if (isExpiredDeltaToken(response.status, response.body)) throw new DeltaTokenExpired();
    if (response.status < 200 || response.status >= 300) {
      throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
    }
    const page = (response.body ?? {}) as { value?: unknown[]; '@odata.nextLink'?: unknown; '@odata.deltaLink'?: unknown };
    for (const entry of page.value ?? []) if (isGraphEvent(entry)) entries.push(entry as DeltaEntry);
    if (typeof page['@odata.nextLink'] === 'string') {
      url = page['@odata.nextLink'];
      continue;
    }
    if (typeof page['@odata.deltaLink'] === 'string') return { entries, deltaLink: page['@odata.deltaLink'], pages };
    throw new PortFailure({ code: 'temporary', message: 'Graph delta page had neither @odata.nextLink nor @odata.deltaLink' });
  }
}

/** The same item can appear on several pages; the last appearance is the newest. */
function latestPerId(entries: readonly DeltaEntry[]): DeltaEntry[] {
  const byId = new Map<string, DeltaEntry>();
  for (const entry of entries) {
    byId.delete(entry.id);
    byId.set(entry.id, entry);
  }
  return [...byId.values()];
}

/** Delta may return only changed properties; without these the item cannot be judged. */
function isPartial(entry: DeltaEntry): boolean {
  return !('categories' in entry) || !('start' in entry) || !('end' in entry);
}

/** Items that need a full read: they may sync (any category: R1 needs one) or delta sent only part of them. */
function needsDetails(entry: DeltaEntry): boolean {
  return (entry.categories?.length ?? 0) > 0 || isPartial(entry);
}

export function initialDeltaUrl(userId: string, window: SyncWindow): string {
  return `${userPath(userId)}/calendarView/delta?startDateTime=${encodeURIComponent(window.startUtc)}&endDateTime=${encodeURIComponent(window.endUtc)}`;
}

export async function readCalendarChanges(http: GraphHttp, mailbox: Mailbox, cursor: string | null, window: SyncWindow): Promise<CalendarChanges> {
  const userId = http.options.userIdOf(mailbox);
  const scope = userId.toLowerCase();
  const logger = http.options.logger;
  const decoded = decodeDeltaCursor(cursor);
  let full = !decoded || (decoded.windowKnown && !sameWindow(decoded.window, window));
  let delta: DeltaPages;
  try {
    delta = await collectDelta(http, scope, full || !decoded ? initialDeltaUrl(userId, window) : decoded.deltaLink);
  } catch (error) {
    if (!(error instanceof DeltaTokenExpired)) throw error;
    if (full) throw new PortFailure({ code: 'cursor', message: 'Graph rejected the state token of a fresh delta query' });
    logger.info({ mailboxId: mailbox.mailboxId }, 'graph delta token expired, reading the whole window again');
    full = true;
    delta = await collectDelta(http, scope, initialDeltaUrl(userId, window));
  }

  const entries = latestPerId(delta.entries);
  const removedIds = entries.filter((e) => e['@removed']).map((e) => e.id);
  const detailIds = entries.filter((e) => !e['@removed'] && needsDetails(e)).map((e) => e.id);
  const details = new Map<string, GraphEvent | null>();
  if (detailIds.length >= http.options.listDetailsThreshold) {
    const wanted = new Set(detailIds);
    for (const event of await listWindowEvents(http, scope, userId, window)) if (wanted.has(event.id)) details.set(event.id, event);
  }
  const toFetch = [...removedIds, ...detailIds.filter((id) => !details.has(id))];
  if (toFetch.length > 0) for (const [id, event] of await fetchEventsById(http, scope, userId, toFetch)) details.set(id, event);

  const normalizeOptions = { addinId: http.options.addinId };
  const items: OutlookItem[] = entries.map((entry) => {
    const detail = details.get(entry.id);
    if (detail === null) return { removed: true, id: entry.id };
    if (detail) return normalizeGraphEvent(detail, normalizeOptions);
    return normalizeGraphEvent(entry, normalizeOptions);
  });
  const leftWindow = removedIds.filter((id) => details.get(id)).length;
  logger.info(
    { mailboxId: mailbox.mailboxId, full, pages: delta.pages, items: items.length, removed: items.filter((i) => i.removed).length, leftWindow },
    'graph calendar changes read',
  );
  return { items, nextCursor: encodeDeltaCursor({ window, deltaLink: delta.deltaLink }), full };
}
