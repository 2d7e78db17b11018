/**
 * @jest-environment jsdom
 */
// The pane's "My Outlook contacts" (R14): the item's linked contacts and accounts with their state on the user's sync
// list, read once per pane open and again after each change; adding and removing from the keyboard, the confirmation
// in a live region, a failure as the pane's one message with the state unchanged.
import { jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../../src/taskpane/App.js';
import { languageFor } from '../../../src/addin/text/index.js';
import { ApiError } from '../../../src/addin/api/errors.js';
import type { SyncListEntry } from '../../../src/shared/sync-list-api.js';
import { fakes } from './support/pane-fakes.js';

const porter: SyncListEntry = { type: 'account', c4cId: '1001', source: 'user', addedAt: '2026-12-01T10:00:00.000Z' };
const contact = { type: 'contact' as const, id: '2000001', name: 'Pat Lee' };

function withList(initial: SyncListEntry[]) {
  let entries = [...initial];
  return {
    syncList: jest.fn(async () => ({ entries })),
    addToSyncList: jest.fn(async (ref: { type: SyncListEntry['type']; c4cId: string }) => {
      const entry = { ...ref, source: 'user' as const, addedAt: '2026-12-01T11:00:00.000Z' };
      entries = [...entries, entry];
      return { entry, added: true };
    }),
    removeFromSyncList: jest.fn(async (ref: { type: string; c4cId: string }) => {
      entries = entries.filter((e) => !(e.type === ref.type && e.c4cId === ref.c4cId));
    }),
  };
}

describe('task pane: my Outlook contacts', () => {
  it("offers the linked contact and account, adds one from the keyboard, says so, and shows the service's state", async () => {
    const api = withList([]);
    const { services } = fakes({ api, item: { loadLinks: jest.fn(async () => [{ type: 'account' as const, id: '1001', name: 'Porter LLC', primary: true }, contact, { type: 'opportunity' as const, id: '77', name: 'Deal' }]) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    const add = await screen.findByRole('button', { name: 'Add to my Outlook contacts: Pat Lee' });
    expect(screen.getByRole('button', { name: 'Add to my Outlook contacts: Porter LLC' })).toBeTruthy();
    // Only contacts, accounts and individual customers can be Outlook contacts.
    expect(screen.queryByRole('button', { name: /Deal$/ })).toBeNull();
    add.focus();
    expect(document.activeElement).toBe(add);
    fireEvent.click(add);
    await waitFor(() => expect(api.addToSyncList).toHaveBeenCalledWith({ type: 'contact', c4cId: '2000001' }));
    expect(await screen.findByRole('button', { name: 'Remove Pat Lee from my Outlook contacts' })).toBeTruthy();
    const row = document.querySelector('[data-sync-list-row="contact:2000001"]') as HTMLElement;
    expect(within(row).getByText('In my Outlook contacts ✓')).toBeTruthy();
    expect(screen.getAllByRole('status').some((s) => s.textContent?.includes('Pat Lee is on your Outlook contacts list'))).toBe(true);
    // Read when the pane opened and again after the change; never per render.
    expect(api.syncList).toHaveBeenCalledTimes(2);
  });

  it('removes an entry, and a failed change is the one message with the state left as it was', async () => {
    const api = withList([porter]);
    const { services } = fakes({ api });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Porter LLC from my Outlook contacts' }));
    expect(await screen.findByRole('button', { name: 'Add to my Outlook contacts: Porter LLC' })).toBeTruthy();
    expect(api.removeFromSyncList).toHaveBeenCalledWith({ type: 'account', c4cId: '1001' });
    expect(screen.getAllByRole('status').some((s) => s.textContent?.includes('Porter LLC was taken off'))).toBe(true);

    api.addToSyncList.mockImplementationOnce(async () => {
      throw new ApiError('badRequest', 'Your sync list holds 10000 entries, the most it may; remove some first.', 409, 'conflict');
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add to my Outlook contacts: Porter LLC' })));
    expect(await screen.findByText(/Your Outlook contacts list couldn't be changed: .*remove some first/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add to my Outlook contacts: Porter LLC' })).toBeTruthy();
  });

  it("offers the meeting's attendees C4C recognises (a contact, a colleague) beside the links, and adds one", async () => {
    const api = {
      ...withList([]),
      matchPeople: jest.fn(async () => ({
        people: [
          { email: 'pat.lee@porter.example', type: 'contact' as const, c4cId: '2000001', name: 'Pat Lee' },
          { email: 'ben.baker@contoso.example', type: 'employee' as const, c4cId: '8000000002', name: 'Ben Baker' },
        ],
      })),
    };
    const getAttendeeEmails = jest.fn(async () => ['pat.lee@porter.example', 'ben.baker@contoso.example', 'guest@elsewhere.example']);
    const { services } = fakes({ api, item: { getAttendeeEmails, loadLinks: jest.fn(async () => [contact]) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    const ben = await screen.findByRole('button', { name: 'Add to my Outlook contacts: Ben Baker' });
    expect(api.matchPeople).toHaveBeenCalledWith(['pat.lee@porter.example', 'ben.baker@contoso.example', 'guest@elsewhere.example'], expect.anything());
    expect(screen.getByText('Colleague · Attendee')).toBeTruthy();
    // Pat is linked already: one row, the link's.
    expect(screen.getAllByRole('button', { name: 'Add to my Outlook contacts: Pat Lee' })).toHaveLength(1);
    expect(screen.queryByText('Contact · Attendee')).toBeNull();
    fireEvent.click(ben);
    await waitFor(() => expect(api.addToSyncList).toHaveBeenCalledWith({ type: 'employee', c4cId: '8000000002' }));
    expect(await screen.findByRole('button', { name: 'Remove Ben Baker from my Outlook contacts' })).toBeTruthy();
  });

  it("marks the rule's entries, and says the list could not be read instead of guessing its state", async () => {
    const ruled = fakes({ api: withList([{ ...porter, source: 'rule' }]) });
    const { unmount } = render(<App services={ruled.services} language={languageFor('en-US')} theme="light" />);
    expect(await screen.findByText('Account · added by your organisation')).toBeTruthy();
    unmount();

    const broken = fakes({ api: { syncList: jest.fn(async () => { throw new ApiError('server', 'boom', 500); }) } });
    render(<App services={broken.services} language={languageFor('en-US')} theme="light" />);
    expect(await screen.findByText(/Your Outlook contacts list couldn't be read/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /my Outlook contacts/ })).toBeNull();
  });
});
