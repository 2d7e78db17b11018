// Every catalog against English: the same keys, every string translated (bar the words that are the same in that
// language, listed with the reason), the same {placeholders}, and a reason for every error code the service sends.
import { ITEM_ERROR_CODES } from '../../../src/server/domain/errors.js';
import { CATALOGS, PSEUDO_LOCALE, type CatalogTag } from '../../../src/addin/text/index.js';
import { en } from '../../../src/addin/text/en.js';

type Leaves = Map<string, string>;
function leaves(node: unknown, prefix = '', out: Leaves = new Map()): Leaves {
  if (typeof node === 'string') out.set(prefix, node);
  else for (const [k, v] of Object.entries(node as Record<string, unknown>)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Strings that may equal English, per catalog, and why. Everything else must differ.
const SAME_AS_ENGLISH: Partial<Record<CatalogTag, Record<string, string>>> = {};
const everywhere = (key: string, why: string) => {
  for (const tag of Object.keys(CATALOGS) as CatalogTag[]) if (tag !== 'en' && tag !== PSEUDO_LOCALE) (SAME_AS_ENGLISH[tag] ??= {})[key] = why;
};
const inLanguages = (tags: CatalogTag[], key: string, why: string) => {
  for (const tag of tags) (SAME_AS_ENGLISH[tag] ??= {})[key] = why;
};
everywhere('status.reasons.other', 'only the placeholder: the service’s own message, nothing to translate');
inLanguages(['de', 'fr', 'es', 'it', 'pt-BR'], 'types.lead', 'SAP keeps the English "Lead" in these languages');
inLanguages(['de', 'fr', 'es', 'it', 'pt-BR'], 'types.ticket', 'SAP keeps the English "Ticket" in these languages');
inLanguages(['fr'], 'types.contact', 'the French word is "Contact" too');
inLanguages(['de'], 'types.account', 'SAP’s German term is "Account"');
inLanguages(['de'], 'types.opportunity', 'SAP’s German term is "Opportunity"');
inLanguages(['de'], 'types.email', 'German writes "E-Mail" as English does here');
everywhere('preview.countMore', 'only the placeholder and "+"');
everywhere('preview.none', 'a dash for an empty field');
inLanguages(['fr', 'it', 'pt-BR'], 'preview.email', 'these languages write "E-mail" too');
inLanguages(['de', 'fr'], 'preview.phase', 'the German and French word is "Phase" too');
inLanguages(['de', 'pt-BR'], 'preview.status', 'the German and Brazilian Portuguese word is "Status" too');
inLanguages(['de'], 'preview.account', 'SAP’s German term is "Account"');

const english = leaves(en);
const translated = (Object.keys(CATALOGS) as CatalogTag[]).filter((tag) => tag !== 'en');

describe.each(translated)('catalog %s', (tag) => {
  const catalog = leaves(CATALOGS[tag]);

  it('has exactly the English keys', () => {
    expect([...catalog.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('translates every string but the allowed ones', () => {
    const allowed = SAME_AS_ENGLISH[tag] ?? {};
    const untranslated = [...english].filter(([key, text]) => catalog.get(key) === text && !(key in allowed)).map(([key]) => key);
    expect(untranslated).toEqual([]);
    // An allow-list entry that no longer applies hides nothing; it goes.
    const stale = Object.keys(allowed).filter((key) => catalog.get(key) !== english.get(key));
    expect(stale).toEqual([]);
  });

  it('keeps the {placeholders} of each English string', () => {
    const mismatched = [...english].filter(([key, text]) => placeholders(catalog.get(key) ?? '').join() !== placeholders(text).join()).map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('has no empty string', () => {
    expect([...catalog].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });
});

describe('ribbon command notifications', () => {
  // Outlook cuts notification messages at 150 characters. The pseudo-locale is for the pane's layout, not the ribbon.
  it.each((Object.keys(CATALOGS) as CatalogTag[]).filter((tag) => tag !== PSEUDO_LOCALE))('%s fits the longest one in 150 characters', (tag) => {
    const c = CATALOGS[tag].commands;
    for (const done of [c.doneAppointment, c.doneVisit]) expect(`${done} ${c.viaService}`.length).toBeLessThanOrEqual(150);
  });
});

describe('reason codes', () => {
  it.each(Object.keys(CATALOGS) as CatalogTag[])('%s has a reason for every error code the service sends', (tag) => {
    const reasons = CATALOGS[tag].status.reasons as Record<string, string>;
    expect(ITEM_ERROR_CODES.filter((code) => !(code in reasons))).toEqual([]);
  });
});
