// The task pane in the Outlook sandbox host against the real stack (as `npm start` runs it): Visit and account link,
// compose-mode fallback, an all-day error and its retry, the sync list (R14), matched attendees and the follow-up
// task, axe, keyboard, languages; and the admin console. Screenshots of every state go to test-results/e2e/.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CATEGORIES } from '../../src/shared/categories.js';
import { PSEUDO_LOCALE } from '../../src/addin/text/index.js';
import { accountWithUniqueName, allDayBody, AVA, axeFindings, c4cActivities, meetingBody, seriousOrWorse, uniqueSubject } from './support/items.js';
import { pseudoProblems, shownIn, untranslated } from './support/languages.js';
import { expectUncovered, focusedInPane, linkAccountBySearch, syncAs } from './support/pane-checks.js';
import { pct, quiet, SCREENSHOT_DIR, screenshot, screenshotWidths, waitFor } from './support/stack.js';
import { useSharedStack } from './support/shared-stack.js';
import { adminConsoleChecks } from './support/admin-checks.js';
import { addAndRemoveFromSyncList } from './support/sync-list-check.js';
import { offlineBannerAndTagging } from './support/offline-check.js';
import { attendeesAndFollowUp } from './support/attendees-check.js';
import { previewCards } from './support/preview-check.js';

const shared = useSharedStack();
const { open } = shared;

