// The Microsoft Graph implementation of GroupwarePort for the contact family (R14): the copies of the sync list's C4C
// records in a dedicated contact folder of the mailbox (its name a setting), so the user's own contacts are never
// touched. Graph contacts have no transactionId: a create whose answer was lost is found in the next delta by the
// record property the copy carries (normalize-graph-contact.ts), as To Do tasks are by their linked resource; if the
// user deleted that copy first, the delta only names an unknown id, and the copy is found in Deleted Items by the
// same property (findDeletedCreates), so the replayed create does not bring it back (issue 14).
// Writes go through $batch with per-write outcomes (contact-writer.ts).
// Shares a GraphHttp with the calendar source, so every family draws on one per-mailbox budget.
import type { ContactKind, NormalizedContact, OutlookContactPresent } from '../../domain/contact-item.js';
import { contactNoteLine } from '../../domain/graph-contact-payloads.js';
import { RECORD_PROPERTY_ID, recordPropertyValue } from '../../domain/normalize-graph-contact.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { GroupwareItem } from '../../domain/snapshots.js';
import type { SubscriptionResources } from '../../ports/change-subscriptions.js';
import { refuseWrites, type GroupwareChanges, type GroupwarePort, type ReadOnlyGroupware, type ReplayedCreate, type SyncWindow } from '../../ports/groupware-port.js';
import type { WriteResult } from '../../ports/write-results.js';
import { ContactFolders, readContactChanges, readContactsById } from './contact-reads.js';
import { findDeletedByProperty } from './deleted-creates.js';
import { writeContacts, type ContactWriteRequest } from './contact-writer.js';
import { userPath } from './event-reads.js';
import type { GraphHttp } from './graph-http.js';

export type { ContactWriteRequest } from './contact-writer.js';
import type { RunExclusive } from '../../ports/exclusive.js';

export interface GraphContactSourceOptions {
  /** The contact folder's name (CONTACT_FOLDER_NAME). */
  folderName: string;
  /** The C4C UI address of a record, for the note line; null: the note names the record's id. */
  crmWebUrl(kind: ContactKind, c4cId: string): string | null;
  /** Contacts per delta page (Graph caps it at 200). */
  pageSize?: number;
  /** Claims a mailbox across processes while its folder is looked up or made (default: this process only). */
  exclusive?: RunExclusive;
}

export class GraphContactSource implements GroupwarePort<OutlookContactPresent, ContactKind>, SubscriptionResources {
  private readonly folders: ContactFolders;

  constructor(
    readonly http: GraphHttp,
    private readonly options: GraphContactSourceOptions,
  ) {
    this.folders = new ContactFolders(http, options.exclusive);
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

  /** The dry run's view (GroupwarePort.readOnly): the folder found, not made; without it the mailbox has no copy yet. */
  async readOnly(mailbox: Mailbox): Promise<ReadOnlyGroupware<OutlookContactPresent, ContactKind>> {
    const folderId = await this.folders.find(mailbox, this.options.folderName);
    const port: GroupwarePort<OutlookContactPresent, ContactKind> = {
      readChanges: async (m, cursor) => (folderId ? readContactChanges(this.http, m, folderId, cursor, this.options.pageSize) : { items: [], nextCursor: '', full: true }),
      getItems: (m, ids) => readContactsById(this.http, m, ids),
      // A read: the dry run plans a replayed create as the session would.
      findDeletedCreates: (m, creates) => this.findDeletedCreates(m, creates),
      write: refuseWrites,
    };
    return { port, wouldCreate: folderId ? [] : [`contact folder '${this.options.folderName}'`] };
  }

  /**
   * Replayed creates whose copy the user deleted before the service learned its id: found in Deleted Items by the
   * record property the copy carries (a contact copy has no pair-id stamp; the record names the pair in the mailbox).
   */
  findDeletedCreates(mailbox: Mailbox, creates: readonly ReplayedCreate<NormalizedContact>[]): Promise<Map<string, string>> {
    const values = new Map(creates.flatMap((c) => (c.fields.crmRef ? [[c.pairId, { value: recordPropertyValue(c.fields.crmRef), ...(c.notBefore ? { notBefore: c.notBefore } : {}) }] as const] : [])));
    return values.size === 0 ? Promise.resolve(new Map()) : findDeletedByProperty(this.http, mailbox, RECORD_PROPERTY_ID, values);
  }

  /** A step's writes together, through $batch (contact-writer.ts). */
  write(mailbox: Mailbox, requests: readonly ContactWriteRequest[]): Promise<WriteResult[]> {
    return writeContacts(this.http, mailbox, requests, { folderId: () => this.folderOf(mailbox), noteLine: (fields) => this.noteLine(fields) });
  }

  private noteLine(fields: NormalizedContact): string {
    const ref = fields.crmRef;
    return ref ? contactNoteLine(ref.kind, ref.c4cId, this.options.crmWebUrl(ref.kind, ref.c4cId)) : '';
  }
}
