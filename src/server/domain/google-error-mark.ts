// R9 for Google Calendar. Google events have no categories, so a failed event is shown the way a user sees it at a
// glance: a red colour (the event palette's "11", Tomato) and one line at the top of the description with the reason.
// When the event syncs again, exactly that line goes and the colour the event had before comes back (kept in a
// private extended property). The user's own description text is never changed. Pure functions over GoogleEvent.
import { GOOGLE_PRIVATE_KEYS, privateProperties, type GoogleEvent } from './google-event.js';

/** Event colour "11": red, "Tomato" in Google Calendar's UI (Apps Script's EventColor.RED is "11"). */
export const GOOGLE_ERROR_COLOR_ID = '11';

/** The stable start of the error line: how the service finds its own line again, whatever the reason says. */
export const GOOGLE_ERROR_LINE_PREFIX = '⚠ Not synced with SAP Cloud for Customer: ';

/** What a mark or a clear writes: an events.patch body (null clears a field or deletes a property). */
export interface GoogleErrorPatch {
  colorId?: string | null;
  description?: string;
  extendedProperties?: { private: Record<string, string | null> };
}

const LINE_BREAK = /(\r\n|\n|<br\s*\/?>)/i;
const HTML_TAG = /<\/?(?:a|b|i|u|br|p|div|span|ul|ol|li|strong|em)\b[^>]*>/i;

/** Whether a description is HTML (Google Calendar's editor writes some as HTML; the API may return either). */
export function looksLikeHtml(text: string): boolean {
  return HTML_TAG.test(text);
}

interface Line {
  text: string;
  /** The line break after it, '' for the last line. */
  end: string;
}

function linesOf(description: string): Line[] {
  const parts = description.split(LINE_BREAK);
  const lines: Line[] = [];
  for (let i = 0; i < parts.length; i += 2) lines.push({ text: parts[i] ?? '', end: parts[i + 1] ?? '' });
  return lines;
}

function isErrorLine(text: string): boolean {
  // An HTML description may wrap the line in tags, or the editor may have re-saved it as HTML.
  const plain = text.replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').trimStart();
  return plain.startsWith(GOOGLE_ERROR_LINE_PREFIX.trimEnd());
}

/** The description without the service's error line: the user's own text, exactly as they left it. */
export function userDescription(description: string | null | undefined): string {
  const text = description ?? '';
  const lines = linesOf(text);
  const index = lines.findIndex((l) => isErrorLine(l.text));
  if (index < 0) return text;
  const kept = lines.filter((_, i) => i !== index);
  // The error line was the last one: the break before it was ours (mark puts the line first, so only a user's edit
  // moves it down); drop that break rather than leave a trailing one.
  if (index === lines.length - 1 && kept.length > 0) (kept[kept.length - 1] as Line).end = '';
  return kept.map((l) => l.text + l.end).join('');
}

/** The service's error line as the description holds it, or null. */
export function errorLineOf(description: string | null | undefined): string | null {
  return linesOf(description ?? '').find((l) => isErrorLine(l.text))?.text ?? null;
}

/** R9: whether the event carries the service's error line (the Google form of the error category). */
export function hasGoogleErrorMark(event: Pick<GoogleEvent, 'description'>): boolean {
  return linesOf(event.description ?? '').some((l) => isErrorLine(l.text));
}

function errorLine(reason: string): string {
  return GOOGLE_ERROR_LINE_PREFIX + reason.replace(/\s+/g, ' ').trim();
}

/**
 * R9: the patch that marks the event failed with `reason` (red, and the line on top of the user's text), or null
 * when it shows exactly that already. The colour before the mark is kept once: a second mark, or an event the user
 * left red, keeps the colour recorded first.
 */
export function googleErrorMarkPatch(event: Pick<GoogleEvent, 'description' | 'colorId' | 'extendedProperties'>, reason: string): GoogleErrorPatch | null {
  const user = userDescription(event.description);
  const line = errorLine(reason);
  const separator = looksLikeHtml(user) ? '<br>' : '\n';
  const description = user === '' ? line : `${line}${separator}${user}`;
  const stored = privateProperties(event)[GOOGLE_PRIVATE_KEYS.colorBeforeError];
  const marked = hasGoogleErrorMark(event);
  if (marked && description === (event.description ?? '') && event.colorId === GOOGLE_ERROR_COLOR_ID) return null;
  const patch: GoogleErrorPatch = { colorId: GOOGLE_ERROR_COLOR_ID, description };
  const keepStored = typeof stored === 'string' && (marked || event.colorId === GOOGLE_ERROR_COLOR_ID);
  if (!keepStored) patch.extendedProperties = { private: { [GOOGLE_PRIVATE_KEYS.colorBeforeError]: event.colorId ?? '' } };
  return patch;
}

/**
 * R9: the patch that takes the mark off again, or null when there is none: exactly the error line goes, and the colour
 * before the mark comes back (null: the calendar's colour), unless the user chose another colour meanwhile.
 */
export function googleErrorClearPatch(event: Pick<GoogleEvent, 'description' | 'colorId' | 'extendedProperties'>): GoogleErrorPatch | null {
  const stored = privateProperties(event)[GOOGLE_PRIVATE_KEYS.colorBeforeError];
  const marked = hasGoogleErrorMark(event);
  if (!marked && typeof stored !== 'string') return null;
  const patch: GoogleErrorPatch = { extendedProperties: { private: { [GOOGLE_PRIVATE_KEYS.colorBeforeError]: null } } };
  if (marked) patch.description = userDescription(event.description);
  if (event.colorId === GOOGLE_ERROR_COLOR_ID) patch.colorId = stored ? stored : null;
  return patch;
}
