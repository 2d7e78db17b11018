// The task pane's catalog loader: English is built in, every other language is fetched on demand, and a catalog
// that does not arrive (a failed chunk, a slow network) leaves the pane in English with English dates.
import { jest } from '@jest/globals';
import { en, type Strings } from '../../../src/addin/text/en.js';
import { CATALOGS } from '../../../src/addin/text/index.js';
import { loadLanguage, type CatalogImporters } from '../../../src/addin/text/load.js';

/** Importers that each answer with `answer(tag)`, counting the calls. */
function importers(answer: (tag: string) => Promise<Strings>): { importers: CatalogImporters; calls: string[] } {
  const calls: string[] = [];
  const one = (tag: keyof CatalogImporters) => () => {
    calls.push(tag);
    return answer(tag);
  };
  return {
    calls,
    importers: { de: one('de'), fr: one('fr'), es: one('es'), it: one('it'), 'pt-BR': one('pt-BR'), ja: one('ja'), 'zh-CN': one('zh-CN'), 'qps-ploc': one('qps-ploc') },
  };
}

describe('loadLanguage', () => {
  it('falls back to English strings and English dates when the language chunk fails to load, and says why', async () => {
    const failing = importers(() => Promise.reject(Object.assign(new Error('Loading chunk text-de failed.'), { name: 'ChunkLoadError' })));
    const onFallback = jest.fn();
    const language = await loadLanguage('de-DE', { importers: failing.importers, onFallback });
    expect(language).toEqual({ tag: 'en', strings: en, locale: 'en-US' });
    expect(failing.calls).toEqual(['de']);
    expect(onFallback).toHaveBeenCalledWith('catalog de not loaded: ChunkLoadError');
  });

  it('falls back to English when the chunk does not arrive in time', async () => {
    const never = importers(() => new Promise<Strings>(() => undefined));
    const language = await loadLanguage('ja-JP', { importers: never.importers, timeoutMs: 20 });
    expect(language).toEqual({ tag: 'en', strings: en, locale: 'en-US' });
  });

  it('shows the language that arrived, with the region’s own dates', async () => {
    const ok = importers((tag) => Promise.resolve(CATALOGS[tag as keyof typeof CATALOGS]));
    await expect(loadLanguage('fr-CA', { importers: ok.importers })).resolves.toEqual({ tag: 'fr', strings: CATALOGS.fr, locale: 'fr-CA' });
    await expect(loadLanguage('zh-TW', { importers: ok.importers })).resolves.toEqual({ tag: 'en', strings: en, locale: 'en-US' });
    // English is built in: nothing is fetched for it, nor for a language without a catalog.
    await expect(loadLanguage('en-GB', { importers: ok.importers })).resolves.toEqual({ tag: 'en', strings: en, locale: 'en-GB' });
    expect(ok.calls).toEqual(['fr']);
  });

  it('loads every real catalog by its import(), the same strings the commands show', async () => {
    for (const [display, tag] of [['de-DE', 'de'], ['fr-FR', 'fr'], ['es-ES', 'es'], ['it-IT', 'it'], ['pt-BR', 'pt-BR'], ['ja-JP', 'ja'], ['zh-CN', 'zh-CN'], ['qps-ploc', 'qps-ploc']] as const) {
      const language = await loadLanguage(display);
      expect(language.tag).toBe(tag);
      expect(language.strings).toEqual(CATALOGS[tag]);
    }
  });
});
