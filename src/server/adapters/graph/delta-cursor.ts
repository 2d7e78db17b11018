// The cursor the adapter hands out: Graph's deltaLink plus the window it was opened for. Graph encodes the window
// in its state token, so a request for another window needs a new full read; remembering the window lets the
// adapter notice that instead of silently syncing the old one. Opaque to callers.
import type { SyncWindow } from '../../ports/calendar-source.js';

const PREFIX = 'graph-delta:v1:';

export interface DeltaCursor {
  window: SyncWindow;
  deltaLink: string;
}

export function encodeDeltaCursor(cursor: DeltaCursor): string {
  return `${PREFIX}${JSON.stringify({ s: cursor.window.startUtc, e: cursor.window.endUtc, l: cursor.deltaLink })}`;
}

/** Null for a missing or unreadable cursor (→ full read). A bare deltaLink is accepted with an unknown window. */
export function decodeDeltaCursor(value: string | null): (DeltaCursor & { windowKnown: boolean }) | null {
  if (!value) return null;
  if (!value.startsWith(PREFIX)) {
    return /^https?:\/\//i.test(value) ? { window: { startUtc: '', endUtc: '' }, deltaLink: value, windowKnown: false } : null;
  }
  try {
    const parsed = JSON.parse(value.slice(PREFIX.length)) as { s?: unknown; e?: unknown; l?: unknown };
    if (typeof parsed.s !== 'string' || typeof parsed.e !== 'string' || typeof parsed.l !== 'string') return null;
    return { window: { startUtc: parsed.s, endUtc: parsed.e }, deltaLink: parsed.l, windowKnown: true };
  } catch {
    return null;
  }
}

export function sameWindow(a: SyncWindow, b: SyncWindow): boolean {
  return Date.parse(a.startUtc) === Date.parse(b.startUtc) && Date.parse(a.endUtc) === Date.parse(b.endUtc);
}
