// The pane's language checks: reopening the same item in another Office display language, what text the pane shows,
// which of it is English only, and what the pseudo-locale catches (unbracketed text, text cut off or off-screen).
import type { FrameLocator, Page } from 'playwright-core';
import { en } from '../../../src/addin/text/en.js';
import { stringsFor, type Strings } from '../../../src/addin/text/index.js';
import type { OpenedItem } from './stack.js';

/**
 * The same synced item with a linked account again, in another Office display language: the host page reloads with
 * `lang` (Office.context.displayLanguage), as Office restarts the add-in; returns what the pane then shows.
 */
export async function shownIn(opened: OpenedItem, lang: string, item: { subject: string; accountName: string }, paneWidth?: number): Promise<ShownText[]> {
  const url = new URL(opened.page.url());
  url.searchParams.set('lang', lang);
  await opened.page.goto(url.toString());
  await opened.page.locator('#item h2', { hasText: item.subject }).waitFor({ timeout: 20_000 });
  await opened.page.click('#open-pane');
  const { pane } = opened;
  await pane.getByRole('heading', { level: 1, name: item.subject }).waitFor({ timeout: 20_000 });
  await pane.getByText(stringsFor(lang).status.synced, { exact: true }).waitFor({ timeout: 15_000 });
  // The chip and the sync-list row both name the account.
  await pane.getByText(item.accountName, { exact: true }).first().waitFor({ timeout: 15_000 });
  if (paneWidth !== undefined) {
    await setPaneWidth(opened.page, paneWidth);
    // The frame has taken the new width once its layout says so.
    await pane.locator(':root').evaluate((root, w) => new Promise<void>((done) => {
      const check = () => (root.ownerDocument.documentElement.clientWidth <= w ? done() : requestAnimationFrame(check));
      check();
    }), paneWidth);
  }
  return shownTexts(pane);
}

/** The task pane column of the sandbox Outlook page at `px` wide (320: the narrowest task pane). */
export async function setPaneWidth(page: Page, px: number): Promise<void> {
  await page.evaluate((w) => {
    const layout = document.querySelector<HTMLElement>('.layout');
    if (layout) layout.style.gridTemplateColumns = `minmax(220px, 1fr) minmax(280px, 2fr) ${w}px`;
  }, px);
}

export interface ShownText {
  text: string;
  /** Inside translate="no": the user's or CRM's own data (subject, account names), not the pane's words. */
  data: boolean;
  /** Drawn past the pane's edge, or clipped by its element (scrollWidth > clientWidth). */
  cutOff: boolean;
  where: string;
}

/** Every text the pane shows: visible text nodes and the placeholders of empty inputs. */
export async function shownTexts(pane: FrameLocator): Promise<ShownText[]> {
  return pane.locator(':root').evaluate((root) => {
    const doc = root.ownerDocument;
    const view = doc.documentElement.clientWidth;
    const out: ShownText[] = [];
    const nameOf = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!text || !el || el.closest('script, style, noscript')) continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const range = doc.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const clipped = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
      const offScreen = box.right > view + 1 || box.left < -1;
      out.push({ text, data: el.closest('[translate="no"]') !== null, cutOff: clipped || offScreen, where: nameOf(el) });
    }
    // A placeholder can't wrap: it is cut off when wider than the box (measured in the input's own font).
    const context = doc.createElement('canvas').getContext('2d');
    for (const input of doc.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (input.value || !input.checkVisibility()) continue;
      const style = getComputedStyle(input);
      if (context) context.font = style.font;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const cutOff = context ? context.measureText(input.placeholder).width > room + 1 : false;
      out.push({ text: input.placeholder, data: false, cutOff, where: 'input[placeholder]' });
    }
    return out;
  });
}

function leaves(node: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof node === 'string') out.set(prefix, node);
  else for (const [k, v] of Object.entries(node as Record<string, unknown>)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** Shown texts that are English strings the pane's language words differently, and English relative times. */
export function untranslated(shown: readonly ShownText[], lang: string): string[] {
  const english = englishOnly(en, stringsFor(lang));
  // Intl's English relative time ("5 seconds ago") would show a date formatted outside the pane's locale.
  return shown.filter((s) => !s.data && (english.some((e) => e.test(s.text)) || /\b(ago|seconds?|minutes?)\b/.test(s.text))).map((s) => s.text);
}

/** In the pseudo-locale: texts not from its catalog (no brackets), and texts cut off or drawn past the pane's edge. */
export function pseudoProblems(shown: readonly ShownText[]): { unbracketed: string[]; cutOff: string[] } {
  return {
    unbracketed: shown.filter((s) => !s.data && /\p{L}/u.test(s.text) && !/^\[.*\]$/s.test(s.text)).map((s) => `${s.where}: ${s.text}`),
    cutOff: shown.filter((s) => s.cutOff).map((s) => `${s.where}: ${s.text}`),
  };
}

/** Tests for English strings that `translated` words differently: `{x}` placeholders match any value. */
export function englishOnly(en: Strings, translated: Strings): { key: string; test: (text: string) => boolean }[] {
  const other = leaves(translated);
  return [...leaves(en)]
    .filter(([key, text]) => other.get(key) !== text && text.replace(/\{\w+\}/g, '').trim() !== '')
    .map(([key, text]) => {
      const pattern = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.+')}$`);
      return { key, test: (shown: string) => pattern.test(shown) };
    });
}
