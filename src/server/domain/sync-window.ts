// The sync window around now (tenant setting, default 30 days back and 180 ahead): the one rule for sessions, the
// tenant poll and the Graph adapter. Its ends are whole UTC days, so the window - and with it the Graph delta token
// - changes once a day, not on every session: a changed window costs a full read of the calendar view.
import { DEFAULT_SYNC_SETTINGS } from './settings.js';

export interface SyncWindow {
  /** ISO UTC. */
  startUtc: string;
  endUtc: string;
}

const DAY_MS = 86_400_000;

export function syncWindowAround(now: Date, window: { daysBack: number; daysAhead: number } = DEFAULT_SYNC_SETTINGS.window): SyncWindow {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  return { startUtc: iso(today - window.daysBack * DAY_MS), endUtc: iso(today + (window.daysAhead + 1) * DAY_MS) };
}
