// The task pane's catalogs: English (the fallback) is part of the first download, every other language is a chunk
// of its own (webpack splits each `import()` below), fetched once Office says which language to show. The pane waits
// for it (index.tsx: in parallel with sign-in set-up, before the first render) rather than showing English and then
// switching: a switch would redraw every label and move the layout under the user's eyes, and a screen reader would
// read the pane twice. When the chunk cannot load (offline, a deployment that replaced the files, too slow), the pane
// shows English with English dates, never keys or a blank pane.
import { en, type Strings } from './en.js';
import { ENGLISH_CHOICE, pickLanguage, type CatalogTag, type PaneLanguage } from './language.js';

export type CatalogImporters = Record<Exclude<CatalogTag, 'en'>, () => Promise<Strings>>;

const IMPORTERS: CatalogImporters = {
  de: () => import(/* webpackChunkName: "text-de" */ './de.js').then((m) => m.de),
  fr: () => import(/* webpackChunkName: "text-fr" */ './fr.js').then((m) => m.fr),
  es: () => import(/* webpackChunkName: "text-es" */ './es.js').then((m) => m.es),
  it: () => import(/* webpackChunkName: "text-it" */ './it.js').then((m) => m.it),
  'pt-BR': () => import(/* webpackChunkName: "text-pt-BR" */ './pt-BR.js').then((m) => m.ptBR),
  ja: () => import(/* webpackChunkName: "text-ja" */ './ja.js').then((m) => m.ja),
  'zh-CN': () => import(/* webpackChunkName: "text-zh-CN" */ './zh-CN.js').then((m) => m.zhCN),
  'qps-ploc': () => import(/* webpackChunkName: "text-pseudo" */ './pseudo.js').then((m) => m.pseudoCatalog(en)),
};

/** English strings with English dates: what the pane shows when its own language's catalog did not arrive. */
export const ENGLISH: PaneLanguage = { ...ENGLISH_CHOICE, strings: en };

/** A catalog chunk is a few KiB from the pane's own origin; past this the pane stops waiting and shows English. */
export const CATALOG_TIMEOUT_MS = 5_000;

export interface LoadOptions {
  importers?: CatalogImporters;
  timeoutMs?: number;
  /** Told why the pane fell back to English (no strings or user data in it). */
  onFallback?: (reason: string) => void;
}

/** The pane's language for Office's display language (rules: language.ts), its catalog loaded; English on failure. */
export async function loadLanguage(displayLanguage: string | undefined, options: LoadOptions = {}): Promise<PaneLanguage> {
  const choice = pickLanguage(displayLanguage);
  if (choice.tag === 'en') return { ...choice, strings: en };
  const importer = (options.importers ?? IMPORTERS)[choice.tag];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${options.timeoutMs ?? CATALOG_TIMEOUT_MS} ms`)), options.timeoutMs ?? CATALOG_TIMEOUT_MS);
  });
  try {
    const strings = await Promise.race([importer(), timeout]);
    return { ...choice, strings };
  } catch (error) {
    options.onFallback?.(`catalog ${choice.tag} not loaded: ${error instanceof Error ? error.name : 'error'}`);
    return ENGLISH;
  } finally {
    clearTimeout(timer);
  }
}
