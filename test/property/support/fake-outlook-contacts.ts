// An in-memory Outlook contact folder of one mailbox (the service's folder for C4C records), as far as the contact
// sync relies on it (fake-groupware-store.ts: an etag per write, categories too, a delta feed with removals, If-Match
// on update/delete). Like To Do, Graph contacts have NO transactionId: every create makes a new contact. The record a
// copy mirrors (the extended property the service writes) is `fields.crmRef`. Outlook keeps three e-mail addresses
// and two business phones. The service's line in the notes is kept as what it says: `notice`, the reason an update
// gave (a released contact, known bug 11; R11's), replaced by the next one and gone once an update links the contact
// again; `errorNote`, R9's error above the link, put on and taken off with the error category (graph-contact-payloads.ts).
import type { CategoryEdit } from '../../../src/server/domain/actions.js';
import type { ItemError } from '../../../src/server/domain/errors.js';
import type { ErrorNote } from '../../../src/server/ports/groupware-port.js';
import { OUTLOOK_LIST_LIMITS } from '../../../src/server/domain/contact-merge.js';
import type { NormalizedContact, OutlookContactPresent } from '../../../src/server/domain/contact-item.js';
import { editCategories, FakeGroupwareStore, type FakeResult } from './fake-groupware-store.js';

export const CONTACT_FOLDER = 'folder-c4c';

export interface StoredOutlookContact {
  id: string;
  version: string;
  categories: string[];
  fields: NormalizedContact;
  /** Who made it: the user, or the service (a create request). */
  origin: 'user' | 'service';
  /** The reason the service's note line gives (a released contact's, R11's), or undefined when it gives none. */
  notice?: string;
  /** R9's error the notes show above the link line, or undefined when they show none. */
  errorNote?: ItemError;
}

/** What a service write says on the contact (GroupwareWriteRequest's notice and error). */
export interface NoteChange {
  notice?: string;
  error?: ErrorNote;
}

export class FakeOutlookContacts extends FakeGroupwareStore<NormalizedContact, StoredOutlookContact, OutlookContactPresent> {
  /** Contacts the user made that a service write deleted (the service deletes only the copies it made). */
  readonly userContactsDeletedByService: string[] = [];
  /** When (a counter of service writes) each contact last got the error category from the service (R9's notice). */
  readonly errorCategoryAddedAt = new Map<string, number>();
  private serviceWrites = 0;

  constructor(private readonly errorCategory: string) {
    super('contact', 'W/"ct');
  }

  protected snapshot(c: StoredOutlookContact): OutlookContactPresent {
    return { removed: false, id: c.id, version: c.version, transactionId: null, categories: [...c.categories], fields: structuredClone(c.fields), folderId: CONTACT_FOLDER, notes: '' };
  }

  protected override keep(fields: NormalizedContact): NormalizedContact {
    return { ...fields, emails: fields.emails.slice(0, OUTLOOK_LIST_LIMITS.emails), businessPhones: fields.businessPhones.slice(0, OUTLOOK_LIST_LIMITS.businessPhones) };
  }

  /** A service write's tick, for the order of the user's edits and the service's notices. */
  get writeCount(): number {
    return this.serviceWrites;
  }

  private noteCategories(id: string, edit: CategoryEdit | null): void {
    this.serviceWrites += 1;
    if (edit?.add.some((c) => c.toLowerCase() === this.errorCategory.toLowerCase())) this.errorCategoryAddedAt.set(id, this.serviceWrites);
  }

  /**
   * Deleted Items: the record each contact the user deleted named (Exchange keeps a deleted contact there with its
   * extended properties, the record property among them), by the id it has there. A replayed create looks here.
   */
  readonly deletedItems = new Map<string, string>();

  override userDelete(id: string): void {
    const ref = this.get(id)?.fields.crmRef;
    super.userDelete(id);
    if (ref) this.deletedItems.set(`deleted-${id}`, `${ref.kind}|${ref.objectId}`);
  }

  userCreate(fields: NormalizedContact, categories: string[]): string {
    return this.insert((id, version) => ({ id, version, categories, fields: structuredClone(fields), origin: 'user' })).id;
  }

  /** The service's create: always a new contact (no idempotency key exists). */
  create(fields: NormalizedContact, categories: string[]): FakeResult {
    this.serviceWrites += 1;
    const c = this.insert((id, version) => ({ id, version, categories: [...categories], fields: structuredClone(fields), origin: 'service' }));
    return { ok: true, id: c.id, version: c.version };
  }

  override update(id: string, ifMatch: string, patch: Partial<NormalizedContact>, edit: CategoryEdit | null, note: NoteChange = {}): FakeResult {
    const result = super.update(id, ifMatch, patch, edit);
    if (result.ok) this.noteCategories(id, edit);
    if (result.ok) this.writeNote(id, note, patch.crmRef ? 'linked' : null);
    return result;
  }

  override editCategories(id: string, edit: CategoryEdit, note: NoteChange = {}): FakeResult {
    const result = super.editCategories(id, edit);
    if (result.ok) this.noteCategories(id, edit);
    if (result.ok) this.writeNote(id, note, null);
    return result;
  }

  /** As the Graph adapter writes the note: a notice replaces the service's line (and any error), a record link replaces a notice. */
  private writeNote(id: string, note: NoteChange, linked: 'linked' | null): void {
    const stored = this.get(id);
    if (!stored) return;
    if (note.notice !== undefined) {
      stored.notice = note.notice;
      delete stored.errorNote;
      return;
    }
    if (linked) delete stored.notice;
    if (note.error === null) delete stored.errorNote;
    else if (note.error !== undefined) stored.errorNote = note.error;
  }

  override setCategories(id: string, categories: readonly string[]): FakeResult {
    const before = this.get(id)?.categories ?? [];
    const result = super.setCategories(id, categories);
    if (result.ok) this.noteCategories(id, { add: editCategories(categories, { add: [], remove: before }), remove: [] });
    return result;
  }

  override delete(id: string, ifMatch: string): FakeResult {
    const c = this.get(id);
    const result = super.delete(id, ifMatch);
    if (c && result.ok && c.origin === 'user') this.userContactsDeletedByService.push(id);
    return result;
  }
}
