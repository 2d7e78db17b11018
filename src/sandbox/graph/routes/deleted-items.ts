// GET /users/{id|upn}/mailFolders/deleteditems/messages (and /me/…): the items of the Deleted Items folder, by its
// well-known name, with $filter (singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…'), the
// pattern learn.microsoft.com singlevaluelegacyextendedproperty-get documents for a mail folder's messages), $select,
// $top/$skip paging and $expand=singleValueExtendedProperties(…). The sandbox's Deleted Items hold only the events
// and contacts users deleted (store/deleted-items.ts), shown with the properties every Outlook item has. Other folders: 404.
// An assumption, not verified on a real tenant: that the folder's `messages` list a deleted contact. Graph documents
// only that a deleted contact goes to Deleted Items; one public report (microsoft-graph-docs-contrib#404) saw such an
// item counted but not listed. The service's use of it can only help (docs/reliability.md).
import type { FastifyInstance } from 'fastify';
import { resolveMailbox } from '../auth.js';
import { notFound } from '../errors.js';
import { parseODataQuery, type ODataQuery } from '../odata/query.js';
import { applySelect, etagOf, expandedExtendedProperties } from '../present.js';
import type { GraphStore } from '../store/graph-store.js';
import type { DeletedItem } from '../model.js';
import { baseUrl, filterOrderPage, routeForMailboxes, type Params, type Query } from './helpers.js';

const MESSAGE_TYPE = 'microsoft.graph.message';
const DEFAULT_PAGE = 10;

function present(item: DeletedItem, extendedProperties: ODataQuery['expandExtendedProperties']): Record<string, unknown> {
  const out: Record<string, unknown> = {
    '@odata.etag': etagOf(item.changeKey),
    id: item.id,
    createdDateTime: item.createdDateTime,
    lastModifiedDateTime: item.lastModifiedDateTime,
    changeKey: item.changeKey,
    categories: [...item.categories],
    subject: item.subject,
  };
  const expanded = expandedExtendedProperties(item.extendedProperties, extendedProperties);
  if (expanded) out.singleValueExtendedProperties = expanded;
  return out;
}

export function registerDeletedItemsRoute(app: FastifyInstance, store: GraphStore): void {
  routeForMailboxes(app, 'GET', ['/mailFolders/:folderId/messages'], async (req, reply) => {
    const mailbox = resolveMailbox(store, req, (req.params as Params).userId);
    if ((req.params as Params).folderId?.toLowerCase() !== 'deleteditems') throw notFound();
    const query = parseODataQuery(req.query as Query, MESSAGE_TYPE);
    const items = [...mailbox.deletedItems.values()];
    // $filter sees every extended property; a page shows only the expanded ones.
    const { page, nextLink } = filterOrderPage(req, reply, items.map((i) => present(i, null)), query, DEFAULT_PAGE);
    return {
      '@odata.context': `${baseUrl(req)}/v1.0/$metadata#users('${mailbox.user.id}')/mailFolders('deleteditems')/messages`,
      value: page.map((row) => applySelect(present(mailbox.deletedItems.get(row.id as string) as DeletedItem, query.expandExtendedProperties), query.select, MESSAGE_TYPE)),
      ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    };
  });
}
