// Deterministic demo contacts: every demo user has three personal contacts of their own in the default "Contacts"
// folder (a plumber, a dentist, a friend, …), one of them marked private, so tests can show that a sync into a
// separate folder leaves them alone. Seeded contacts take no version from the store (seq 0, ids and change keys
// hashed from the user id), so adding them left every seeded event and task id and the change sequence as they were.
import type { GraphStore } from '../store/graph-store.js';
import { DAY_MS, isoNoMillis } from '../time.js';
import { userDigest, type ContactWrite } from './contact-model.js';
import { contactFromWrite, defaultFolderOf } from './contact-ops.js';

/** MAPI PidTagSensitivity (0x0036, PT_LONG): 2 = private, the way Outlook marks a private item. */
export const SENSITIVITY_PROPERTY = 'Integer 0x36';

const PEOPLE: ContactWrite[] = [
  { givenName: 'Nora', surname: 'Lindqvist', jobTitle: 'Carpenter', companyName: 'Lindqvist Carpentry', mobilePhone: '+46 70 555 0142', emailAddresses: [{ address: 'nora@lindqvist-carpentry.example' }], categories: ['Green category'] },
  { givenName: 'Tomás', surname: 'Herrera', mobilePhone: '+34 600 555 018', homePhones: ['+34 91 555 0190'], emailAddresses: [{ name: 'Tomás', address: 'tomas.herrera@mail.example' }], personalNotes: 'Old friend from university.' },
  { givenName: 'Priya', surname: 'Raman', jobTitle: 'Dentist', companyName: 'Smile Dental Practice', businessPhones: ['+44 20 5550 0177'], businessAddress: { street: '12 High Street', city: 'London', postalCode: 'N1 7AA', countryOrRegion: 'United Kingdom' } },
  { givenName: 'Ken', surname: 'Watanabe', nickName: 'Kenny', mobilePhone: '+81 90 5550 0123', birthday: '1988-04-02', categories: ['Blue category'] },
  { givenName: 'Lucía', surname: 'Ortega', jobTitle: 'Plumber', companyName: 'Ortega Plumbing', mobilePhone: '+34 611 555 074', emailAddresses: [{ address: 'info@ortega-plumbing.example' }] },
  { givenName: 'Jonas', surname: 'Becker', homePhones: ['+49 30 5550 1123'], emailAddresses: [{ address: 'jonas.becker@mail.example' }], categories: ['Purple category'] },
];

export const SEEDED_CONTACTS_PER_USER = 3;

export function seedContactData(store: GraphStore, anchor: number): void {
  [...store.mailboxes.values()].forEach((mailbox, index) => {
    const folder = defaultFolderOf(mailbox);
    for (let k = 0; k < SEEDED_CONTACTS_PER_USER; k += 1) {
      const person = PEOPLE[(index + k) % PEOPLE.length] as ContactWrite;
      const input: ContactWrite = k === 0 ? { ...person, singleValueExtendedProperties: [{ id: SENSITIVITY_PROPERTY, value: '2' }] } : person;
      const id = `AAMkADCont${userDigest(`contact-seed-${k}`, mailbox.user.id).subarray(0, 30).toString('base64url')}AAA=`;
      const contact = contactFromWrite(id, folder, input);
      contact.changeKey = userDigest(`contact-seed-ck-${k}`, mailbox.user.id).subarray(0, 18).toString('base64');
      contact.createdDateTime = isoNoMillis(anchor - (60 - k * 7) * DAY_MS);
      contact.lastModifiedDateTime = contact.createdDateTime;
      folder.contacts.set(contact.id, contact);
    }
  });
}
