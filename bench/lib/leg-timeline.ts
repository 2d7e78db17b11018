// Where an insta-sync's time goes, for a service running in this process: wraps the global fetch (which the service's
// adapters and both sandboxes' notifiers use) and records when each step of Outlook → C4C → a second Outlook
// happened, so a benchmark can split one change's latency into its legs and their parts:
//   Graph's change notification reaches the service → the first user's session reads Graph (queue wait) → its C4C
//   write is answered (end of leg 1) → C4C's notification reaches the service → the second user's session reads
//   Graph → the copy is written (end of leg 2, timed by the caller).
// The sandboxes' own replays of Graph $batch members (x-forwarded-host) are left out.

export interface TimelineEvent {
  at: number;
  kind: 'graphNotified' | 'c4cNotified' | 'c4cWriteDone' | 'graphRequest' | 'c4cRequest';
  /** For graphRequest: the mailbox (user id) it is for. */
  userId?: string;
  /** For requests: method and path without ids or query, and how long the answer took. */
  label?: string;
  ms?: number;
}

/** `GET /users/{id}/contacts/{id}` from a URL: path only, ids and keys replaced, safe to print. */
function labelOf(method: string, url: string, root: string): string {
  const path = url.slice(root.length).split('?')[0] ?? '';
  const generic = path.replace(/\('[^']*'\)/g, "('…')").split('/').map((seg) => (seg.length > 20 || /^[0-9a-f-]{16,}$/i.test(seg) ? '{id}' : seg)).join('/');
  return `${method} ${generic}`;
}

export interface LegTimeline {
  events: TimelineEvent[];
  restore(): void;
}

const WRITE_PART = /^(PATCH|MERGE|POST|PUT|DELETE) \S+ HTTP\/1\.1/m;

function headerOf(init: RequestInit | undefined, name: string): string | null {
  return new Headers(init?.headers).get(name);
}

export function recordLegTimeline(urls: { service: string; graph: string; c4c: string }): LegTimeline {
  const original = globalThis.fetch;
  const events: TimelineEvent[] = [];
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (url.startsWith(`${urls.service}/webhooks/graph`)) events.push({ at: performance.now(), kind: 'graphNotified' });
    else if (url.startsWith(`${urls.service}/webhooks/c4c`)) events.push({ at: performance.now(), kind: 'c4cNotified' });
    let request: TimelineEvent | undefined;
    if (url.startsWith(`${urls.graph}/v1.0/`) && headerOf(init, 'x-forwarded-host') === null) {
      const userId = /\/v1\.0\/users\/([^/?]+)/.exec(url)?.[1];
      request = { at: performance.now(), kind: 'graphRequest', label: `Graph ${labelOf(method, url, `${urls.graph}/v1.0`)}`, ...(userId ? { userId: decodeURIComponent(userId) } : {}) };
    } else if (url.startsWith(urls.c4c) && !url.includes('/_sandbox')) {
      request = { at: performance.now(), kind: 'c4cRequest', label: `C4C ${labelOf(method, url, urls.c4c)}` };
    }
    if (request) events.push(request);
    const response = await original(input, init);
    if (request) request.ms = performance.now() - request.at;
    if (url.startsWith(urls.c4c) && method !== 'GET') {
      const body = typeof init?.body === 'string' ? init.body : '';
      // A $batch writes only when it carries a write part; anything else that is not a GET is a write.
      if (!/\$batch(\?|$)/.test(url) || WRITE_PART.test(body)) events.push({ at: performance.now(), kind: 'c4cWriteDone' });
    }
    return response;
  };
  return { events, restore: () => void (globalThis.fetch = original) };
}

/** The first event of `kind` (and user) at or after `from`, or undefined. */
function firstAfter(events: readonly TimelineEvent[], from: number, kind: TimelineEvent['kind'], userId?: string): number | undefined {
  return events.find((e) => e.at >= from && e.kind === kind && (userId === undefined || e.userId === userId))?.at;
}

export interface ChangeLegs {
  /** Outlook edit committed → its C4C write answered. */
  toC4c: number;
  /** C4C write answered → the second user's copy committed. */
  toSecondUser: number;
  /** The parts (ms); a part whose event was not seen is absent. */
  parts: Partial<Record<'graphNotification' | 'queueFirst' | 'sessionFirst' | 'c4cNotification' | 'queueSecond' | 'sessionSecond', number>>;
}

/** One change's legs from the timeline, between the Outlook commit (`start`) and the second copy's commit (`end`). */
export function legsOf(events: readonly TimelineEvent[], start: number, end: number, users: { first: string; second: string }): ChangeLegs | null {
  const window = events.filter((e) => e.at >= start && e.at <= end);
  const written = firstAfter(window, start, 'c4cWriteDone');
  if (written === undefined) return null;
  const graphNotified = firstAfter(window, start, 'graphNotified');
  const firstRead = graphNotified === undefined ? undefined : firstAfter(window, graphNotified, 'graphRequest', users.first);
  // C4C notifies while it commits the write, so its notification may leave before its answer reaches the service.
  const c4cNotified = firstAfter(window, firstRead ?? start, 'c4cNotified');
  const secondRead = c4cNotified === undefined ? undefined : firstAfter(window, c4cNotified, 'graphRequest', users.second);
  const parts: ChangeLegs['parts'] = {};
  if (graphNotified !== undefined) parts.graphNotification = graphNotified - start;
  if (graphNotified !== undefined && firstRead !== undefined) parts.queueFirst = firstRead - graphNotified;
  if (firstRead !== undefined) parts.sessionFirst = written - firstRead;
  if (c4cNotified !== undefined) parts.c4cNotification = c4cNotified - written;
  if (c4cNotified !== undefined && secondRead !== undefined) parts.queueSecond = secondRead - c4cNotified;
  if (secondRead !== undefined) parts.sessionSecond = end - secondRead;
  return { toC4c: written - start, toSecondUser: end - written, parts };
}

/**
 * The service's requests from `lookBackMs` before `start` to `end`, one line each: offset from `start` (negative: a
 * request still of the change before, e.g. a session that delays this change's), what (for whom: `names` by user
 * id), how long.
 */
export function requestLines(events: readonly TimelineEvent[], start: number, end: number, names: Record<string, string> = {}, lookBackMs = 0): string[] {
  return events
    .filter((e) => e.at >= start - lookBackMs && e.at <= end && e.label !== undefined)
    .map((e) => `+${(e.at - start).toFixed(0)} ms ${e.label ?? ''}${e.userId ? ` (${names[e.userId] ?? 'a user'})` : ''} ${e.ms === undefined ? '' : `${e.ms.toFixed(0)} ms`}`);
}
