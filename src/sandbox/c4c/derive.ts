// Read-only fields C4C fills itself: code texts (XText from X's value help), party names and e-mails from the
// party ids (OwnerName, AccountName, an involved party's Name and EMail, …), and the party UUIDs when only the
// readable id was sent. Keeps the emulated records looking like the real ones without the client sending them.
import { tenantCodeList } from './code-lists.js';
import type { StoredRecord } from './edm-values.js';
import type { EntitySetDef } from './schema.js';
import type { C4cStore } from './store.js';

interface Party {
  uuid: string | null;
  name: string;
  email: string | null;
  typeCode: string;
}

const PARTY_SOURCES: [set: string, idProp: string, nameProp: string, uuidProp: string, typeCode: string][] = [
  ['EmployeeCollection', 'EmployeeID', 'BusinessPartnerFormattedName', 'UUID', '147'],
  ['CorporateAccountCollection', 'AccountID', 'Name', 'UUID', '159'],
  ['ContactCollection', 'ContactID', 'Name', 'ContactUUID', '167'],
  ['IndividualCustomerCollection', 'CustomerID', 'FormattedName', 'UUID', '159'],
];

export function findParty(store: C4cStore, partyId: string): Party | undefined {
  for (const [set, idProp, nameProp, uuidProp, typeCode] of PARTY_SOURCES) {
    const id = store.index(set, idProp).lookup(partyId, true)[0];
    const row = id === undefined ? undefined : store.get(set, id);
    if (!row) continue;
    const v = row.values;
    const email = v['Email'] ?? v['WorkplaceEmail'] ?? null;
    return { uuid: (v[uuidProp] as string | null) ?? null, name: String(v[nameProp] ?? ''), email: typeof email === 'string' ? email : null, typeCode };
  }
  return undefined;
}

/**
 * [readable id property, uuid property, read-only name property] on activity headers. Appointments name the
 * account's UUID `Account` and its name `AccountName`; Tasks name the UUID `AccountUUID` and the name `Account`
 * (likewise PrimaryContact, Processor), so a uuid is only written into an Edm.Guid property.
 */
const HEADER_LINKS: [string, string, string][] = [
  ['OwnerPartyID', 'Owner', 'OwnerName'],
  ['OrganizerPartyID', 'OrganizerUUID', 'OrganizerName'],
  // Visits name the organizer's UUID `Organizer` (and have no read-only organizer name).
  ['OrganizerPartyID', 'Organizer', 'OrganizerName'],
  ['MainAccountPartyID', 'Account', 'AccountName'],
  ['MainContactPartyID', 'PrimaryContact', 'PrimaryContactName'],
  ['ProcessorPartyID', 'ProcessorUUID', 'ProcessorName'],
  ['MainAccountPartyID', 'AccountUUID', 'Account'],
  ['MainContactPartyID', 'PrimaryContactUUID', 'PrimaryContact'],
  ['ProcessorPartyID', 'ProcessorUUID', 'Processor'],
];

function setIfPresent(set: EntitySetDef, values: StoredRecord, prop: string, value: string | null, onlyIfEmpty = false): void {
  const p = set.type.properties.get(prop);
  if (!p) return;
  if (onlyIfEmpty && values[prop] != null) return;
  values[prop] = value !== null && p.maxLength !== undefined ? value.slice(0, p.maxLength) : value;
}

export function deriveReadOnlyFields(store: C4cStore, set: EntitySetDef, values: StoredRecord): void {
  const props = set.type.properties;
  for (const [name, p] of props) {
    const text = props.get(`${name}Text`);
    if (p.valueHelp && text && !text.creatable) {
      const code = values[name];
      values[`${name}Text`] = typeof code === 'string' ? (tenantCodeList(store, p.valueHelp).find((c) => c.Code === code)?.Description ?? null) : null;
    }
  }
  const fullName = [values['FirstName'], values['LastName']].filter((v) => typeof v === 'string' && v !== '').join(' ');
  for (const nameProp of ['Name', 'FormattedName', 'BusinessPartnerFormattedName']) {
    if (fullName && props.get(nameProp)?.creatable === false && props.has('LastName')) setIfPresent(set, values, nameProp, fullName);
  }
  for (const [idProp, uuidProp, nameProp] of HEADER_LINKS) {
    const partyId = values[idProp];
    if (!props.has(idProp) || typeof partyId !== 'string') continue;
    const party = findParty(store, partyId);
    if (!party) continue;
    if (props.get(nameProp)?.creatable === false) setIfPresent(set, values, nameProp, party.name);
    if (party.uuid && props.get(uuidProp)?.type === 'Edm.Guid') setIfPresent(set, values, uuidProp, party.uuid, true);
  }
  // A task's processor e-mail follows its processor (C4C fills it from the employee; a reassignment changes it).
  const processor = values['ProcessorPartyID'];
  if (typeof processor === 'string' && props.has('ProcessorEmailURI')) {
    const email = findParty(store, processor)?.email;
    if (email) setIfPresent(set, values, 'ProcessorEmailURI', email);
  }
  // Document headers: every XPartyID with a read-only XPartyName sibling (BuyerPartyName, ProspectPartyName, …).
  for (const name of props.keys()) {
    const value = values[name];
    const nameProp = `${name.slice(0, -2)}Name`;
    if (!name.endsWith('PartyID') || typeof value !== 'string' || props.get(nameProp)?.creatable !== false) continue;
    const party = findParty(store, value);
    if (party) setIfPresent(set, values, nameProp, party.name);
  }
  if (typeof values['AccountID'] === 'string' && props.get('AccountFormattedName')?.creatable === false) {
    setIfPresent(set, values, 'AccountFormattedName', findParty(store, values['AccountID'])?.name ?? null);
  }
  const partyId = values['PartyID'];
  if (typeof partyId === 'string' && set.type.parentType) {
    const party = findParty(store, partyId);
    if (party) {
      for (const nameProp of ['Name', 'PartyName']) if (props.get(nameProp)?.creatable === false) setIfPresent(set, values, nameProp, party.name);
      for (const mailProp of ['EMail', 'EmailURI']) if (props.get(mailProp)?.creatable === false) setIfPresent(set, values, mailProp, party.email);
      setIfPresent(set, values, 'PartyUUID', party.uuid, true);
      setIfPresent(set, values, 'PartyTypeCode', party.typeCode, true);
    }
  }
}
