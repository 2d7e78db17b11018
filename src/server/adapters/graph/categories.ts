// Categories outside the batch path: one item's categories (the task pane's fallback when Office.js cannot write
// them), and the mailbox's master category list, where the sync categories get their colours (API-NOTES B.4).
import { DEFAULT_CATEGORIES } from '../../../shared/categories.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { OutlookItem } from '../../domain/snapshots.js';
import { normalizeGraphEvent } from '../../domain/normalize-graph.js';
import { PortFailure } from '../../ports/write-results.js';
import { eventPath, isGraphEvent, retryAfterOf, userPath } from './event-reads.js';
import { portErrorOf } from './graph-errors.js';
import { EVENT_PREFER, type GraphHttp, type GraphResponse } from './graph-http.js';

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

function fail(response: GraphResponse): never {
  throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
}

const ok2xx = (status: number) => status >= 200 && status < 300;

/**
 * Replaces one item's categories (no If-Match: a category write must not lose against a concurrent edit) and
 * returns the item as it is afterwards. Throws PortFailure (`notFound` when the item is gone).
 */
export async function setItemCategories(http: GraphHttp, mailbox: Mailbox, itemId: string, categories: readonly string[]): Promise<OutlookItem> {
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

/**
 * Makes sure the mailbox's master category list has `wanted` (matched case-insensitively, as Outlook does).
 * Existing entries keep the colour the user gave them. Returns the names it created.
 */
export async function ensureMasterCategories(http: GraphHttp, mailbox: Mailbox, wanted: readonly MasterCategory[] = syncMasterCategories()): Promise<string[]> {
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
