// The Microsoft Graph implementation of GroupwarePort for the contact family (R14): the copies of the sync list's C4C
// records in a dedicated contact folder of the mailbox (its name a setting), so the user's own contacts are never
// touched. Graph contacts have no transactionId: a create whose answer was lost is found in the next delta by the
// record property the copy carries (normalize-graph-contact.ts), as To Do tasks are by their linked resource.
// Updates and deletes carry If-Match (stale → `conflict`, vanished → `notFound`; a vanished delete is a success).
// Shares a GraphHttp with the calendar source, so every family draws on one per-mailbox budget.
import type { CategoryEdit } from '../../domain/actions.js';
import type { ContactKind, NormalizedContact, OutlookContactPresent } from '../../domain/contact-item.js';
import { contactNoteLine, toGraphContactCreate, toGraphContactUpdate } from '../../domain/graph-contact-payloads.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { GroupwareItem } from '../../domain/snapshots.js';
import type { SubscriptionResources } from '../../ports/change-subscriptions.js';
import type { GroupwareChanges, GroupwarePort, GroupwareWriteRequest, SyncWindow } from '../../ports/groupware-port.js';
import type { WriteResult } from '../../ports/write-results.js';
import { applyCategoryEdit } from './category-edit.js';
import { ContactFolders, contactFoldersPath, contactPath, readContactChanges, readContactsById } from './contact-reads.js';
import { retryAfterOf, userPath } from './event-reads.js';
import { ifMatchHeader } from './event-writer.js';
import { isItemGone, portErrorOf } from './graph-errors.js';
import type { GraphHttp, GraphResponse } from './graph-http.js';

export type ContactWriteRequest = GroupwareWriteRequest<NormalizedContact, ContactKind>;

export interface GraphContactSourceOptions {
  /** The contact folder's name (CONTACT_FOLDER_NAME). */
  folderName: string;
  /** The C4C UI address of a record, for the note line; null: the note names the record's id. */
  crmWebUrl(kind: ContactKind, c4cId: string): string | null;
  /** Contacts per delta page (Graph caps it at 200). */
  pageSize?: number;
}

const failure = (r: GraphResponse): WriteResult => ({ ok: false, error: portErrorOf(r.status, r.body, retryAfterOf(r.headers)) });
const versionOf = (body: unknown): string | null => {
  const b = body as { changeKey?: unknown; '@odata.etag'?: unknown } | undefined;
  return typeof b?.changeKey === 'string' ? b.changeKey : typeof b?.['@odata.etag'] === 'string' ? b['@odata.etag'] : null;
};

export class GraphContactSource implements GroupwarePort<OutlookContactPresent, ContactKind>, SubscriptionResources {
  private readonly folders: ContactFolders;

  constructor(
    readonly http: GraphHttp,
    private readonly options: GraphContactSourceOptions,
  ) {
    this.folders = new ContactFolders(http);
  }

  /** The mailbox's contact folder (found or made once). */
  folderOf(mailbox: Mailbox): Promise<string> {
    return this.folders.ensure(mailbox, this.options.folderName);
  }

  /**
   * The contact family subscribes to its folder's contacts (`users/{id}/contactFolders/{folderId}/contacts`), so an
   * Outlook edit of a copy starts a session in seconds. The folder is found or made once; subscribing is the calendar
   * source's (one `/subscriptions` API for every resource).
   */
  async subscriptionResources(mailbox: Mailbox): Promise<string[]> {
    const folderId = await this.folderOf(mailbox);
    // A resource string as Graph echoes it, not a URL: ids as Graph gave them.
    return [`${userPath(this.http.options.userIdOf(mailbox)).slice(1)}/contactFolders/${folderId}/contacts`];
  }

  /** Contacts have no time: `window` is ignored; the folder's delta is the cursor. */
  async readChanges(mailbox: Mailbox, cursor: string | null, _window: SyncWindow): Promise<GroupwareChanges<OutlookContactPresent>> {
    return readContactChanges(this.http, mailbox, await this.folderOf(mailbox), cursor, this.options.pageSize);
  }

