// Which catalog and which date locale Office's display language gets, without the catalogs themselves: index.ts
// (every catalog, eager: the ribbon commands and the tests) and load.ts (English eager, the rest on demand: the
// task pane) both pick through here, so they cannot disagree.
import type { Strings } from './en.js';

/** Microsoft's tag for the pseudo-locale (pseudo.ts). */
export const PSEUDO_LOCALE = 'qps-ploc';

export const CATALOG_TAGS = ['en', 'de', 'fr', 'es', 'it', 'pt-BR', 'ja', 'zh-CN', PSEUDO_LOCALE] as const;
export type CatalogTag = (typeof CATALOG_TAGS)[number];

// Language subtag → catalog. Chinese is missing on purpose: it depends on the script (see pickLanguage).
const BY_LANGUAGE: Record<string, CatalogTag> = { en: 'en', de: 'de', fr: 'fr', es: 'es', it: 'it', pt: 'pt-BR', ja: 'ja' };

export interface LanguageChoice {
  /** The catalog to show. */
  tag: CatalogTag;
  /** The locale dates and relative times are formatted in (Intl); it always matches the strings' language. */
  locale: string;
}

export interface PaneLanguage extends LanguageChoice {
  strings: Strings;
}

export const ENGLISH_CHOICE: LanguageChoice = { tag: 'en', locale: 'en-US' };

/**
 * The pane's language for Office's display language:
 * - a region we have no catalog of falls back to the language's catalog (fr-CA → fr, es-MX → es, pt-PT → pt-BR),
 *   and dates keep the region's own format (fr-CA dates with the French strings);
 * - Chinese in Simplified script (zh, zh-CN, zh-SG, zh-Hans) → zh-CN; Traditional (zh-TW, zh-HK, zh-Hant) → English,
 *   since Simplified characters are not what Traditional readers use;
 * - anything else, and anything unparsable → English, with English dates (not "Synced" beside "vor 5 Minuten").
 */
export function pickLanguage(displayLanguage: string | undefined): LanguageChoice {
  const requested = (displayLanguage ?? '').trim().replace(/_/g, '-');
  if (requested.toLowerCase() === PSEUDO_LOCALE) return { tag: PSEUDO_LOCALE, locale: PSEUDO_LOCALE };
  let parsed: Intl.Locale;
  try {
    parsed = new Intl.Locale(requested);
  } catch {
    return ENGLISH_CHOICE; // empty or not a BCP 47 tag
  }
  const locale = parsed.toString();
  if (parsed.language === 'zh') {
    // maximize() fills in the likely script: zh-TW → zh-Hant-TW, zh → zh-Hans-CN.
    return parsed.maximize().script === 'Hans' ? { tag: 'zh-CN', locale } : ENGLISH_CHOICE;
  }
  const tag = BY_LANGUAGE[parsed.language];
  return tag ? { tag, locale } : ENGLISH_CHOICE;
}
