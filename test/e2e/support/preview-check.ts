// The pane's preview cards against the shared e2e stack (issue 13): an account's and an opportunity's card show the
// C4C sandbox's data (owner, city, open opportunities; phase, value with currency, close date, owner), opened from
// the keyboard; a second open of a card asks the service nothing.
import { expect } from '@jest/globals';
import type { Json } from '../../support/sync-harness-http.js';
import { accountWithUniqueName, AVA, meetingBody, uniqueSubject } from './items.js';
import { linkAccountBySearch } from './pane-checks.js';
import type { SharedStack } from './shared-stack.js';
import { screenshot } from './stack.js';

export async function previewCards(shared: SharedStack): Promise<void> {
  const { h } = shared.stack;
  const account = await accountWithUniqueName(h);
  // An opportunity of Ava's on that account, with the fields the card shows (the search runs as Ava: hers only).
  const dealName = uniqueSubject('E2E deal');
  const made = await h.c4c.request('POST', 'OpportunityCollection', {
    Name: dealName,
    ProspectPartyID: account.id,
    MainEmployeeResponsiblePartyID: AVA.c4cEmployeeId,
    LifeCycleStatusCode: '2',
    SalesCycleCode: '001',
    SalesCyclePhaseCode: '002',
    ExpectedRevenueAmount: '12500.00',
    ExpectedRevenueAmountCurrencyCode: 'EUR',
    ExpectedProcessingEndDate: '2026-12-31T00:00:00',
  });
  expect(made.status).toBe(201);
  const accountRow = ((await h.c4c.request('GET', `CorporateAccountCollection?$filter=AccountID eq '${account.id}'&$select=City,CountryCode,CountryCodeText`)).body.d?.results as Json[])[0] ?? {};
  const open = (await h.c4c.request('GET', `OpportunityCollection?$top=500&$select=ID&$filter=ProspectPartyID eq '${account.id}' and MainEmployeeResponsiblePartyID eq '${AVA.c4cEmployeeId}' and (LifeCycleStatusCode eq '1' or LifeCycleStatusCode eq '2')`)).body.d?.results as Json[];

  const subject = uniqueSubject('E2E preview cards');
  const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 7));
  const item = await shared.open({ itemId: String(event.id), subject });
  const { pane, page } = item;
  const previewRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/crm\/\w+\/[^/]+\/preview$/.test(new URL(r.url()).pathname)) previewRequests.push(new URL(r.url()).pathname);
  });
  await linkAccountBySearch(pane, account);
  await pane.getByRole('combobox', { name: 'Search CRM' }).fill(dealName);
  const option = pane.getByRole('option', { name: new RegExp(`^${dealName}\\s*Opportunity`) });
  await option.waitFor({ timeout: 15_000 });
  await option.click();
  expect(previewRequests).toEqual([]); // nothing is read before a card opens

  // Keyboard only: focus the details button, Enter opens the card, Escape closes it.
  const fieldsOf = async (name: string) => {
    const button = pane.getByRole('button', { name: `Details of ${name}` });
    await button.focus();
    await button.press('Enter');
    const fields = pane.getByTestId('preview-fields');
    await fields.waitFor({ timeout: 15_000 });
    const texts = await fields.locator('dt, dd').allInnerTexts();
    return { button, fields: Object.fromEntries(texts.flatMap((t, i) => (i % 2 === 0 ? [[t.trim(), (texts[i + 1] ?? '').trim()]] : []))) };
  };
  const accountCard = await fieldsOf(account.name);
  expect(accountCard.fields).toEqual({
    Owner: AVA.displayName,
    // The country by name where C4C has its text, else its code (the sandbox serves no country texts).
    City: [accountRow.City, accountRow.CountryCodeText || accountRow.CountryCode].filter(Boolean).join(', '),
    'Open opportunities': String(open.length),
  });
  expect(open.length).toBeGreaterThan(0);
  await screenshot(item, '13-preview-account');
  await accountCard.button.press('Escape');
  await pane.getByTestId('preview-fields').waitFor({ state: 'detached' });

  const dealCard = await fieldsOf(dealName);
  expect(dealCard.fields).toMatchObject({ Phase: 'Qualify', 'Expected value': '€12,500.00', 'Close date': 'Dec 31, 2026', Owner: AVA.displayName, Status: 'In Process' });
  await screenshot(item, '13-preview-opportunity');
  await dealCard.button.press('Escape');

  // The second open of the account's card shows it from the pane's cache: no second request.
  const again = await fieldsOf(account.name);
  expect(again.fields['Owner']).toBe(AVA.displayName);
  expect(previewRequests.filter((p) => p.startsWith('/api/crm/account/'))).toHaveLength(1);
  expect(previewRequests).toHaveLength(2);
  expect(item.errors).toEqual([]);
}
