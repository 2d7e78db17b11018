// Outlook personal contacts under /users/{id|upn} and /me (learn.microsoft.com contactfolder-list-contacts,
// user-post-contacts, contact-get/-update/-delete): /contacts is the default Contacts folder for lists and creates
// and any folder for one contact (ids are unique in the mailbox); /contactFolders/{id}/contacts is that folder.
// Lists take $filter (incl. categories/any and singleValueExtendedProperties/Any), $select, $orderby, $top/$skip
// paging and $expand=singleValueExtendedProperties($filter=…); PATCH and DELETE honour If-Match (412 when stale).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../errors.js';
import { parseODataQuery, type ODataQuery } from '../odata/query.js';
import { applySelect, etagOf } from '../present.js';
import type { GraphStore, Mailbox } from '../store/graph-store.js';
import { contactWriteSchema, type StoredContact, type StoredContactFolder } from '../contacts/contact-model.js';
import { createContact, deleteContact, findContact, updateContact } from '../contacts/contact-ops.js';
import { presentContact } from '../contacts/present-contact.js';
import { CONTACTS_DEFAULT_PAGE, contactsContext, contactsMailbox, folderOf, wellFormed } from './contact-folders.js';
import { baseUrl, checkIfMatch, filterOrderPage, parseBody, routeForMailboxes, type Params, type Query } from './helpers.js';

export const CONTACT_TYPE = 'microsoft.graph.contact';
const COLLECTIONS = ['/contacts', '/contactFolders/:folderId/contacts'];
const ITEMS = COLLECTIONS.map((c) => `${c}/:contactId`);

interface Located {
  mailbox: Mailbox;
  folder: StoredContactFolder;
  contact: StoredContact;
}

/** A contact's JSON as a GET shows it: extended properties only as expanded, then $select. */
export function renderContact(contact: StoredContact, query: ODataQuery): Record<string, unknown> {
  return applySelect(presentContact(contact, { extendedProperties: query.expandExtendedProperties }), query.select, CONTACT_TYPE);
}

export function registerContactRoutes(app: FastifyInstance, store: GraphStore): void {
  const collectionContext = (req: FastifyRequest, mailbox: Mailbox, folder: StoredContactFolder) =>
    contactsContext(req, mailbox, (req.params as Params).folderId === undefined ? 'contacts' : `contactFolders('${folder.id}')/contacts`);
  const locate = (req: FastifyRequest): Located => {
    const mailbox = contactsMailbox(store, req);
    const id = wellFormed((req.params as Params).contactId ?? '');
    if ((req.params as Params).folderId === undefined) return { mailbox, ...findContact(mailbox, id) };
    // Through a folder's path, only that folder's contacts are found.
    const folder = folderOf(mailbox, req);
    const contact = folder.contacts.get(id);
    if (!contact) throw notFound();
    return { mailbox, folder, contact };
  };
  const entity = (req: FastifyRequest, located: Pick<Located, 'mailbox' | 'folder'>) => `${collectionContext(req, located.mailbox, located.folder)}/$entity`;

  routeForMailboxes(app, 'GET', COLLECTIONS, async (req, reply: FastifyReply) => {
    const mailbox = contactsMailbox(store, req);
    const folder = folderOf(mailbox, req);
    const query = parseODataQuery(req.query as Query, CONTACT_TYPE);
    const contacts = folder.contacts;
    // $filter sees every extended property (singleValueExtendedProperties/Any(…)); a page shows only expanded ones.
    const all = [...contacts.values()].map((c) => presentContact(c, { extendedProperties: null }));
    const { page, nextLink } = filterOrderPage(req, reply, all, query, CONTACTS_DEFAULT_PAGE);
    return {
      '@odata.context': collectionContext(req, mailbox, folder),
      value: page.map((item) => renderContact(contacts.get(item.id as string) as StoredContact, query)),
      ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    };
  });

  routeForMailboxes(app, 'POST', COLLECTIONS, async (req, reply) => {
    const mailbox = contactsMailbox(store, req);
    const folder = folderOf(mailbox, req);
    const input = parseBody(contactWriteSchema, req.body, CONTACT_TYPE);
    const contact = createContact(store, mailbox, folder, input);
    return reply.code(201).header('location', `${baseUrl(req)}/v1.0/users/${mailbox.user.id}/contacts/${contact.id}`)
      .send({ '@odata.context': entity(req, { mailbox, folder }), ...presentContact(contact) });
  });

  routeForMailboxes(app, 'GET', ITEMS, async (req) => {
    const located = locate(req);
    return { '@odata.context': entity(req, located), ...renderContact(located.contact, parseODataQuery(req.query as Query, CONTACT_TYPE)) };
  });

  routeForMailboxes(app, 'PATCH', ITEMS, async (req) => {
    const located = locate(req);
    checkIfMatch(req, etagOf(located.contact.changeKey));
    const input = parseBody(contactWriteSchema, req.body, CONTACT_TYPE);
    updateContact(store, located.mailbox, located.contact, input);
    return { '@odata.context': entity(req, located), ...presentContact(located.contact) };
  });

  routeForMailboxes(app, 'DELETE', ITEMS, async (req, reply) => {
    const located = locate(req);
    checkIfMatch(req, etagOf(located.contact.changeKey));
    deleteContact(store, located.mailbox, located.folder, located.contact);
    return reply.code(204).send();
  });
}
