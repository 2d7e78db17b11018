// The items our creates made that the user has deleted since: found in the mailbox's Deleted Items folder by a
// single-value extended property the create stamped on them: the pair id of an event (domain/graph-payloads.ts),
// the record property of a contact copy (normalize-graph-contact.ts). Exchange moves a deleted event or contact there
// (it is not destroyed unless permanently deleted) and keeps its extended properties, so a session that died before
// it learned the id of its create can still tell "created, then deleted by the user" from "never created"
// (sync/run/deleted-creates.ts). One GET per pair: asked only for creates a crashed session may have made.
import pMap from 'p-map';
import { PAIR_ID_PROPERTY_ID } from '../../domain/graph-payloads.js';
import type { Mailbox } from '../../domain/mailbox.js';
import { PortFailure } from '../../ports/write-results.js';
import { portErrorOf } from './graph-errors.js';
import { retryAfterOf, userPath } from './event-reads.js';
import type { GraphHttp } from './graph-http.js';

/** Look-ups at once per mailbox (the per-mailbox limiter allows 4 requests in flight). */
const AT_ONCE = 2;

/** OData string literal: a quote is doubled. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** pair id → the id of the deleted item stamped with it, for the pair ids found in Deleted Items. */
export function findDeletedCreates(http: GraphHttp, mailbox: Mailbox, pairIds: readonly string[]): Promise<Map<string, string>> {
  return findDeletedByProperty(http, mailbox, PAIR_ID_PROPERTY_ID, new Map(pairIds.map((id) => [id, { value: id }])));
}

/** What a deleted item is looked up by: the property's value, and the time before which it cannot have been made. */
export interface DeletedItemKey {
  value: string;
  notBefore?: string;
}

/** Items stamped alike looked at per pair: the copies of a record's earlier times on a list, and this create's. */
const PER_KEY = 10;

/**
 * pair id → the id of the deleted item whose single-value extended property `propertyId` holds the pair's value
 * (`values`: pair id → value), for the pairs found in Deleted Items. The contact copies carry no pair id: they are
 * looked up by their record property (graph-contact-source.ts).
 */
export async function findDeletedByProperty(http: GraphHttp, mailbox: Mailbox, propertyId: string, keys: ReadonlyMap<string, DeletedItemKey>): Promise<Map<string, string>> {
  const userId = http.options.userIdOf(mailbox);
  const found = new Map<string, string>();
  await pMap([...keys], async ([pairId, { value, notBefore }]) => {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${literal(propertyId)} and ep/value eq ${literal(value)})`;
    const url = `${userPath(userId)}/mailFolders/deleteditems/messages?$filter=${encodeURIComponent(filter)}&$select=id,createdDateTime&$top=${PER_KEY}`;
    const response = await http.send(userId.toLowerCase(), { method: 'GET', url });
    if (response.status < 200 || response.status >= 300) throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
    const items = ((response.body as { value?: { id?: unknown; createdDateTime?: unknown }[] }).value ?? []);
    // Graph's createdDateTime has whole seconds: a copy made in the second its record joined the list reads as made
    // at the start of that second, so the bound is taken down to the second too.
    const since = notBefore ? Math.floor(Date.parse(notBefore) / 1000) * 1000 : Number.NEGATIVE_INFINITY;
    const item = items.find((i) => typeof i.id === 'string' && (typeof i.createdDateTime !== 'string' ? !notBefore : Date.parse(i.createdDateTime) >= since));
    if (typeof item?.id === 'string') found.set(pairId, item.id);
  }, { concurrency: AT_ONCE });
  return found;
}
