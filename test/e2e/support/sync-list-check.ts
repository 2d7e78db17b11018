// The pane's "My Outlook contacts" section against the shared e2e stack (issue 14): a linked contact is put on the
// user's sync list from the pane and taken off again, and the service's /api agrees at each step.
import { expect } from '@jest/globals';
import { AVA, meetingBody, uniqueSubject } from './items.js';
import type { SharedStack } from './shared-stack.js';
import { screenshot } from './stack.js';

export async function addAndRemoveFromSyncList(shared: SharedStack): Promise<void> {
  const { stack } = shared;
  const { open } = shared;
  const { h } = stack;
  // A contact of Ava's (the pane's search runs as her) with a last name nobody else has.
  const lastName = `Listed${Date.now().toString(36)}`;
  const made = await h.c4c.request('POST', 'ContactCollection', { FirstName: 'Robin', LastName: lastName, StatusCode: '2', ContactOwnerID: AVA.c4cEmployeeId, Email: `robin.${lastName.toLowerCase()}@e2e.example` });
  expect(made.status).toBe(201);
  const contactId = String(made.body.d?.ContactID);
  const subject = uniqueSubject('E2E sync list');
  const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 6));
  const item = await open({ itemId: String(event.id), subject });
  const { pane } = item;
  await pane.getByRole('combobox', { name: 'Search CRM' }).fill(lastName);
  const option = pane.getByRole('option', { name: new RegExp(`^Robin ${lastName}\\s*Contact`) });
  await option.waitFor({ timeout: 15_000 });
  await option.click();

  const add = pane.getByRole('button', { name: `Add to my Outlook contacts: Robin ${lastName}` });
  await add.click();
  await pane.getByRole('button', { name: `Remove Robin ${lastName} from my Outlook contacts` }).waitFor();
  await pane.getByText('In my Outlook contacts ✓').waitFor();
  await pane.getByRole('status').filter({ hasText: `Robin ${lastName} is on your Outlook contacts list` }).waitFor();
  await screenshot(item, '9-sync-list-added');

  // The service has the entry on Ava's list (her own token for the API, as the pane sends it). This stack runs the
  // calendar and tasks only (the contact family's sessions slow the timed tests here): that the entry becomes an
  // Outlook contact is test/integration/sync/contacts.test.ts's.
  const info = (await (await fetch(`${h.graphUrl}/_sandbox/info`)).json()) as { serviceApp: { appIdUri: string } };
  const tokenUrl = `${h.graphUrl}/_sandbox/token?user=${AVA.id}&aud=${encodeURIComponent(info.serviceApp.appIdUri)}&scp=access_as_user`;
  const token = ((await (await fetch(tokenUrl)).json()) as { access_token: string }).access_token;
  const list = (await (await fetch(`${stack.service.url}/api/sync-list`, { headers: { authorization: `Bearer ${token}` } })).json()) as { entries: { type: string; c4cId: string; source: string }[] };
  expect(list.entries).toContainEqual(expect.objectContaining({ type: 'contact', c4cId: contactId, source: 'user' }));
  // Taken off again from the pane: the row offers the add, and the list no longer holds it.
  await pane.getByRole('button', { name: `Remove Robin ${lastName} from my Outlook contacts` }).click();
  await pane.getByRole('button', { name: `Add to my Outlook contacts: Robin ${lastName}` }).waitFor();
  const after = (await (await fetch(`${stack.service.url}/api/sync-list`, { headers: { authorization: `Bearer ${token}` } })).json()) as { entries: { c4cId: string }[] };
  expect(after.entries.map((e) => e.c4cId)).not.toContain(contactId);
  expect(item.errors).toEqual([]);
}
