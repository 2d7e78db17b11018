// The task pane in the sandbox Outlook host against the real stack (Graph and C4C sandboxes, the sync service
// with insta-sync, as `npm start` runs them): tag as Visit and link an account, the compose-mode fallback on the
// web, the error state of an all-day event over 24 hours and its retry, and axe on the pane.
// Screenshots of every state go to test-results/e2e/.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jest } from '@jest/globals';
import { DEFAULT_CATEGORIES } from '../../src/shared/categories.js';
import { accountWithUniqueName, allDayBody, AVA, axeFindings, c4cActivities, meetingBody, uniqueSubject, type AxeFinding } from './support/items.js';
import { expectUncovered, linkAccountBySearch } from './support/pane-checks.js';
import { openItemWithPane, SCREENSHOT_DIR, screenshot, startE2eStack, waitFor, type E2eStack, type OpenedItem } from './support/stack.js';

// The e2e project's testTimeout in jest.config.js is not applied (jest reads testTimeout globally only).
jest.setTimeout(120_000);

let stack: E2eStack;
const opened: OpenedItem[] = [];

beforeAll(async () => {
  stack = await startE2eStack();
  console.log(`e2e stack up: ${JSON.stringify(stack.timings)} ms; add-in build ${stack.build.buildMs === null ? 'reused' : `${stack.build.buildMs} ms`}`);
}, 170_000);

afterAll(async () => {
  for (const o of opened) await o.context.close().catch(() => undefined);
  // The service's log of the run, for looking into a failure.
  if (stack) writeFileSync(resolve(SCREENSHOT_DIR, 'service-log.jsonl'), stack.service.logs.map((l) => JSON.stringify(l)).join('\n'));
  await stack?.close();
});

async function open(options: Parameters<typeof openItemWithPane>[1]): Promise<OpenedItem> {
  const item = await openItemWithPane(stack, options);
  opened.push(item);
  return item;
}

const seriousOrWorse = (findings: AxeFinding[]) => findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');

describe('task pane in the sandbox Outlook host, against the running service', () => {
  it('tags an item as Visit, links an account found by search, shows it synced with its C4C ID; C4C has the Visit with that main account', async () => {
    const { h } = stack;
    const account = await accountWithUniqueName(h);
    const subject = uniqueSubject('E2E visit');
    const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 2));
    const item = await open({ itemId: String(event.id), subject });
    const { pane } = item;
    await pane.getByText('Not synced').waitFor();
    await screenshot(item, '1-not-synced');

    await pane.getByRole('radio', { name: 'Visit' }).click();
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
    const { h } = stack;
    const subject = uniqueSubject('E2E compose web');
    const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 3));
    const item = await open({ itemId: String(event.id), subject, platform: 'web', mode: 'compose' });
    const { pane } = item;

    await pane.getByRole('radio', { name: 'Appointment' }).click();
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
    expect(item.errors).toEqual([]);
  });

  it('an all-day event over 24 hours shows the error with its reason; made one day long, "Retry now" syncs it', async () => {
    const { h, service } = stack;
    const subject = uniqueSubject('E2E all-day too long');
    const from = service.logs.length;
    const event = await h.graph.createEvent(AVA.id, allDayBody(subject, 4, 2, { categories: [DEFAULT_CATEGORIES.appointment] }));
    await waitFor('the error category on the item', async () => (await h.graph.getEvent(AVA.id, String(event.id)))?.categories?.includes(DEFAULT_CATEGORIES.error), 30_000);

    const item = await open({ itemId: String(event.id), subject });
    const { pane } = item;
    await pane.getByText('Sync failed').waitFor({ timeout: 15_000 });
    await pane.getByText('All-day events longer than 24 hours are not synced to SAP Cloud for Customer.').waitFor();
    await screenshot(item, '3-error-all-day-too-long');
    await expectUncovered(pane.getByText('All-day events longer than 24 hours are not synced to SAP Cloud for Customer.'), 'the error reason');
    const errorAxe = await axeFindings(item.page, 'error-state');
    expect(seriousOrWorse(errorAxe)).toEqual([]);

    const start = (event.start as { dateTime: string }).dateTime.slice(0, 10);
    const nextDay = new Date(Date.parse(`${start}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await h.graph.patchEvent(AVA.id, String(event.id), { end: { dateTime: `${nextDay}T00:00:00`, timeZone: 'UTC' } });
    await pane.getByRole('button', { name: 'Retry now' }).click();
    await pane.getByText(/^C4C ID: \S+/).waitFor({ timeout: 45_000 });
    await pane.getByText('Synced', { exact: true }).waitFor();
    await screenshot(item, '3-error-fixed-synced');

    const [appointment] = await waitFor('the C4C Appointment', async () => {
      const found = await c4cActivities(h, 'AppointmentCollection', String(event.iCalUId));
      return found.length > 0 ? found : null;
    });
    expect(appointment).toMatchObject({ Subject: subject });
    await waitFor('the error category to be cleared', async () => !(await h.graph.getEvent(AVA.id, String(event.id)))?.categories?.includes(DEFAULT_CATEGORIES.error));
    expect(service.logs.slice(from).some((l) => l.msg === 'session done' && l.mailboxId === AVA.id)).toBe(true);
    expect(item.errors).toEqual([]);
  });

  it('axe: the pane of a synced item with a linked account has no serious or critical violations', async () => {
    const { h } = stack;
    const account = await accountWithUniqueName(h);
    const subject = uniqueSubject('E2E axe');
    const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 5));
    const item = await open({ itemId: String(event.id), subject });
    const { pane } = item;
    const fresh = await axeFindings(item.page, 'not-synced');

    await pane.getByRole('radio', { name: 'Appointment' }).click();
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
});
