// The meeting's attendees for recognising them in C4C (src/addin/office/attendees.ts): required and optional, from
// the read form's arrays and the compose form's getAsync, lower-cased, once each, without the user's own address.
import { fakeMailbox, installOutlookMock } from './outlook-mock.js';

const { getAttendeeEmails, getAttendees } = await import('../../../src/addin/office/attendees.js');

describe('attendee addresses (office-addin-mock)', () => {
  const attendees = { requiredAttendees: ['Ava.Adams@contoso.example', 'pat.lee@porter.example'], optionalAttendees: ['PAT.LEE@porter.example', 'ben.baker@contoso.example', 'no address'] };

  it('reads them in a read form', async () => {
    installOutlookMock(fakeMailbox({ mode: 'read', ...attendees }));
    expect(await getAttendeeEmails()).toEqual(['pat.lee@porter.example', 'ben.baker@contoso.example']);
  });

  it('reads them through getAsync in a compose form, and gives none for an appointment without attendees', async () => {
    installOutlookMock(fakeMailbox({ mode: 'compose', ...attendees }));
    expect(await getAttendeeEmails()).toEqual(['pat.lee@porter.example', 'ben.baker@contoso.example']);
    installOutlookMock(fakeMailbox({ mode: 'read' }));
    expect(await getAttendeeEmails()).toEqual([]);
  });

  it('gives each attendee with the name Outlook shows (the first one given for the address)', async () => {
    installOutlookMock(fakeMailbox({ mode: 'read', ...attendees }));
    expect(await getAttendees()).toEqual([
      { email: 'pat.lee@porter.example', name: 'pat.lee' },
      { email: 'ben.baker@contoso.example', name: 'ben.baker' },
    ]);
  });
});
