// The pane's "Attendees" and "Follow-up" (issue 13) against the shared e2e stack: a meeting with one of Ava's C4C
// contacts and a stranger among its attendees. The contact is recognised with its account, which one click makes the
// item's primary account; "Create contact" makes a C4C contact of the stranger, owned by Ava and working for that
// account, and the service's duplicate check then answers that contact instead of creating a lead; "Create follow-up
// task in C4C" (from the keyboard) makes a task Ava processes, linked to the account. Screenshots at 320 and 450 px
// and axe on the final state.
import { expect } from '@jest/globals';
import { accountWithUniqueName, AVA, axeFindings, meetingBody, seriousOrWorse, uniqueSubject } from './items.js';
import type { SharedStack } from './shared-stack.js';
import { screenshotWidths, waitFor } from './stack.js';

type Json = Record<string, unknown>;

export async function attendeesAndFollowUp(shared: SharedStack): Promise<void> {
  const { stack } = shared;
  const { h } = stack;
  const account = await accountWithUniqueName(h);
  const tag = Date.now().toString(36);
  const known = `dana.${tag}@e2e.example`;
  const stranger = `sam.${tag}@e2e.example`;
  const made = await h.c4c.request('POST', 'ContactCollection', { FirstName: 'Dana', LastName: `Known${tag}`, StatusCode: '2', ContactOwnerID: AVA.c4cEmployeeId, Email: known, AccountID: account.id });
  expect(made.status).toBe(201);
  const subject = uniqueSubject('E2E attendees');
  const attendees = [
    { type: 'required', emailAddress: { name: `Dana Known${tag}`, address: known } },
    { type: 'optional', emailAddress: { name: `Sam Stranger${tag}`, address: stranger } },
  ];
  const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 10, { attendees }));
  const item = await shared.open({ itemId: String(event.id), subject });
  const { pane } = item;

  // Recognised with its account; one click makes it the item's primary account (a chip marked primary).
  const makePrimary = pane.getByRole('button', { name: `Make ${account.name} the primary account of this item` });
  await makePrimary.waitFor({ timeout: 20_000 });
  await pane.getByText('Not in SAP Cloud for Customer').waitFor();
  // The sections sit below the fold of a task pane: the screenshots show them.
  const heading = pane.getByRole('heading', { name: 'Attendees', exact: true });
  await heading.scrollIntoViewIfNeeded();
  await screenshotWidths(item, '10-attendees-matched');
  await makePrimary.click();
  await pane.getByText('Primary account ✓').waitFor();
  await pane.getByRole('button', { name: new RegExp(`${account.name}.* Remove$`) }).waitFor();

  // The stranger becomes a contact of Ava's working for that account.
  await pane.getByRole('button', { name: `Create a contact for Sam Stranger${tag} in SAP Cloud for Customer` }).click();
  await pane.getByRole('status').filter({ hasText: `Contact Sam Stranger${tag} was created in SAP Cloud for Customer.` }).waitFor({ timeout: 20_000 });
  const contacts = ((await h.c4c.request('GET', `ContactCollection?$filter=Email eq '${stranger}'&$select=ContactID,ContactOwnerID,AccountID,FirstName,LastName`)).body.d?.results ?? []) as Json[];
  expect(contacts).toEqual([expect.objectContaining({ ContactOwnerID: AVA.c4cEmployeeId, AccountID: account.id, FirstName: 'Sam', LastName: `Stranger${tag}` })]);
  await heading.scrollIntoViewIfNeeded();
  await screenshotWidths(item, '10-attendee-contact-created');

  // The duplicate check: asking for a lead with the same address answers the contact, and creates nothing.
  const info = (await (await fetch(`${h.graphUrl}/_sandbox/info`)).json()) as { serviceApp: { appIdUri: string } };
  const tokenUrl = `${h.graphUrl}/_sandbox/token?user=${AVA.id}&aud=${encodeURIComponent(info.serviceApp.appIdUri)}&scp=access_as_user`;
  const token = ((await (await fetch(tokenUrl)).json()) as { access_token: string }).access_token;
  const again = await fetch(`${stack.service.url}/api/attendees`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'lead', email: stranger, lastName: 'Stranger' }) });
  expect(again.status).toBe(200);
  expect(await again.json()).toMatchObject({ created: false, record: { kind: 'contact', c4cId: String(contacts[0]?.['ContactID']) } });
  const leads = ((await h.c4c.request('GET', `LeadCollection?$filter=ContactEMail eq '${stranger}'&$select=ID`)).body.d?.results ?? []) as Json[];
  expect(leads).toEqual([]);

  // The follow-up task, from the keyboard: processed by Ava, linked to the primary account.
  const create = pane.getByRole('button', { name: 'Create follow-up task in C4C' });
  await create.focus();
  await item.page.keyboard.press('Enter');
  const created = pane.getByText(/^Follow-up task \d+ was created in SAP Cloud for Customer\./);
  await created.waitFor({ timeout: 20_000 });
  const taskId = /task (\d+) was/.exec((await created.textContent()) ?? '')?.[1] ?? '';
  const task = await waitFor('the follow-up task in C4C', async () => ((await h.c4c.request('GET', `TasksCollection?$filter=ID eq '${taskId}'`)).body.d?.results ?? [])[0] as Json | undefined);
  expect(task).toMatchObject({ Subject: `Follow-up: ${subject}`, MainAccountPartyID: account.id, ProcessorPartyID: AVA.c4cEmployeeId, Status: '1' });
  await screenshotWidths(item, '10-follow-up-created');
  expect(seriousOrWorse(await axeFindings(item.page, 'attendees-follow-up'))).toEqual([]);
  expect(item.errors).toEqual([]);
}
