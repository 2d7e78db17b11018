// All user-facing strings in one place, one catalog per language, chosen by Office's display language. Plain data
// and functions (no Office.js, no React). This module holds every catalog at once: the ribbon commands and the tests
// read it. The task pane does not (its first download would carry seven languages it does not show): it takes
// English eagerly and its own language on demand through load.ts, and `format` from format.ts.
import { de } from './de.js';
import { en, type Strings } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { pickLanguage, PSEUDO_LOCALE, type CatalogTag, type PaneLanguage } from './language.js';
import { pseudoCatalog } from './pseudo.js';
import { ptBR } from './pt-BR.js';
import { zhCN } from './zh-CN.js';

export type { Strings } from './en.js';
export { format } from './format.js';
export { PSEUDO_LOCALE, type CatalogTag, type PaneLanguage } from './language.js';

/** Every catalog by its own tag; the tests walk this list. */
export const CATALOGS = { en, de, fr, es, it, 'pt-BR': ptBR, ja, 'zh-CN': zhCN, [PSEUDO_LOCALE]: pseudoCatalog(en) } as const satisfies Record<CatalogTag, Strings>;

/** The pane's language for Office's display language, with its catalog (the rules: language.ts pickLanguage). */
export function languageFor(displayLanguage: string | undefined): PaneLanguage {
  const choice = pickLanguage(displayLanguage);
  return { ...choice, strings: CATALOGS[choice.tag] };
}

/** The strings for Office's display language (see languageFor). */
export function stringsFor(locale: string | undefined): Strings {
  return languageFor(locale).strings;
}
