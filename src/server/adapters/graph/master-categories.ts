// The mailbox's master category list (`/users/{id}/outlook/masterCategories`, permission MailboxSettings.ReadWrite):
// read it, create the missing sync categories. Graph answers a create whose name exists with 409; that is someone
// else (the add-in, another process) creating it meanwhile, and counts as present.
import type { Mailbox } from '../../domain/mailbox.js';
import type { MasterCategory } from '../../domain/master-categories.js';
import { PortFailure } from '../../ports/write-results.js';
import { userPath } from './event-reads.js';
import { graphErrorInfo, portErrorOf } from './graph-errors.js';
import type { GraphHttp } from './graph-http.js';

interface CategoriesPage {
  value?: { displayName?: unknown }[];
  '@odata.nextLink'?: string;
}

/** The names in the master list, lower-cased (bounded paging: the list is small, but a server must not loop us). */
async function listNames(http: GraphHttp, scope: string, userId: string, maxPages = 20): Promise<Set<string>> {
  const names = new Set<string>();
  let url: string | undefined = `${userPath(userId)}/outlook/masterCategories`;
  for (let page = 0; url && page < maxPages; page++) {
    const response = await http.send(scope, { method: 'GET', url });
    if (response.status !== 200) throw new PortFailure(portErrorOf(response.status, response.body));
    const body = response.body as CategoriesPage;
    for (const category of body.value ?? []) if (typeof category.displayName === 'string') names.add(category.displayName.trim().toLowerCase());
    url = body['@odata.nextLink'];
  }
  return names;
}

export async function ensureMasterCategories(http: GraphHttp, mailbox: Mailbox, wanted: readonly MasterCategory[]): Promise<string[]> {
  if (wanted.length === 0) return [];
  const userId = http.options.userIdOf(mailbox);
  const scope = userId.toLowerCase();
  const existing = await listNames(http, scope, userId);
  const created: string[] = [];
  for (const category of wanted) {
    if (existing.has(category.displayName.trim().toLowerCase())) continue;
    const response = await http.send(scope, { method: 'POST', url: `${userPath(userId)}/outlook/masterCategories`, body: { displayName: category.displayName, color: category.color } });
    if (response.status === 201 || response.status === 200) created.push(category.displayName);
    else if (response.status === 409 || /duplicate/i.test(graphErrorInfo(response.body).code)) continue;
    else throw new PortFailure(portErrorOf(response.status, response.body));
  }
  return created;
}
