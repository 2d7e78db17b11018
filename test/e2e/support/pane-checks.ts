// What the user actually sees: Playwright's "visible" only means the element has a box and is not hidden by CSS;
// an overlay painted over it (e.g. a full-size popup layer left behind) still counts as visible. These checks ask
// the browser which element is on top at the element's centre.
import type { FrameLocator, Locator } from 'playwright-core';

/** The element on top at the centre of `locator`'s box, when that is not the element itself or inside it. */
export async function coveringElement(locator: Locator): Promise<string | null> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const hit = el.ownerDocument.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    if (hit && (hit === el || el.contains(hit))) return null;
    return hit ? hit.outerHTML.slice(0, 240) : `nothing at ${Math.round(box.x)},${Math.round(box.y)} (outside the viewport?)`;
  });
}

/** Fails with the covering element's markup when `locator` is not on top where it is drawn. */
export async function expectUncovered(locator: Locator, what: string): Promise<void> {
  const cover = await coveringElement(locator);
  if (cover !== null) throw new Error(`${what} is covered by another element: ${cover}`);
}

/** Searches CRM in the pane for an account by name and picks it; returns the new link's chip (its Remove button). */
export async function linkAccountBySearch(pane: FrameLocator, account: { name: string }): Promise<Locator> {
  const name = account.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await pane.getByRole('combobox', { name: 'Search CRM' }).fill(account.name);
  const option = pane.getByRole('option', { name: new RegExp(`^${name}\\s*Account`) });
  await option.waitFor({ timeout: 15_000 });
  await option.click();
  const chip = pane.getByRole('button', { name: new RegExp(`${name}.* Remove$`) });
  await chip.waitFor();
  return chip;
}

/** Chooses "Sync as" `name` and applies it (a radio only selects; the Apply button writes). */
export async function syncAs(pane: FrameLocator, name: 'Appointment' | 'Visit' | "Don't sync"): Promise<void> {
  await pane.getByRole('radio', { name }).check();
  await pane.getByRole('button', { name: 'Apply' }).click();
}

/** What has the keyboard focus inside the pane: its role (or tag) and text. */
export async function focusedInPane(pane: FrameLocator): Promise<string> {
  return pane.locator(':root').evaluate((root) => {
    const el = root.ownerDocument.activeElement;
    if (!el || el === root.ownerDocument.body) return 'body';
    const doc = root.ownerDocument;
    const byIds = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => (id ? (doc.getElementById(id)?.textContent ?? '') : '')).join(' ').trim();
    const label = el.getAttribute('aria-label') ?? (byIds || (el.closest('label')?.textContent ?? el.textContent ?? ''));
    const labelled = el.id ? (doc.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : '';
    return `${el.getAttribute('role') ?? el.getAttribute('type') ?? el.tagName.toLowerCase()}: ${(labelled || label).trim()}`;
  });
}
