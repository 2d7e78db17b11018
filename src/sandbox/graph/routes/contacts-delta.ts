// /contactFolders/{id}/contacts/delta (learn.microsoft.com contact-delta): initial and incremental rounds over one
// folder, paged with Prefer: odata.maxpagesize, nextLink ($skiptoken) / deltaLink ($deltatoken), `@removed` for
// contacts deleted or moved out of the folder, 410 SyncStateNotFound for expired or foreign tokens. $select of the
// first call is kept in the tokens (the docs name it); so is $expand=singleValueExtendedProperties(…), which
// message delta documents and the sandbox allows here too.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { badRequest } from '../errors.js';
import { DeltaTokenCodec, type DeltaState } from '../delta-tokens.js';
import { parseODataQuery } from '../odata/query.js';
import type { GraphSandboxState } from '../sandbox-state.js';
import { contactsMailbox, folderOf } from './contact-folders.js';
import { CONTACT_TYPE, renderContact } from './contacts.js';
import { deltaPage, roundEntries, syncStateNotFound } from './delta-paging.js';
import { baseUrl, preferences, routeForMailboxes, type Query } from './helpers.js';

const DEFAULT_DELTA_PAGE = 10;
/** A Microsoft Q&A answer (contact delta, 2025) reports pages capped at 200 contacts whatever the Prefer asks. */
export const MAX_CONTACT_DELTA_PAGE = 200;

export function registerContactDeltaRoute(app: FastifyInstance, sandbox: GraphSandboxState): void {
  const codec = new DeltaTokenCodec(sandbox.deltaKey, 'contacts');
  const store = sandbox.store;

  routeForMailboxes(app, 'GET', ['/contactFolders/:folderId/contacts/delta'], async (req, reply: FastifyReply) => {
    const mailbox = contactsMailbox(store, req);
    const folder = folderOf(mailbox, req);
    const q = req.query as Query;
    const token = (q.$skiptoken ?? q.$deltatoken) as string | undefined;
    let state: DeltaState;
    if (token !== undefined) {
      const decoded = codec.decode(String(token));
      if (!decoded || decoded.epoch !== sandbox.tokenEpoch || decoded.folderId === undefined) throw syncStateNotFound(req);
      if (decoded.mailboxId !== mailbox.user.id || decoded.folderId !== folder.id) throw badRequest('The delta token belongs to another contact folder.', 'ErrorInvalidParameter');
      // A delta token opens the next round: everything changed since the last one, up to now.
      state = q.$deltatoken !== undefined ? { ...decoded, base: decoded.high, high: store.seq, after: undefined } : decoded;
    } else {
      const { $top: _top, ...rest } = q;
      const odata = parseODataQuery(rest, CONTACT_TYPE);
      if (odata.filter || odata.orderBy || odata.skip !== undefined) throw badRequest('Only $select, $top and $expand are supported on contact delta.', 'ErrorInvalidParameter');
      state = {
        epoch: sandbox.tokenEpoch, mailboxId: mailbox.user.id, folderId: folder.id, from: 0, to: 0, base: 0, high: store.seq,
        expand: typeof q.$expand === 'string' ? q.$expand : undefined,
        select: typeof q.$select === 'string' ? q.$select : undefined,
      };
    }
    const top = typeof q.$top === 'string' && /^\d+$/.test(q.$top) ? Number(q.$top) : undefined;
    const pageSize = Math.min(MAX_CONTACT_DELTA_PAGE, preferences(req, reply).maxPageSize ?? top ?? DEFAULT_DELTA_PAGE);
    const { page, links } = deltaPage(req, codec, state, roundEntries(folder.contacts.values(), folder.tombstones, state), pageSize);
    const query = parseODataQuery({ ...(state.expand ? { $expand: state.expand } : {}), ...(state.select ? { $select: state.select } : {}) }, CONTACT_TYPE);
    const value = page.map((entry) => (entry.item ? renderContact(entry.item, query) : { id: entry.id, '@removed': { reason: 'deleted' } }));
    return { '@odata.context': `${baseUrl(req)}/v1.0/$metadata#Collection(contact)`, ...links, value };
  });
}
