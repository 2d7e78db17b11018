// Dates, times and relative times for the pane, in the pane's locale, all through Intl: the order of date and time,
// the separators and the range dash differ by language ("Thu, Nov 26, 2026, 10:00 – 11:30 AM", "Do., 26. Nov. 2026,
// 10:00–11:30 Uhr", "2026/11/26(木) 10時00分～11時30分").
import { PSEUDO_LOCALE } from '../../addin/text/language.js';
import { pseudoLocalize } from '../../addin/text/pseudo.js';

const DAY = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } as const;
const TIME = { hour: '2-digit', minute: '2-digit' } as const;

// The pseudo-locale formats as English and then pseudo-localizes, so a date that skipped this module shows unbracketed.
function inLocale(locale: string, format: (intlLocale: string) => string): string {
  return locale === PSEUDO_LOCALE ? pseudoLocalize(format('en-US')) : format(locale);
}

export function formatRange(start: Date | null, end: Date | null, locale: string): string | null {
  if (!start) return null;
  return inLocale(locale, (intl) => {
    const dateTime = new Intl.DateTimeFormat(intl, { ...DAY, ...TIME });
    if (!end || end.getTime() < start.getTime()) return dateTime.format(start);
    // All-day items (Office.js release typings have no isAllDay): midnight to midnight, whole days. Show the dates
    // only, and the last day rather than the exclusive end (Intl shows a single date when both are the same day).
    if (isMidnight(start) && isMidnight(end) && end.getTime() - start.getTime() >= 86_400_000) {
      return new Intl.DateTimeFormat(intl, DAY).formatRange(start, new Date(end.getTime() - 86_400_000));
    }
    // Same day: the date once and the two times; Intl picks the order and the dash.
    return dateTime.formatRange(start, end);
  });
}

/** An all-day item over more than a day (midnight to midnight, two days or more): R4 keeps it from syncing. */
export function isLongAllDay(start: Date | null, end: Date | null): boolean {
  return start !== null && end !== null && isMidnight(start) && isMidnight(end) && end.getTime() - start.getTime() > 86_400_000;
}

function isMidnight(date: Date): boolean {
  return date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0;
}

/** "5 minutes ago" / "vor 5 Minuten" / "5分前"; an absolute date and time for anything older than a week. */
export function formatWhen(iso: string, locale: string, now: Date = new Date()): string {
  const then = new Date(iso);
  // Only past times are shown ("synced", "first failed"); one a moment ahead is the two clocks' skew: "now".
  const seconds = Math.min(0, Math.round((then.getTime() - now.getTime()) / 1000));
  return inLocale(locale, (intl) => {
    const rtf = new Intl.RelativeTimeFormat(intl, { numeric: 'auto' });
    const abs = Math.abs(seconds);
    if (abs < 60) return rtf.format(seconds, 'second');
    if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
    if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
    if (abs < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
    return new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short' }).format(then);
  });
}

/** A money amount in its own currency, in the pane's locale ("€12,500.00", "12.500,00 €", "US$12,500.00"). */
export function formatMoney(amount: number, currency: string, locale: string): string {
  return inLocale(locale, (intl) => new Intl.NumberFormat(intl, { style: 'currency', currency }).format(amount));
}

/** A calendar date (`YYYY-MM-DD`, no time of day) in the pane's locale; read and shown in UTC so no zone moves it a day. */
export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return inLocale(locale, (intl) => new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' }).format(date));
}

/** A count in the pane's locale ("1,234", "1.234"). */
export function formatCount(count: number, locale: string): string {
  return inLocale(locale, (intl) => new Intl.NumberFormat(intl).format(count));
}
