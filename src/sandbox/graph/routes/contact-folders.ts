// /users/{id|upn}/contactFolders and /me/contactFolders (learn.microsoft.com user-list-contactfolders,
// user-post-contactfolders, contactfolder-get/-update/-delete): list (the folders under the default Contacts folder,
// with $filter such as displayName eq '…', $select, $top/$skip paging), create (duplicate name → 409
// ErrorFolderExists), get, rename, delete (the default folder cannot be deleted). Shared with the contact routes:
// resolving the mailbox and a folder, and the @odata.context URLs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveMailbox } from '../auth.js';
import { badRequest } from '../errors.js';
import { isWellFormedId } from '../ids.js';
import { parseODataQuery } from '../odata/query.js';
import { applySelect } from '../present.js';
import type { GraphStore, Mailbox } from '../store/graph-store.js';
import { contactFolderWriteSchema, type StoredContactFolder } from '../contacts/contact-model.js';
import { createContactFolder, defaultFolderOf, deleteContactFolder, findContactFolder, renameContactFolder } from '../contacts/contact-ops.js';
import { presentContactFolder } from '../contacts/present-contact.js';
import { baseUrl, filterOrderPage, parseBody, routeForMailboxes, type Params, type Query } from './helpers.js';

export const FOLDER_TYPE = 'microsoft.graph.contactFolder';
/** Outlook collections come 10 a page unless $top or Prefer: odata.maxpagesize says otherwise. */
export const CONTACTS_DEFAULT_PAGE = 10;

export function contactsMailbox(store: GraphStore, req: FastifyRequest): Mailbox {
  return resolveMailbox(store, req, (req.params as Params).userId);
}

export function wellFormed(id: string): string {
  if (!isWellFormedId(id)) throw badRequest('Id is malformed.', 'ErrorInvalidIdMalformed');
  return id;
}

/** The folder named by :folderId, or the default Contacts folder for the /contacts paths. */
export function folderOf(mailbox: Mailbox, req: FastifyRequest): StoredContactFolder {
  const id = (req.params as Params).folderId;
  return id === undefined ? defaultFolderOf(mailbox) : findContactFolder(mailbox, wellFormed(id));
}

export function contactsContext(req: FastifyRequest, mailbox: Mailbox, tail: string): string {
  return `${baseUrl(req)}/v1.0/$metadata#users('${mailbox.user.id}')/${tail}`;
}

export function registerContactFolderRoutes(app: FastifyInstance, store: GraphStore): void {
  const FOLDERS = '/contactFolders';
  const FOLDER = '/contactFolders/:folderId';
  const entity = (req: FastifyRequest, mailbox: Mailbox) => contactsContext(req, mailbox, 'contactFolders/$entity');

  routeForMailboxes(app, 'GET', [FOLDERS], async (req, reply) => {
    const mailbox = contactsMailbox(store, req);
    const query = parseODataQuery(req.query as Query, FOLDER_TYPE);
    const root = defaultFolderOf(mailbox);
    const children = [...mailbox.contactFolders.values()].filter((f) => f.parentFolderId === root.id).map(presentContactFolder);
    const { page, nextLink } = filterOrderPage(req, reply, children, query, CONTACTS_DEFAULT_PAGE);
    return {
      '@odata.context': contactsContext(req, mailbox, 'contactFolders'),
      value: page.map((f) => applySelect(f, query.select, FOLDER_TYPE)),
      ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    };
  });

  routeForMailboxes(app, 'POST', [FOLDERS], async (req, reply) => {
    const mailbox = contactsMailbox(store, req);
    const input = parseBody(contactFolderWriteSchema, req.body, FOLDER_TYPE);
    if (!input.displayName) throw badRequest('displayName is required.', 'ErrorInvalidRequest');
    const folder = createContactFolder(store, mailbox, input.displayName);
    return reply.code(201).header('location', `${baseUrl(req)}/v1.0/users/${mailbox.user.id}/contactFolders/${folder.id}`)
      .send({ '@odata.context': entity(req, mailbox), ...presentContactFolder(folder) });
  });

  routeForMailboxes(app, 'GET', [FOLDER], async (req) => {
    const mailbox = contactsMailbox(store, req);
    const query = parseODataQuery(req.query as Query, FOLDER_TYPE);
    return { '@odata.context': entity(req, mailbox), ...applySelect(presentContactFolder(folderOf(mailbox, req)), query.select, FOLDER_TYPE) };
  });

  routeForMailboxes(app, 'PATCH', [FOLDER], async (req) => {
    const mailbox = contactsMailbox(store, req);
    const folder = folderOf(mailbox, req);
    const input = parseBody(contactFolderWriteSchema, req.body, FOLDER_TYPE);
    if (input.displayName !== undefined && input.displayName !== folder.displayName) renameContactFolder(mailbox, folder, input.displayName);
    return { '@odata.context': entity(req, mailbox), ...presentContactFolder(folder) };
  });

  routeForMailboxes(app, 'DELETE', [FOLDER], async (req, reply) => {
    const mailbox = contactsMailbox(store, req);
    deleteContactFolder(store, mailbox, folderOf(mailbox, req));
    return reply.code(204).send();
  });
}
