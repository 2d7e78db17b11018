/**
 * @jest-environment jsdom
 */
// The pane's "Attendees" and "Follow-up": the attendees C4C knows with their account, made the item's primary account
// in one click; "Create contact" for an unknown attendee with the item's primary account and the name Outlook shows,
// an existing record answered instead; the follow-up task named after the item, linked to its primary account, due a
// week after the meeting; failures as the pane's one message.
import { jest } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../../src/taskpane/App.js';
import { languageFor } from '../../../src/addin/text/index.js';
import { ApiError } from '../../../src/addin/api/errors.js';
import { splitName } from '../../../src/taskpane/hooks/useAttendees.js';
import type { AttendeeMatch, CreateAttendeeRequest } from '../../../src/shared/people-api.js';
import type { CrmLink } from '../../../src/shared/crm-links.js';
import { fakes } from './support/pane-fakes.js';

const pat: AttendeeMatch = { email: 'pat.lee@acme.example', kind: 'contact', c4cId: '2000001', name: 'Pat Lee', account: { id: '1002', name: 'Acme Corp' } };
/** The lazy section and the match answer arrive after the first render; the machine may be loaded. */
const LAZY = { timeout: 8000 };
const attendees = [
  { email: 'pat.lee@acme.example', name: 'Pat Lee' },
  { email: 'guest@elsewhere.example', name: 'Hopper, Grace' },
];

function setup(api: Record<string, unknown> = {}) {
  const saved: CrmLink[][] = [];
  const created = { email: 'guest@elsewhere.example', kind: 'contact' as const, c4cId: '2000100', name: 'Grace Hopper', account: { id: '1001', name: 'Porter LLC' } };
  const all = fakes({
    api: {
      matchAttendees: jest.fn(async () => ({ matches: [pat] })),
      createAttendee: jest.fn(async (_req: CreateAttendeeRequest) => ({ created: true, record: created })),
      createFollowUpTask: jest.fn(async (req: { subject: string }) => ({ task: { id: '30100', subject: req.subject, url: 'https://my000000.crm.ondemand.com/task/30100' } })),
      ...api,
    },
    item: { getAttendees: jest.fn(async () => attendees), saveLinks: jest.fn(async (links: readonly CrmLink[]) => void saved.push([...links])) },
  });
  render(<App services={all.services} language={languageFor('en-US')} theme="light" />);
  return { ...all, saved };
}

describe('task pane: attendees and follow-up', () => {
  it("lists the attendees C4C knows with their account, and makes that account the item's primary account in one click", async () => {
    const { saved, api } = setup();
    const make = await screen.findByRole('button', { name: 'Make Acme Corp the primary account of this item' }, LAZY);
    expect(api.matchAttendees).toHaveBeenCalledWith(['pat.lee@acme.example', 'guest@elsewhere.example'], expect.anything());
    expect(screen.getByText('Not in SAP Cloud for Customer')).toBeTruthy();
    fireEvent.click(make);
    await waitFor(() => expect(saved).toHaveLength(1));
    // Linked and primary in one save; Porter stays linked, no longer primary.
    expect(saved[0]).toEqual([{ type: 'account', id: '1002', name: 'Acme Corp', primary: true }, { type: 'account', id: '1001', name: 'Porter LLC' }]);
    expect(await screen.findByText('Primary account ✓')).toBeTruthy();
  });

  it('creates a contact for an unknown attendee with the primary account and the name Outlook shows, and says so', async () => {
    const { api } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Create a contact for Hopper, Grace in SAP Cloud for Customer' }, LAZY));
    await waitFor(() => expect(api.createAttendee).toHaveBeenCalledWith({ kind: 'contact', email: 'guest@elsewhere.example', firstName: 'Grace', lastName: 'Hopper', accountId: '1001' }));
    expect(await screen.findByText('Contact Grace Hopper was created in SAP Cloud for Customer.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Create a contact for/ })).toBeNull();
  });

  it('says when C4C knew the address already instead of creating a duplicate', async () => {
    const { api } = setup({ createAttendee: jest.fn(async () => ({ created: false, record: { ...pat, email: 'guest@elsewhere.example', kind: 'lead', name: 'Grace H.' } })) });
    fireEvent.click(await screen.findByRole('button', { name: 'Create a lead for Hopper, Grace in SAP Cloud for Customer' }, LAZY));
    expect(await screen.findByText('SAP Cloud for Customer already knows this address: Lead Grace H.. Nothing was created.')).toBeTruthy();
    expect(api.createAttendee).toHaveBeenCalledWith(expect.objectContaining({ kind: 'lead' }));
  });

  it('a failed create is the one message, and the buttons stay', async () => {
    setup({ createAttendee: jest.fn(async () => { throw new ApiError('badRequest', 'SAP Cloud for Customer already has a record with this e-mail address that you cannot see.', 409, 'conflict'); }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Create a contact for Hopper, Grace in SAP Cloud for Customer' }, LAZY));
    expect(await screen.findByText(/The record couldn't be created: .*cannot see/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create a contact for Hopper, Grace in SAP Cloud for Customer' })).toBeTruthy();
  });

  it('creates the follow-up task named after the item, linked to its primary account, due a week after the meeting', async () => {
    const { api } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Create follow-up task in C4C' }, LAZY));
    await waitFor(() => expect(api.createFollowUpTask).toHaveBeenCalledWith({ subject: 'Follow-up: Quarterly review', dueDate: '2026-11-30', account: { type: 'account', id: '1001' } }));
    expect(await screen.findByText(/Follow-up task 30100 was created/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the task in SAP Cloud for Customer' }).getAttribute('href')).toBe('https://my000000.crm.ondemand.com/task/30100');
    expect(screen.getByText('The task is linked to Porter LLC.')).toBeTruthy();
  });

  it('splits display names into first and last name', () => {
    expect(splitName('Hopper, Grace', 'g@x.example')).toEqual({ firstName: 'Grace', lastName: 'Hopper' });
    expect(splitName('Mary Ann  Evans', 'm@x.example')).toEqual({ firstName: 'Mary Ann', lastName: 'Evans' });
    expect(splitName('Cher', 'c@x.example')).toEqual({ lastName: 'Cher' });
    expect(splitName(null, 'kim.lee@x.example')).toEqual({ lastName: 'kim.lee' });
  });
});
