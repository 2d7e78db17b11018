// All user-facing strings in one place, one catalog per language, chosen by Office's display language. Plain data
// and functions (no Office.js, no React): the task pane, its components and the ribbon commands all read them.
import { de } from './de.js';
import { en, type Strings } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { PSEUDO_LOCALE, pseudoCatalog } from './pseudo.js';
import { ptBR } from './pt-BR.js';
import { zhCN } from './zh-CN.js';

export type { Strings } from './en.js';
export { PSEUDO_LOCALE } from './pseudo.js';

/** Every catalog by its own tag; the tests walk this list. */
export const CATALOGS = { en, de, fr, es, it, 'pt-BR': ptBR, ja, 'zh-CN': zhCN, [PSEUDO_LOCALE]: pseudoCatalog(en) } as const satisfies Record<string, Strings>;
export type CatalogTag = keyof typeof CATALOGS;

// Language subtag → catalog. Chinese is missing on purpose: it depends on the script (see languageFor).
const BY_LANGUAGE: Record<string, CatalogTag> = { en: 'en', de: 'de', fr: 'fr', es: 'es', it: 'it', pt: 'pt-BR', ja: 'ja' };

export interface PaneLanguage {
  /** The catalog shown. */
  tag: CatalogTag;
  strings: Strings;
  /** The locale dates and relative times are formatted in (Intl); it always matches the strings' language. */
  locale: string;
}

const ENGLISH: PaneLanguage = { tag: 'en', strings: en, locale: 'en-US' };

/**
 * The pane's language for Office's display language:
 * - a region we have no catalog of falls back to the language's catalog (fr-CA → fr, es-MX → es, pt-PT → pt-BR),
 *   and dates keep the region's own format (fr-CA dates with the French strings);
 * - Chinese in Simplified script (zh, zh-CN, zh-SG, zh-Hans) → zh-CN; Traditional (zh-TW, zh-HK, zh-Hant) → English,
 *   since Simplified characters are not what Traditional readers use;
 * - anything else, and anything unparsable → English, with English dates (not "Synced" beside "vor 5 Minuten").
 */
export function languageFor(displayLanguage: string | undefined): PaneLanguage {
  const requested = (displayLanguage ?? '').trim().replace(/_/g, '-');
  if (requested.toLowerCase() === PSEUDO_LOCALE) return { tag: PSEUDO_LOCALE, strings: CATALOGS[PSEUDO_LOCALE], locale: PSEUDO_LOCALE };
  let parsed: Intl.Locale;
  try {
    parsed = new Intl.Locale(requested);
  } catch {
    return ENGLISH; // empty or not a BCP 47 tag
  }
  const locale = parsed.toString();
  if (parsed.language === 'zh') {
    // maximize() fills in the likely script: zh-TW → zh-Hant-TW, zh → zh-Hans-CN.
    return parsed.maximize().script === 'Hans' ? { tag: 'zh-CN', strings: CATALOGS['zh-CN'], locale } : ENGLISH;
  }
  const tag = BY_LANGUAGE[parsed.language];
  if (!tag) return ENGLISH;
  return { tag, strings: CATALOGS[tag], locale };
}

/** The strings for Office's display language (see languageFor). */
export function stringsFor(locale: string | undefined): Strings {
  return languageFor(locale).strings;
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