  getItems(mailbox: Mailbox, ids: readonly string[]): Promise<GroupwareItem<OutlookContactPresent>[]> {
    return readContactsById(this.http, mailbox, ids);
  }

  async write(mailbox: Mailbox, requests: readonly ContactWriteRequest[]): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    // One at a time per mailbox: the mailbox's limiter bounds the concurrency anyway, and a contact write is rare.
    for (const request of requests) results.push(await this.writeOne(mailbox, request));
    return results;
  }

  private noteLine(fields: NormalizedContact): string {
    const ref = fields.crmRef;
    return ref ? contactNoteLine(ref.kind, ref.c4cId, this.options.crmWebUrl(ref.kind, ref.c4cId)) : '';
  }

  private async writeOne(mailbox: Mailbox, request: ContactWriteRequest): Promise<WriteResult> {
    const userId = this.http.options.userIdOf(mailbox);
    const scope = userId.toLowerCase();
    switch (request.op) {
      case 'create': {
        const folderId = await this.folderOf(mailbox);
        const body = toGraphContactCreate(request.fields, { category: request.categories[0] ?? '', noteLine: this.noteLine(request.fields), notes: '' });
        body.categories = request.categories;
        const response = await this.http.send(scope, { method: 'POST', url: `${contactFoldersPath(userId)}/${encodeURIComponent(folderId)}/contacts`, body });
        const id = (response.body as { id?: unknown } | undefined)?.id;
        return response.status === 201 && typeof id === 'string' ? { ok: true, id, version: versionOf(response.body) } : failure(response);
      }
      case 'update': {
        // The note and the categories are read first only when the record link changes (the note line names it).
        const current = request.patch.crmRef !== undefined ? (await readContactsById(this.http, mailbox, [request.id]))[0] : undefined;
        if (current?.removed) return { ok: false, error: { code: 'notFound', message: `Graph has no contact ${request.id}` } };
        const notes = current && !current.removed ? current.notes : null;
        const body = toGraphContactUpdate(request.patch, request.after, { category: '', noteLine: this.noteLine(request.after), notes: notes ?? '' });
        if (notes === null) delete body.personalNotes;
        delete body.categories;
        if (request.categoryEdit) Object.assign(body, await this.categoriesAfter(mailbox, request.id, request.categoryEdit));
        // `*`: a write of what only the service owns (the record link after a create, run/groupware-links.ts), made
        // whatever the user changed meanwhile: sent without If-Match (Graph documents no `If-Match: *` for contacts).
        const headers: Record<string, string> = request.ifMatch === '*' ? {} : { 'if-match': ifMatchHeader(request.ifMatch) };
        const response = await this.http.send(scope, { method: 'PATCH', url: contactPath(userId, request.id), headers, body });
        return response.status === 200 ? { ok: true, id: request.id, version: versionOf(response.body) } : failure(response);
      }
      case 'delete': {
        const response = await this.http.send(scope, { method: 'DELETE', url: contactPath(userId, request.id), headers: { 'if-match': ifMatchHeader(request.ifMatch) } });
        if (response.status === 204 || isItemGone(response.status, response.body)) return { ok: true, id: request.id, version: null };
        return failure(response);
      }
      case 'editCategories':
      case 'setCategories': {
        const body = request.op === 'setCategories' ? { categories: request.categories } : await this.categoriesAfter(mailbox, request.id, request.edit);
        const response = await this.http.send(scope, { method: 'PATCH', url: contactPath(userId, request.id), body });
        return response.status === 200 ? { ok: true, id: request.id, version: versionOf(response.body) } : failure(response);
      }
    }
  }

  /** Read-modify-write of the categories, keeping those the user added meanwhile. */
  private async categoriesAfter(mailbox: Mailbox, id: string, edit: CategoryEdit): Promise<{ categories: string[] }> {
    const [current] = await readContactsById(this.http, mailbox, [id]);
    return { categories: applyCategoryEdit(current && !current.removed ? current.categories : [], edit) };
  }
}
