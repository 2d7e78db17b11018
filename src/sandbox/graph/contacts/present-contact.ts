// Renders contacts and contact folders as Graph JSON in the shape of the learn.microsoft.com samples (contact-get,
// user-list-contactfolders): properties in the sample's order, unset text as null (displayName, fileAs and
// personalNotes as ""), empty collections as [] and unset addresses as {}. Extended properties appear only when
// expanded, as on events.
import type { Expr } from '../odata/filter.js';
import { etagOf, expandedExtendedProperties } from '../present.js';
import type { StoredContact, StoredContactFolder } from './contact-model.js';

export interface ContactPresentOptions {
  /** $expand=singleValueExtendedProperties(…): undefined = not expanded, null = all of them. */
  extendedProperties?: Expr | null;
}

export function presentContact(contact: StoredContact, options: ContactPresentOptions = {}): Record<string, unknown> {
  const f = contact.fields;
  const out: Record<string, unknown> = {
    '@odata.etag': etagOf(contact.changeKey),
    id: contact.id,
    createdDateTime: contact.createdDateTime,
    lastModifiedDateTime: contact.lastModifiedDateTime,
    changeKey: contact.changeKey,
    categories: [...f.categories],
    parentFolderId: contact.folderId,
    birthday: f.birthday,
    fileAs: f.fileAs,
    displayName: f.displayName,
    givenName: f.givenName,
    initials: f.initials,
    middleName: f.middleName,
    nickName: f.nickName,
    surname: f.surname,
    title: f.title,
    yomiGivenName: f.yomiGivenName,
    yomiSurname: f.yomiSurname,
    yomiCompanyName: f.yomiCompanyName,
    generation: f.generation,
    imAddresses: [...f.imAddresses],
    jobTitle: f.jobTitle,
    companyName: f.companyName,
    department: f.department,
    officeLocation: f.officeLocation,
    profession: f.profession,
    businessHomePage: f.businessHomePage,
    assistantName: f.assistantName,
    manager: f.manager,
    homePhones: [...f.homePhones],
    mobilePhone: f.mobilePhone,
    businessPhones: [...f.businessPhones],
    spouseName: f.spouseName,
    personalNotes: f.personalNotes,
    children: [...f.children],
    emailAddresses: f.emailAddresses.map((e) => ({ ...e })),
    homeAddress: { ...f.homeAddress },
    businessAddress: { ...f.businessAddress },
    otherAddress: { ...f.otherAddress },
  };
  const expanded = expandedExtendedProperties(contact.extendedProperties, options.extendedProperties);
  if (expanded) out.singleValueExtendedProperties = expanded;
  return out;
}

/** contactFolder has no etag or changeKey in v1.0: just its id, name and parent (resources/contactfolder). */
export function presentContactFolder(folder: StoredContactFolder): Record<string, unknown> {
  return { id: folder.id, displayName: folder.displayName, parentFolderId: folder.parentFolderId };
}
