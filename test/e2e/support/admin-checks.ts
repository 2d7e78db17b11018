// The admin console (/admin/, issue 17) against the shared e2e stack: sign in as the sandbox's demo admin with the
// keyboard only, list the mailboxes, pause and resume one, refuse a bad setting by name, lower the guard limit (it
// applies to the next session, no restart), then release one held session and discard another, each recorded in
// the audit trail (each confirmed in its dialog first); preview an enrolment policy and apply one with the keyboard
// only (audited); remove a mailbox with the keyboard (its dialog's Cancel keeps it, Confirm removes it), then enrol it
// again; a dry run, and the health charts of what all that did; axe on each view.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_TENANT, DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import type { HoldSummary, MailboxRow } from '../../../src/shared/admin-api.js';
import { DEMO_GROUPS } from '../../../src/sandbox/graph/groups.js';
import { dryRunViewCheck, healthViewCheck } from './admin-insight-checks.js';
import { c4cActivities, meetingBody, uniqueSubject } from './items.js';
import type { Json } from '../../support/sync-harness-http.js';
import type { SharedStack } from './shared-stack.js';
import { SCREENSHOT_DIR, waitFor } from './stack.js';

/** Ben: a mailbox the pane's tests (Ava's) do not use, so its held session disturbs none of them. */
const BEN = DEMO_USERS[1]!;
/** Eve: removed and enrolled again by the confirmation check; no other test syncs her mailbox. */
const EVE = DEMO_USERS[4]!;

/** Presses Tab until the focused element's accessible name matches, as a keyboard user would (at most 120 times). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      // A radio button or a text field is named by its label.
      return el ? (el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '') : '';
    });
    if (name.test(focused.trim())) return;
  }
  throw new Error(`no element named ${String(name)} is reachable with Tab`);
}

/**
 * axe on the whole console page (the pane's axeFindings looks inside the Outlook host's #pane only), once the page's
 * finite animations have ended: axe measures contrast on the colours as drawn, and a dialog's button caught in its
 * fade-in failed color-contrast on a loaded machine (2 of 5 runs).
 */
async function noSeriousAxe(page: Page, name: string): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const result = await new AxeBuilder({ page }).analyze();
  // Fluent's focus-trap sentinels (tabster dummies) are left out, as for the pane (items.ts axeFindings).
  const findings = result.violations
    .map((v) => ({ id: v.id, impact: String(v.impact), help: v.help, nodes: v.nodes.filter((n) => !n.html.includes('data-tabster-dummy')).map((n) => n.html.slice(0, 200)) }))
    .filter((f) => f.nodes.length > 0);
  writeFileSync(resolve(SCREENSHOT_DIR, `axe-admin-${name}.json`), JSON.stringify({ findings, passes: result.passes.length }, null, 2));
  expect(findings.filter((f) => f.impact === 'serious' || f.impact === 'critical')).toEqual([]);
}