describe('task pane in the sandbox Outlook host, against the running service', () => {
  it('tags an item as Visit, links an account found by search, shows it synced with its C4C ID; C4C has the Visit with that main account', async () => {
    const { h } = shared.stack;
    const account = await accountWithUniqueName(h);
    const subject = uniqueSubject('E2E visit');
    const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 2));
    const item = await open({ itemId: String(event.id), subject });
    const { pane } = item;
    await pane.getByText('Not synced').waitFor();
    await screenshot(item, '1-not-synced');

    await syncAs(pane, 'Visit');
    await pane.getByText('This item now syncs to SAP as a Visit.').waitFor();
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.categories).toContain(DEFAULT_CATEGORIES.visit);

    const chip = await linkAccountBySearch(pane, account);

    // Insta-sync (Graph notification → session) creates the Visit; the link save asks for one more sync.
    const c4cText = pane.getByText(/^C4C ID: \S+/);
    await c4cText.waitFor({ timeout: 45_000 });
    await pane.getByText('Synced', { exact: true }).waitFor();
    const shownId = (await c4cText.innerText()).replace('C4C ID: ', '').trim();
    await screenshot(item, '1-visit-synced');

    const visit = await waitFor(
      'the C4C Visit with the linked account as main account',
      async () => (await c4cActivities(h, 'VisitCollection', String(event.iCalUId))).find((v) => v.MainAccountPartyID === account.id),
      20_000,
    );
    expect(visit).toMatchObject({ Subject: subject, MainAccountPartyID: account.id });
    expect([String(visit.ID), String(visit.ObjectID)]).toContain(shownId);
    // "Open in SAP Cloud for Customer" opens C4C's screen of the Visit and of the linked account, not OData resources.
    const uiLink = async (name: string | RegExp) => new URL((await pane.getByRole('link', { name, exact: true }).getAttribute('href')) ?? '');
    const visitLink = await uiLink('Open in SAP Cloud for Customer');
    expect(visitLink.pathname).toBe('/sap/public/byd/runtime');
    expect(Object.fromEntries(visitLink.searchParams)).toMatchObject({ 'param.InternalID': String(visit.ID), 'param.Type': 'COD_VISIT_TT' });
    const accountLink = await uiLink(/^Open .* in SAP Cloud for Customer$/);
    expect(accountLink.pathname).toBe('/sap/public/byd/runtime');
    expect(accountLink.searchParams.get('param.InternalID')).toBe(account.id);
    expect(item.errors).toEqual([]);
    // The pane runs under its Content-Security-Policy (scripts/addin-csp.ts), and the policy refused nothing it needs.
    expect(await pane.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toMatch(/^default-src 'self'; script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    expect(item.cspViolations).toEqual([]);
    // Seen by the user, not only present in the DOM: nothing may be drawn over the status and the new link.
    await expectUncovered(c4cText, 'the C4C ID');
    await expectUncovered(chip, 'the linked account chip');
  });

  it('compose form on the web: "Sync as" Appointment goes through the service; Graph gets the category, C4C the Appointment', async () => {
    const { h } = shared.stack;
    const subject = uniqueSubject('E2E compose web');
    const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 3));
    const item = await open({ itemId: String(event.id), subject, platform: 'web', mode: 'compose' });
    const { pane } = item;

    await syncAs(pane, 'Appointment');
    await pane.getByText('This item now syncs to SAP as an Appointment.').waitFor();
    await pane.getByText(/the sync service set the category for you/).waitFor();
    await screenshot(item, '2-compose-web-via-service');

    const stored = await waitFor('the category on the Graph item', async () => {
      const e = await h.graph.getEvent(AVA.id, String(event.id));
      return e?.categories?.includes(DEFAULT_CATEGORIES.appointment) ? e : null;
    });
    expect(stored.categories).toContain(DEFAULT_CATEGORIES.appointment);
    const [appointment] = await waitFor('the C4C Appointment', async () => {
      const found = await c4cActivities(h, 'AppointmentCollection', String(event.iCalUId));
      return found.length > 0 ? found : null;
    });
    expect(appointment).toMatchObject({ Subject: subject, OwnerPartyID: AVA.c4cEmployeeId });
    await pane.getByText(/^C4C ID: \S+/).waitFor({ timeout: 30_000 });
    await screenshot(item, '2-compose-web-synced');
    await expectUncovered(pane.getByText(/^C4C ID: \S+/), 'the C4C ID');

    // The user saves the form and switches to the read form: the tag the service set stays, and the pane says so.
    const saved = item.page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/me\/events\//.test(r.url()));
    await item.page.click('#save');
    expect((await saved).ok()).toBe(true);
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.categories).toContain(DEFAULT_CATEGORIES.appointment);
    await item.page.selectOption('#mode', 'read');
    await pane.getByText('Synced', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await pane.getByRole('radio', { name: 'Appointment' }).isChecked()).toBe(true);
    await screenshotWidths(item, '2-compose-web-saved-read');
    expect(item.errors).toEqual([]);
  });

  it('an all-day event over 24 hours: warned before tagging; the error says what to change (no Retry), in German too; made one day long, it syncs by itself', async () => {
    const { h } = shared.stack;
    const subject = uniqueSubject('E2E all-day too long');
    const event = await h.graph.createEvent(AVA.id, allDayBody(subject, 4, 2));
    const item = await open({ itemId: String(event.id), subject });
    const { pane } = item;
    await pane.getByText('Not synced').waitFor();

    await pane.getByRole('radio', { name: 'Appointment' }).check();
    await pane.getByText(/^All-day events longer than 24 hours do not sync to SAP\. Make it one day long/).waitFor();
    await screenshotWidths(item, '3-all-day-warning');
    await pane.getByRole('button', { name: 'Apply' }).click();
    await pane.getByText('Sync failed').waitFor({ timeout: 15_000 });
    const reason = 'All-day events longer than 24 hours are not synced to SAP Cloud for Customer.';
    await pane.getByText(reason).waitFor();
    await pane.getByText(/^Make the event one day long, or give it a start and end time/).waitFor();
    // One current message: "now syncs" is not left above the failure it led to, and nothing offers a retry that can't work.
    expect(await pane.getByText('This item now syncs to SAP as an Appointment.').count()).toBe(0);
    expect(await pane.getByRole('button', { name: 'Retry now' }).count()).toBe(0);
    await screenshot(item, '3-error-all-day-too-long');
    await screenshotWidths(item, '3-error-all-day-too-long');
    await expectUncovered(pane.getByText(reason), 'the error reason');
    expect(seriousOrWorse(await axeFindings(item.page, 'error-state'))).toEqual([]);

    const german = await open({ itemId: String(event.id), subject, lang: 'de-DE' });
    await german.pane.getByText('Ganztägige Ereignisse, die länger als 24 Stunden dauern, werden nicht mit SAP Cloud for Customer synchronisiert.').waitFor({ timeout: 15_000 });
    await german.pane.getByText(/^Erster Fehler: (vor \d+ (Sekunden?|Minuten?)|jetzt)$/).waitFor();
    await screenshotWidths(german, '3-error-all-day-too-long-de');
    await german.context.close();

    const start = (event.start as { dateTime: string }).dateTime.slice(0, 10);
    const nextDay = new Date(Date.parse(`${start}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await h.graph.patchEvent(AVA.id, String(event.id), { end: { dateTime: `${nextDay}T00:00:00`, timeZone: 'UTC' } });
    await pane.getByText(/^C4C ID: \S+/).waitFor({ timeout: 45_000 });
    await pane.getByText('Synced', { exact: true }).waitFor();
    await screenshot(item, '3-error-fixed-synced');

    const [appointment] = await waitFor('the C4C Appointment', async () => {
      const found = await c4cActivities(h, 'AppointmentCollection', String(event.iCalUId));
      return found.length > 0 ? found : null;
    });
    expect(appointment).toMatchObject({ Subject: subject });
    await waitFor('the error category to be cleared', async () => !(await h.graph.getEvent(AVA.id, String(event.id)))?.categories?.includes(DEFAULT_CATEGORIES.error));
    expect(item.errors).toEqual([]);
  });

  it('sync list: a linked contact is added to "My Outlook contacts" from the pane and taken off again; /api lists it meanwhile', () => addAndRemoveFromSyncList(shared));
  it('admin console: keyboard sign-in, mailboxes, pause/resume, a setting refused by name and one applied without restart, a held session released and one discarded (each confirmed), Remove confirmed in its dialog, a dry run, the health charts, axe', () => adminConsoleChecks(shared));
  it('axe: the pane of a synced item with a linked account has no serious or critical violations', async () => {
    const { h } = shared.stack;
    const account = await accountWithUniqueName(h);
    const subject = uniqueSubject('E2E axe');
    const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 5));
    const item = await open({ itemId: String(event.id), subject });
    const { pane } = item;
    const fresh = await axeFindings(item.page, 'not-synced');

    await syncAs(pane, 'Appointment');
    const search = pane.getByRole('combobox', { name: 'Search CRM' });
    await search.fill(account.name);
    await pane.getByRole('option').first().waitFor({ timeout: 15_000 });
    const withResults = await axeFindings(item.page, 'search-results');
    await screenshot(item, '4-search-results');
    await linkAccountBySearch(pane, account);
    await pane.getByText(/^C4C ID: \S+/).waitFor({ timeout: 45_000 });
    const synced = await axeFindings(item.page, 'synced');
    await screenshot(item, '4-axe-synced');

    const all = [...fresh, ...withResults, ...synced];
    const moderate = all.filter((f) => f.impact === 'moderate' || f.impact === 'minor');
    if (moderate.length > 0) console.log(`axe moderate/minor findings: ${JSON.stringify(moderate, null, 2)}`);
    expect(seriousOrWorse(all)).toEqual([]);
    // axe does not see overlap: the status must also be drawn on top.
    await expectUncovered(pane.getByText(/^C4C ID: \S+/), 'the C4C ID');
  });

  it('keyboard only: arrow keys move "Sync as" without writing anything; Apply (Enter) tags and keeps focus; a switch says what happens first; one message at a time', async () => {
    const { h } = shared.stack;
    const subject = uniqueSubject('E2E keys');
    const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 6));
    const item = await open({ itemId: String(event.id), subject });
    const { pane } = item;
    const notSynced = pane.getByText('Not synced');
    await notSynced.waitFor();
    // An inline badge, not a full-width box that looks like an empty input.
    expect((await notSynced.boundingBox())?.width ?? 999).toBeLessThan(160);

    await pane.getByRole('radio', { name: "Don't sync" }).focus();
    await item.page.keyboard.press('ArrowUp');
    expect(await pane.getByRole('radio', { name: 'Visit' }).isChecked()).toBe(true);
    await item.page.keyboard.press('ArrowUp');
    expect(await pane.getByRole('radio', { name: 'Appointment' }).isChecked()).toBe(true);
    await item.page.keyboard.press('ArrowDown');
    expect(await focusedInPane(pane)).toBe('radio: Visit');
    await pane.getByText('Apply to create a Visit in SAP Cloud for Customer.').waitFor();
    await screenshotWidths(item, '5-sync-as-draft');
    // Nothing was written: the item has no sync category, and C4C has no activity for it.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.categories ?? []).toEqual([]);
    expect(await c4cActivities(h, 'VisitCollection', String(event.iCalUId))).toEqual([]);

    await item.page.keyboard.press('Tab');
    expect(await focusedInPane(pane)).toBe('button: Apply');
    await item.page.keyboard.press('Enter');
    await pane.getByText('This item now syncs to SAP as a Visit.').waitFor();
    expect(await focusedInPane(pane)).toBe('button: Apply');
    await pane.getByText('Synced', { exact: true }).waitFor({ timeout: 10_000 });

    await item.page.keyboard.press('Shift+Tab');
    await item.page.keyboard.press('ArrowUp');
    await pane.getByText(/The Visit in SAP Cloud for Customer will be cancelled and an Appointment created with the same links\./).waitFor();
    await screenshotWidths(item, '5-sync-as-switch-warning');
    expect(await c4cActivities(h, 'AppointmentCollection', String(event.iCalUId))).toEqual([]);
    await item.page.keyboard.press('Tab');
    await item.page.keyboard.press('Enter');
    await pane.getByText('This item now syncs to SAP as an Appointment.').waitFor();
    expect(await pane.getByText('This item now syncs to SAP as a Visit.').count()).toBe(0);
    expect(await focusedInPane(pane)).toBe('button: Apply');
    await pane.getByText('Synced', { exact: true }).waitFor({ timeout: 10_000 });
    // R2: the Visit was cancelled after the Appointment was made; one open activity stays, the Appointment.
    const open4 = async (set: 'VisitCollection' | 'AppointmentCollection', status: string) => (await c4cActivities(h, set, String(event.iCalUId))).filter((a) => a[status] !== '4');
    await waitFor('the Visit cancelled', async () => (await open4('VisitCollection', 'Status')).length === 0, 10_000);
    expect((await open4('AppointmentCollection', 'LifeCycleStatusCode')).length).toBe(1);
    await screenshotWidths(item, '5-sync-as-applied');
    expect(seriousOrWorse(await axeFindings(item.page, 'sync-as-applied'))).toEqual([]);
    expect(item.errors).toEqual([]);
  });

  it('fresh status: tagging → "Synced" measured (goal ≤ 1 s p95, sandbox latency on); the ribbon command and link edits show without reopening', async () => {
    const { h } = shared.stack;
    const latency = { fixedMs: 50, jitterMs: 20 };
    await h.graphControl('PUT', '/_sandbox/latency', latency);
    await h.c4cControl('PUT', '/_sandbox/latency', latency);
    try {
      const subject = uniqueSubject('E2E fresh');
      const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 7));
      const item = await open({ itemId: String(event.id), subject });
      const { pane, page } = item;
      const statusRequests: number[] = [];
      page.on('request', (r) => {
        if (/\/api\/items\/[^/]+\/status$/.test(new URL(r.url()).pathname)) statusRequests.push(Date.now());
      });
      await pane.getByText('Not synced').waitFor();

      // Where the time goes: until the pane asks the service to sync (the tag written through Office.js), and until
      // the first status answer that says synced (the service's session); the rest is polling and rendering.
      let syncAsked = 0;
      let syncedAnswer = 0;
      page.on('request', (r) => {
        if (r.method() === 'POST' && /\/api\/items\/[^/]+\/sync$/.test(new URL(r.url()).pathname) && !syncAsked) syncAsked = Date.now();
      });
      page.on('response', (r) => {
        if (!/\/api\/items\/[^/]+\/status$/.test(new URL(r.url()).pathname)) return;
        void r.text().then((body) => {
          if (!syncedAnswer && body.includes('"state":"synced"')) syncedAnswer = Date.now();
        }, () => undefined);
      });
      const samples: number[] = [];
      const afterTag: number[] = [];
      const parts: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        await pane.getByRole('radio', { name: 'Appointment' }).check();
        [syncAsked, syncedAnswer] = [0, 0];
        const started = Date.now();
        await pane.getByRole('button', { name: 'Apply' }).click();
        await pane.getByText('Synced', { exact: true }).waitFor({ timeout: 10_000 });
        const shown = Date.now();
        samples.push(shown - started);
        afterTag.push(shown - syncAsked);
        parts.push(`${syncAsked - started}/${syncedAnswer ? syncedAnswer - started : '?'}`);
        await syncAs(pane, "Don't sync");
        await pane.getByText('Not synced').waitFor({ timeout: 10_000 });
        // A rep does not retag within milliseconds: let the untag's sessions end, or the next tag queues behind them.
        await quiet(shared.stack.service);
      }
      const figures = { fromApply: { p50: pct(samples, 50), p95: pct(samples, 95) }, fromTag: { p50: pct(afterTag, 50), p95: pct(afterTag, 95) } };
      console.log(
        `"Synced" in the pane (${samples.length} runs, sandbox latency ${latency.fixedMs} ± ${latency.jitterMs} ms): from Apply p50 ${figures.fromApply.p50} ms, p95 ${figures.fromApply.p95} ms; ` +
          `from the tag written (the pane's sync request) p50 ${figures.fromTag.p50} ms, p95 ${figures.fromTag.p95} ms; ` +
          `all from Apply ${samples.join(', ')} ms; sync asked / synced answer at ${parts.join(', ')} ms`,
      );
      writeFileSync(resolve(SCREENSHOT_DIR, 'tag-to-synced.json'), JSON.stringify({ samples, afterTag, figures, latency }, null, 2));
      // The goal is "Synced" within 1 s of the tag being on the item (p95); the figure above is what to compare with
      // it. The bounds here are looser, as a guard that holds on a loaded machine (measured there up to 1.5 s) and
      // still fails the pane before (first status check 3 s after the tag). Writing the tag through Office.js (Graph
      // round trips in the host) comes first.
      expect(figures.fromTag.p95).toBeLessThanOrEqual(2500);
      expect(figures.fromApply.p95).toBeLessThanOrEqual(2900);

      // The ribbon's "Sync to SAP" with the pane open: the pane follows without being reopened.
      const ribbonStarted = Date.now();
      await page.click('#cmd-appointment');
      await pane.getByText('Synced', { exact: true }).waitFor({ timeout: 5_000 });
      const ribbonMs = Date.now() - ribbonStarted;
      console.log(`ribbon "Sync to SAP" → "Synced" in the open pane: ${ribbonMs} ms`);
      expect(ribbonMs).toBeLessThan(3000);

      // A link edit asks for a sync; the pane asks for the status again until it is done.
      const account = await accountWithUniqueName(h);
      const before = statusRequests.length;
      await linkAccountBySearch(pane, account);
      await waitFor('a status request after the link edit', async () => statusRequests.length > before, 2_000, 50);
      await waitFor('the Appointment with the linked account', async () => (await c4cActivities(h, 'AppointmentCollection', String(event.iCalUId))).find((a) => a.MainAccountPartyID === account.id), 10_000);
      await pane.getByText('Synced', { exact: true }).waitFor({ timeout: 5_000 });
      await screenshotWidths(item, '6-synced-after-link-edit');
      expect(item.errors).toEqual([]);
    } finally {
      await h.graphControl('DELETE', '/_sandbox/latency');
      await h.c4cControl('DELETE', '/_sandbox/latency');
    }
  });

  it('offline: the banner says search is unavailable; tagging offline says it waits for the service', () => offlineBannerAndTagging(shared));
  it('attendees: a known one offers its account as primary in one click; an unknown one becomes a contact (duplicate check); a follow-up task from the keyboard', () => attendeesAndFollowUp(shared));
  it("preview cards: an account's and an opportunity's card from the keyboard show C4C's data; a second open reads nothing", () => previewCards(shared));

  it('search finds a word inside a name and a typed O’…; keyboard: no extra tab stop, focus stays after the last chip; a new appointment is not saved for its tag', async () => {
    const { h } = shared.stack;
    const word = `Automotive${Math.random().toString(36).slice(2, 7)}`;
    const created = await h.c4c.request('POST', 'CorporateAccountCollection', { Name: `O'Quill ${word} Parts`, RoleCode: 'CRM000', OwnerID: AVA.c4cEmployeeId });
    expect(created.status).toBe(201);
    const subject = uniqueSubject('E2E search keys');
    const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 9));
    const item = await open({ itemId: String(event.id), subject });
    const { pane, page } = item;
    const search = pane.getByRole('combobox', { name: 'Search CRM' });

    // A word inside the name (C4C $search), then the name as a phone types it (typographic apostrophe).
    await search.fill(word);
    await pane.getByRole('option', { name: new RegExp(`^O'Quill ${word} Parts`) }).waitFor({ timeout: 15_000 });
    await search.fill(`O’Quill ${word}`);
    const option = pane.getByRole('option', { name: new RegExp(`^O'Quill ${word} Parts`) });
    await option.waitFor({ timeout: 15_000 });
    await screenshotWidths(item, '8-search-results');
    await option.click();
    const chip = pane.getByRole('button', { name: new RegExp(`O'Quill ${word} Parts.* Remove$`) });
    await chip.waitFor();
    // Readable sub-labels ("Account · Primary"), not 10 px.
    const subLabel = pane.getByText('Account · Primary');
    expect(parseFloat(await subLabel.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(12);

    // The search box is one tab stop (no chevron that opens nothing); removing the last chip keeps focus in the pane.
    await search.focus();
    await page.keyboard.press('Tab');
    expect(await focusedInPane(pane)).not.toBe('button: Open');
    await chip.focus();
    await page.keyboard.press('Enter');
    await pane.getByText('No links yet.').waitFor();
    expect(await focusedInPane(pane)).toBe('combobox: Search CRM');
    await screenshotWidths(item, '8-last-chip-removed');

    // A new appointment: tagging it puts the category in the form, without saving it (nothing reaches C4C yet).
    await page.click('#new');
    await pane.getByRole('heading', { level: 1, name: 'New appointment' }).waitFor({ timeout: 15_000 });
    await syncAs(pane, 'Visit');
    await pane.getByText('This item now syncs to SAP as a Visit. It syncs once you save the item.').waitFor();
    await new Promise((r) => setTimeout(r, 500));
    expect(await h.graph.eventsBySubject(AVA.id, 'New appointment')).toEqual([]);
    await screenshotWidths(item, '8-new-appointment-tagged');
    expect(item.errors).toEqual([]);
  });

  it('languages: a synced item with a linked account in each language shows no English-only text; the pseudo-locale at 320 px shows only catalog text, none cut off', async () => {
    const { h } = shared.stack;
    const account = await accountWithUniqueName(h);
    const subject = uniqueSubject('E2E languages');
    const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 10));
    const item = await open({ itemId: String(event.id), subject });
    // English first: one state with most of the pane's parts (status with its time and C4C ID, "Sync as", a chip).
    await syncAs(item.pane, 'Appointment');
    await linkAccountBySearch(item.pane, account);
    await item.pane.getByText(/^C4C ID: \S+/).waitFor({ timeout: 45_000 });
    const started = Date.now();
    for (const lang of ['de-DE', 'fr-FR', 'es-ES', 'it-IT', 'pt-BR', 'ja-JP', 'zh-CN']) {
      const shown = await shownIn(item, lang, { subject, accountName: account.name });
      expect({ lang, untranslated: untranslated(shown, lang) }).toEqual({ lang, untranslated: [] });
      await item.page.locator('#pane').screenshot({ path: resolve(SCREENSHOT_DIR, `9-language-${lang}.png`) });
    }
    // The pseudo-locale (40 % longer) at the narrowest task pane: all text bracketed from its catalog, none cut off.
    expect(pseudoProblems(await shownIn(item, PSEUDO_LOCALE, { subject, accountName: account.name }, 320))).toEqual({ unbracketed: [], cutOff: [] });
    await item.page.locator('#pane').screenshot({ path: resolve(SCREENSHOT_DIR, '9-language-pseudo-320.png') });
    console.log(`languages: 7 languages and the pseudo-locale at 320 px checked in ${Date.now() - started} ms`);
    expect(item.errors).toEqual([]);
  });
});
