// Date formatting for the pane, in the user's Office display language.

export function formatRange(start: Date | null, end: Date | null, locale: string): string | null {
  if (!start) return null;
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  if (!end) return `${day.format(start)} ${time.format(start)}`;
  // All-day items (Office.js release typings have no isAllDay): midnight to midnight, whole days. Show the dates
  // only, and the last day rather than the exclusive end.
  if (isMidnight(start) && isMidnight(end) && end.getTime() - start.getTime() >= 86_400_000) {
    const lastDay = new Date(end.getTime() - 86_400_000);
    return lastDay.toDateString() === start.toDateString() ? day.format(start) : `${day.format(start)} – ${day.format(lastDay)}`;
  }
  const sameDay = start.toDateString() === end.toDateString();
  return sameDay
    ? `${day.format(start)}, ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}`;
}

/** An all-day item over more than a day (midnight to midnight, two days or more): R4 keeps it from syncing. */
export function isLongAllDay(start: Date | null, end: Date | null): boolean {
  return start !== null && end !== null && isMidnight(start) && isMidnight(end) && end.getTime() - start.getTime() > 86_400_000;
}

function isMidnight(date: Date): boolean {
  return date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0;
}

/** "5 minutes ago" / "vor 5 Minuten"; falls back to an absolute date for anything older than a week. */
export function formatWhen(iso: string, locale: string, now: Date = new Date()): string {
  const then = new Date(iso);
  // Only past times are shown ("synced", "first failed"); one a moment ahead is the two clocks' skew: "now".
  const seconds = Math.min(0, Math.round((then.getTime() - now.getTime()) / 1000));
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(then);
}
