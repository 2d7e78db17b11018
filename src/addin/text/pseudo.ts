// The pseudo-locale 'qps-ploc' (Microsoft's tag for it): every English string with accented letters, about 40 %
// longer and in brackets. A string that shows without brackets was never translated (hard-coded, or not from the
// catalog); a bracket cut off at the edge shows a label too tight for longer languages (German, French).
import type { Strings } from './en.js';

export { PSEUDO_LOCALE } from './language.js';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((ch, i) => [ch, [...'áƀçðéƒĝĥíĵķľɱñóƥǫŕšţúṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĽṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!]),
);
// Words, not one long run: real translations wrap at spaces, and padding that can't wrap would be a false alarm.
const PADDING = ' ŀöŕéɱ ïƥšûɱ ðöŀöŕ šîţ âɱéţ çöñšéçţéţûŕ âðîƥîšçîñĝ éŀîţ šéð ðö éîûšɱöð ţéɱƥöŕ îñçîðîðûñţ';

/** "Sync status" → "[Šýñç šţáţúš ŀöŕé]"; `{name}` placeholders stay as they are, so format() still fills them. */
export function pseudoLocalize(text: string): string {
  if (text.length === 0) return text;
  const accented = text
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? part : [...part].map((ch) => ACCENTED[ch] ?? ch).join('')))
    .join('');
  // 40 % longer in all, the two brackets included.
  const extra = Math.max(0, Math.round(text.length * 0.4) - 2);
  let padding = '';
  while (padding.length < extra) padding += PADDING;
  return `[${accented}${padding.slice(0, extra).trimEnd()}]`;
}

function mapLeaves<T>(node: T): T {
  if (typeof node === 'string') return pseudoLocalize(node) as T;
  return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, mapLeaves(v)])) as T;
}

/** The whole English catalog, pseudo-localized. */
export function pseudoCatalog(en: Strings): Strings {
  return mapLeaves(en);
}
