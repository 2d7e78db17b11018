// All user-facing strings in one place, English and German, chosen by Office's display language. Plain data and
// functions (no Office.js, no React): the task pane, its components and the ribbon commands all read them.
import { de } from './de.js';
import { en, type Strings } from './en.js';

export type { Strings } from './en.js';

const catalogs: Record<string, Strings> = { en, de };

/** 'de-DE', 'de-AT', 'de' → German; anything unknown → English. */
export function stringsFor(locale: string | undefined): Strings {
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  return catalogs[language] ?? en;
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
