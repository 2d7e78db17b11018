// The items our creates made that the user has deleted since: found in the mailbox's Deleted Items folder by the
// pair id every create from C4C is stamped with (a single-value extended property, domain/graph-payloads.ts).
// Exchange moves a deleted event there (it is not destroyed unless permanently deleted) and keeps its extended
// properties, so a session that died before it learned the id of its create can still tell "created, then deleted
// by the user" from "never created" (sync/run/deleted-creates.ts). One GET per pair id: asked only for creates a
// crashed session may have made.
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
export async function findDeletedCreates(http: GraphHttp, mailbox: Mailbox, pairIds: readonly string[]): Promise<Map<string, string>> {
  const userId = http.options.userIdOf(mailbox);
  const found = new Map<string, string>();
  await pMap([...new Set(pairIds)], async (pairId) => {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${literal(PAIR_ID_PROPERTY_ID)} and ep/value eq ${literal(pairId)})`;
    const url = `${userPath(userId)}/mailFolders/deleteditems/messages?$filter=${encodeURIComponent(filter)}&$select=id&$top=1`;
    const response = await http.send(userId.toLowerCase(), { method: 'GET', url });
    if (response.status < 200 || response.status >= 300) throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
    const [item] = ((response.body as { value?: { id?: unknown }[] }).value ?? []);
    if (typeof item?.id === 'string') found.set(pairId, item.id);
  }, { concurrency: AT_ONCE });
  return found;
}
