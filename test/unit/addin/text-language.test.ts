// Which catalog and which date locale the pane uses for Office's display language, and the pseudo-locale.
import { CATALOGS, format, languageFor, PSEUDO_LOCALE, stringsFor } from '../../../src/addin/text/index.js';
import { en } from '../../../src/addin/text/en.js';
import { pseudoLocalize } from '../../../src/addin/text/pseudo.js';

describe('languageFor', () => {
  it.each([
    ['en-US', 'en', 'en-US'],
    ['en-GB', 'en', 'en-GB'],
    ['de-DE', 'de', 'de-DE'],
    ['de-AT', 'de', 'de-AT'],
    ['fr-FR', 'fr', 'fr-FR'],
    ['fr-CA', 'fr', 'fr-CA'],
    ['es-ES', 'es', 'es-ES'],
    ['es-MX', 'es', 'es-MX'],
    ['it-IT', 'it', 'it-IT'],
    ['pt-BR', 'pt-BR', 'pt-BR'],
    ['pt-PT', 'pt-BR', 'pt-PT'],
    ['pt', 'pt-BR', 'pt'],
    ['ja-JP', 'ja', 'ja-JP'],
    ['zh-CN', 'zh-CN', 'zh-CN'],
    ['zh-Hans', 'zh-CN', 'zh-Hans'],
    ['zh', 'zh-CN', 'zh'],
    ['zh-SG', 'zh-CN', 'zh-SG'],
    ['fr_CA', 'fr', 'fr-CA'],
    ['FR-ca', 'fr', 'fr-CA'],
  ])('%s → catalog %s, dates in %s', (display, tag, locale) => {
    expect(languageFor(display)).toMatchObject({ tag, locale });
  });

  it.each(['zh-TW', 'zh-Hant', 'zh-HK', 'zh-Hant-TW', 'nl-NL', 'ko-KR', 'ar-SA', '', 'not a tag', undefined])(
    '%s → English strings with English dates (no Simplified Chinese for Traditional readers, no mixed languages)',
    (display) => {
      expect(languageFor(display)).toEqual({ tag: 'en', strings: en, locale: 'en-US' });
    },
  );

  it('reaches the pseudo-locale by its tag, as Office would pass it', () => {
    expect(languageFor('qps-ploc')).toMatchObject({ tag: PSEUDO_LOCALE, locale: PSEUDO_LOCALE });
    expect(stringsFor('QPS-PLOC').status.heading).toBe(pseudoLocalize(en.status.heading));
  });

  it('stringsFor is the catalog languageFor picks', () => {
    expect(stringsFor('ja-JP')).toBe(CATALOGS.ja);
    expect(stringsFor('zh-TW')).toBe(en);
  });
});

describe('pseudoLocalize', () => {
  it('accents every letter, brackets the string and makes it about 40 % longer', () => {
    for (const text of [en.status.heading, en.status.reasons.allDayTooLong, en.errors.unreachable]) {
      const pseudo = pseudoLocalize(text);
      expect(pseudo.startsWith('[') && pseudo.endsWith(']')).toBe(true);
      expect(pseudo).not.toMatch(/[a-zA-Z]/);
      expect(pseudo.length / text.length).toBeGreaterThanOrEqual(1.3);
      expect(pseudo.length / text.length).toBeLessThanOrEqual(1.45);
    }
  });

  it('keeps {placeholders} so format() still fills them', () => {
    const pseudo = pseudoLocalize(en.status.syncedDetail);
    expect(pseudo).toContain('{when}');
    expect(format(pseudo, { when: 'now' })).not.toContain('{when}');
  });
});