export async function adminConsoleChecks(shared: SharedStack): Promise<void> {
  const { h, service, browser } = shared.stack;
  const serviceUrl = String(service.url);
  const tokenAnswer = await fetch(`${h.graphUrl}/_sandbox/token?role=${DEMO_TENANT.serviceApp.adminRole}&aud=${encodeURIComponent(DEMO_TENANT.serviceApp.appIdUri)}`);
  const token = ((await tokenAnswer.json()) as { access_token: string }).access_token;
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${serviceUrl}/api/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : null,
    });
    return (await answer.json()) as T;
  };
  const benState = async () => (await admin<{ mailboxes: MailboxRow[] }>('GET', `/mailboxes?q=${encodeURIComponent(BEN.mail)}`)).mailboxes[0]?.state;

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${serviceUrl}/admin/`);
    // Keyboard only: sign in, then pause and resume Ben's mailbox.
    await tabTo(page, /^Sign in$/);
    await page.keyboard.press('Enter');
    await page.getByText(/^Signed in as /).waitFor();
    await page.getByRole('table', { name: 'Mailboxes' }).getByText(BEN.mail, { exact: false }).first().waitFor();
    await noSeriousAxe(page, 'mailboxes');
    await tabTo(page, new RegExp(`^Pause ${BEN.mail}$`));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: `Resume ${BEN.mail}` }).waitFor();
    expect(await benState()).toBe('paused');

    // While Ben is paused: four synced meetings are ready; two are deleted now, so one session sees both deletes.
    const events: Json[] = [];
    for (let i = 0; i < 4; i += 1) {
      events.push(await h.graph.createEvent(BEN.id, meetingBody(uniqueSubject(`E2E admin hold ${i}`), 3 + i, { categories: [DEFAULT_CATEGORIES.appointment] })));
    }

    // The settings: a bad value is refused naming the setting; a guard limit of 1 is saved and audited.
    await page.getByRole('tab', { name: 'Settings' }).click();
    const limit = page.getByRole('textbox', { name: 'DELETE_GUARD_LIMIT' });
    await limit.fill('-3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: /Not saved: .*DELETE_GUARD_LIMIT/ }).waitFor();
    await limit.fill('1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: DELETE_GUARD_LIMIT 25 → 1' }).waitFor();
    await page.getByRole('table', { name: 'Audit trail' }).getByText('DELETE_GUARD_LIMIT: 25 → 1').waitFor();
    await noSeriousAxe(page, 'settings');

    // Resumed (keyboard again), Ben's session syncs the four meetings to C4C.
    await page.getByRole('tab', { name: 'Mailboxes' }).click();
    await page.getByRole('button', { name: `Resume ${BEN.mail}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: `Pause ${BEN.mail}` }).waitFor();
    expect(await benState()).not.toBe('paused');
    for (const event of events) await waitFor('the meeting in C4C', async () => (await c4cActivities(h, 'AppointmentCollection', String(event.iCalUId))).length > 0, 45_000);

    const holdAfterDeleting = async (pair: typeof events): Promise<HoldSummary> => {
      await admin('POST', `/mailboxes/${BEN.id}/pause`);
      for (const event of pair) await h.graph.deleteEvent(BEN.id, String(event.id));
      await admin('POST', `/mailboxes/${BEN.id}/resume`);
      return waitFor('a held session of Ben', async () => (await admin<{ holds: HoldSummary[] }>('GET', `/holds?mailbox=${BEN.id}&status=held`)).holds[0], 45_000);
    };
    const decide = async (hold: HoldSummary, button: RegExp, done: string) => {
      await page.getByRole('tab', { name: 'Held sessions' }).click();
      await page.getByRole('button', { name: 'Refresh' }).click();
      const card = page.locator(`[data-hold="${hold.holdId}"]`);
      await card.getByText('cancel in C4C: 2', { exact: true }).waitFor();
      await noSeriousAxe(page, `hold-${done}`);
      await card.getByRole('button', { name: button }).click();
      // Confirmed in its dialog (outside the card: a portal), which names the mailbox.
      const dialog = page.getByRole('alertdialog', { name: /^(Release|Discard) the held session of .+\?$/ });
      await dialog.getByRole('button', { name: done === 'Released' ? 'Release' : 'Discard', exact: true }).click();
      await page.getByRole('status').filter({ hasText: done }).waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-${done.toLowerCase()}.png` });
    };

    // Release: the two cancels are written to C4C; discard: nothing is cancelled, the pairs are read again.
    const released = await holdAfterDeleting(events.slice(0, 2));
    await decide(released, /^Release/, 'Released');
    const discarded = await holdAfterDeleting(events.slice(2));
    await decide(discarded, /^Discard/, 'Discarded');
    // A hold's decision is recorded against its mailbox, with the hold in the detail.
    const audit = await admin<{ entries: { action: string; target: string | null }[] }>('GET', '/audit?limit=50');
    expect(audit.entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'hold.release', target: BEN.id, detail: expect.objectContaining({ holdId: released.holdId }) }),
      expect.objectContaining({ action: 'hold.discard', target: BEN.id, detail: expect.objectContaining({ holdId: discarded.holdId }) }),
      expect.objectContaining({ action: 'mailbox.pause', target: BEN.id }),
      expect.objectContaining({ action: 'mailbox.resume', target: BEN.id }),
    ]));
    await enrolmentChecks(page, admin);
    await removeConfirmationCheck(page, admin);
    // A dry run of Ben's next session under a proposed setting; then the charts of what the stack did meanwhile.
    await dryRunViewCheck(page, admin, (name) => noSeriousAxe(page, name), BEN.mail);
    await healthViewCheck(page, admin, (name) => noSeriousAxe(page, name));
  } finally {
    // Every mailbox enrolled again, whatever happened in the enrolment checks.
    await admin('PUT', '/enrolment', { policy: { mode: 'all' } });
    // The next tests run on the default guard limit, whatever happened here.
    await admin('PUT', '/settings', { settings: { DELETE_GUARD_LIMIT: 25 } });
    await admin('POST', `/mailboxes/${BEN.id}/resume`);
    await context.close();
  }
}

type AdminCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/**
 * The enrolment policy with the keyboard only: a group policy previewed (who would be removed) and cancelled, then a
 * list of every known address (and one unknown) previewed and applied. Applying it changes no mailbox, so the
 * stack's other tests are not disturbed; the audit trail records it.
 */
async function enrolmentChecks(page: Page, admin: AdminCall): Promise<void> {
  const field = DEMO_GROUPS.find((g) => g.displayName === 'Field service')!;
  const known = (await admin<{ mailboxes: MailboxRow[] }>('GET', '/mailboxes?limit=200')).mailboxes;
  const enrolled = known.filter((m) => m.state !== 'disabled');
  // The tabs are one stop for Tab; the arrow keys move between them.
  await page.getByRole('tab', { name: 'Mailboxes' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Enrolment' }).waitFor();
  await tabTo(page, /^All C4C employees$/);
  await page.keyboard.press('ArrowDown');
  await tabTo(page, /^The group's object id$/);
  await page.keyboard.type(field.id);
  await tabTo(page, /^Preview$/);
  await page.keyboard.press('Enter');
  const preview = page.getByRole('region', { name: 'Preview' });
  const outside = enrolled.filter((m) => !['dan', 'eve'].some((n) => m.email.startsWith(n))).length;
  await preview.getByText(`Removed: ${outside}`, { exact: false }).waitFor();
  await noSeriousAxe(page, 'enrolment-preview');
  await tabTo(page, /^Cancel$/);
  await page.keyboard.press('Enter');
  await preview.waitFor({ state: 'detached' });

  await tabTo(page, /^Members of an Entra group$/);
  await page.keyboard.press('ArrowDown');
  await tabTo(page, /^E-mail addresses$/);
  await page.keyboard.type([...enrolled.map((m) => m.email), 'nobody@contoso.example'].join('\n'));
  await tabTo(page, /^Preview$/);
  await page.keyboard.press('Enter');
  await preview.getByText(`Unchanged: ${enrolled.length}`).waitFor();
  await preview.getByText(/nobody@contoso\.example/).waitFor();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-enrolment-preview.png` });
  await tabTo(page, /^Apply: add 0, remove 0$/);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Applied: 0 added, 0 removed.' }).waitFor();
  const audit = await admin<{ entries: { action: string; detail: Record<string, unknown> }[] }>('GET', '/audit?limit=5');
  expect(audit.entries[0]).toMatchObject({ action: 'enrolment.apply', detail: { from: { mode: 'all' }, to: { mode: 'list' }, added: 0, removed: 0 } });
}

