// Graph operations that only tests use, kept out of the adapter (src/server/adapters/graph): one event by id, one
// item's categories, the mailbox's master categories, deleting a subscription, and the sync window rounded to UTC
// days. They run over the adapter's GraphHttp, so they share its token cache, throttling and error mapping.
import { DEFAULT_CATEGORIES } from '../../src/shared/categories.js';
import type { GraphCalendarSource } from '../../src/server/adapters/graph/index.js';
import { eventPath, isGraphEvent, retryAfterOf, userPath } from '../../src/server/adapters/graph/event-reads.js';
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

/** Outlook's colour presets: preset0 Red … preset7 Blue … preset24 DarkCranberry, or none. */
export type CategoryColor = 'none' | `preset${number}`;

export interface MasterCategory {
  displayName: string;
  color: CategoryColor;
}

/** The sync's categories with their colours: Appointment blue, Visit green, Error red. */
export function syncMasterCategories(names: { appointment: string; visit: string; error: string } = DEFAULT_CATEGORIES): MasterCategory[] {
  return [
    { displayName: names.appointment, color: 'preset7' },
    { displayName: names.visit, color: 'preset4' },
    { displayName: names.error, color: 'preset0' },
  ];
}

/**
 * Makes sure the mailbox's master category list has `wanted` (matched case-insensitively, as Outlook does).
 * Existing entries keep the colour the user gave them. Returns the names it created.
 */
export async function ensureMasterCategories(adapter: Adapter, mailbox: Mailbox, wanted: readonly MasterCategory[] = syncMasterCategories()): Promise<string[]> {
  const { http } = adapter;
  const userId = http.options.userIdOf(mailbox);
  const scope = userId.toLowerCase();
  const url = `${userPath(userId)}/outlook/masterCategories`;
  const list = await http.send(scope, { method: 'GET', url });
  if (!ok2xx(list.status)) fail(list);
  const existing = new Set(
    ((list.body as { value?: { displayName?: unknown }[] } | undefined)?.value ?? [])
      .map((c) => (typeof c.displayName === 'string' ? c.displayName.toLowerCase() : ''))
      .filter(Boolean),
  );
  const created: string[] = [];
  for (const category of wanted) {
    if (existing.has(category.displayName.toLowerCase())) continue;
    const response = await http.send(scope, { method: 'POST', url, body: { displayName: category.displayName, color: category.color } });
    // 409: created meanwhile (another session, or the user) - which is what we wanted.
    if (response.status === 409) continue;
    if (!ok2xx(response.status)) fail(response);
    created.push(category.displayName);
    existing.add(category.displayName.toLowerCase());
  }
  return created;
}

/** The one sync window rule (domain/sync-window.ts), for the adapter tests. */
export { syncWindowAround } from '../../src/server/domain/sync-window.js';
