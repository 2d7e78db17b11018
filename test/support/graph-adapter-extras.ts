// Graph operations that only tests use, kept out of the adapter (src/server/adapters/graph): one event by id, one
// item's categories, deleting a subscription, and the sync window rounded to UTC days. They run over the adapter's GraphHttp, so they share its token cache, throttling and error mapping.
import type { GraphCalendarSource } from '../../src/server/adapters/graph/index.js';
import { eventPath, isGraphEvent, retryAfterOf } from '../../src/server/adapters/graph/event-reads.js';
import { portErrorOf } from '../../src/server/adapters/graph/graph-errors.js';
import { EVENT_PREFER, type GraphResponse } from '../../src/server/adapters/graph/graph-http.js';
import type { Mailbox } from '../../src/server/domain/mailbox.js';
import { normalizeGraphEvent } from '../../src/server/domain/normalize-graph.js';
import type { OutlookItem } from '../../src/server/domain/snapshots.js';
import { PortFailure } from '../../src/server/ports/write-results.js';

type Adapter = Pick<GraphCalendarSource, 'http' | 'getItems'>;

function fail(response: GraphResponse): never {
  throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
}

const ok2xx = (status: number) => status >= 200 && status < 300;

/** One event with its links, or `{removed: true}` when it no longer exists. */
export async function getEvent(adapter: Adapter, mailbox: Mailbox, id: string): Promise<OutlookItem> {
  const [item] = await adapter.getItems(mailbox, [id]);
  return item ?? { removed: true, id };
}

/**
 * Replaces one item's categories (no If-Match) and returns the item as it is afterwards. Throws PortFailure
 * (`notFound` when the item is gone).
 */
export async function setCategories(adapter: Adapter, mailbox: Mailbox, itemId: string, categories: readonly string[]): Promise<OutlookItem> {
  const { http } = adapter;
  const userId = http.options.userIdOf(mailbox);
  const response = await http.send(userId.toLowerCase(), {
    method: 'PATCH',
    url: eventPath(userId, itemId),
    headers: { prefer: EVENT_PREFER },
    body: { categories: [...new Set(categories)] },
  });
  if (!ok2xx(response.status) || !isGraphEvent(response.body)) fail(response);
  return normalizeGraphEvent(response.body, { addinId: http.options.addinId });
}

/** The one sync window rule (domain/sync-window.ts), for the adapter tests. */
export { syncWindowAround } from '../../src/server/domain/sync-window.js';