/**
 * Remove asks first, with the keyboard only: the dialog names the mailbox and says what happens and what does not;
 * Cancel has the focus, so Enter there keeps the mailbox; Tab to Remove and Enter removes it. Enrolled again at the
 * end, so the stack's mailboxes are as they were.
 */
async function removeConfirmationCheck(page: Page, admin: AdminCall): Promise<void> {
  const eveState = async () => (await admin<{ mailboxes: MailboxRow[] }>('GET', `/mailboxes?q=${encodeURIComponent(EVE.mail)}`)).mailboxes[0]?.state;
  await page.getByRole('tab', { name: 'Mailboxes' }).click();
  const remove = page.getByRole('button', { name: `Remove ${EVE.mail}` });
  await remove.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: `Remove ${EVE.mail}?` });
  await dialog.getByText('Nothing is deleted in Outlook or C4C', { exact: false }).waitFor();
  await noSeriousAxe(page, 'remove-confirmation');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  expect(await eveState()).not.toBe('disabled');

  await remove.focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Remove');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: `Enrol ${EVE.mail}` }).waitFor();
  expect(await eveState()).toBe('disabled');
  const audit = await admin<{ entries: { action: string; target: string | null }[] }>('GET', '/audit?limit=5');
  expect(audit.entries[0]).toMatchObject({ action: 'mailbox.remove', target: EVE.id });

  await page.getByRole('button', { name: `Enrol ${EVE.mail}` }).click();
  await page.getByRole('button', { name: `Remove ${EVE.mail}` }).waitFor();
}
