// In-memory C4C contacts, individual customers, employees and accounts (the records a sync list names), with the
// behaviour the contact sync relies on (fake-c4c-store.ts: an ETag per write, the change query by
// EntityLastChangedOn, `deleted` notifications for hard deletes, If-Match on update). What is their own: each kind
// holds only the properties its entity type has (an account has no first or last name), one e-mail address and one
// business phone; a contact's company is its account's (read-only); employees are never written from Outlook;
// creates come from Outlook contacts only, as C4C contacts, after a duplicate check by e-mail; nothing is ever
// cancelled or deleted by the service (each attempt is noted as a violation). Blocking a record is its status.
import { C4C_CONTACT_PROPERTIES } from '../../../src/server/domain/c4c-contact-fields.js';
import { CRM_WRITABLE_FIELDS } from '../../../src/server/domain/contact-merge.js';
import { emptyAddress, isPersonalKind, isWritableKind, type ContactKind, type CrmContactRecord, type NormalizedContact } from '../../../src/server/domain/contact-item.js';
import { FakeC4cStore, iso, type CrmTime, type StoredC4cRecord } from './fake-c4c-store.js';
import type { FakeResult } from './fake-groupware-store.js';

export type StoredC4cContact = StoredC4cRecord<NormalizedContact, ContactKind>;

const TEXT_PROPERTIES = ['givenName', 'surname', 'companyName', 'jobTitle', 'department'] as const;

export class FakeC4cContacts extends FakeC4cStore<NormalizedContact, ContactKind, StoredC4cContact, CrmContactRecord> {
  /** What the service attempted that C4C must never see from it: deletes, cancels, writes to employees. */
  readonly forbiddenWrites: string[] = [];

  constructor(time: CrmTime) {
    super('CT', 'cetag', time);
  }

  protected keep(fields: NormalizedContact, kind: ContactKind): NormalizedContact {
    const kept: NormalizedContact = {
      ...structuredClone(fields),
      emails: fields.emails.slice(0, 1),
      businessPhones: fields.businessPhones.slice(0, 1),
      private: isPersonalKind(kind),
      crmRef: null,
      businessAddress: { ...emptyAddress(), ...fields.businessAddress },
    };
    for (const field of TEXT_PROPERTIES) if (C4C_CONTACT_PROPERTIES[kind][field] === null) kept[field] = '';
    return kept;
  }

  protected inWindow(): boolean {
    return true;
  }

  /** The record's readable id (ContactID, CustomerID, …): what a sync list entry names. */
  c4cIdOf(objectId: string): string {
    return `N${this.displayIdOf(objectId)}`;
  }

  byC4cId(kind: ContactKind, c4cId: string): StoredC4cContact | undefined {
    return this.all().find((r) => r.kind === kind && this.c4cIdOf(r.objectId) === c4cId);
  }

  protected snapshot(r: StoredC4cContact): CrmContactRecord {
    const c4cId = this.c4cIdOf(r.objectId);
    return {
      objectId: r.objectId,
      displayId: c4cId,
      kind: r.kind,
      version: r.version,
      groupwareItemId: null,
      status: r.status === 'cancelled' ? 'cancelled' : 'open',
      removed: false,
      lastChangedOn: iso(r.changedOnMs),
      writable: isWritableKind(r.kind),
      fields: { ...structuredClone(r.fields), crmRef: { kind: r.kind, objectId: r.objectId, c4cId } },
    };
  }

  protected removedSnapshot(objectId: string, kind: ContactKind): CrmContactRecord {
    return { objectId, kind, version: '', groupwareItemId: null, status: 'cancelled', removed: true, lastChangedOn: iso(0), writable: isWritableKind(kind), fields: this.keep({ ...this.blank() }, kind) };
  }

  private blank(): NormalizedContact {
    return { givenName: '', surname: '', companyName: '', jobTitle: '', department: '', emails: [], businessPhones: [], mobilePhone: '', businessAddress: emptyAddress(), private: false, crmRef: null };
  }

  /**
   * As the real adapter: without a mark, no records (records on a list are read by id when added), only a mark just
   * after the newest change.
   */
  override changedSince(highWater: string | null, window: { startUtc: string; endUtc: string }): { activities: CrmContactRecord[]; nextHighWater: string } {
    if (highWater !== null) return super.changedSince(highWater, window);
    const newest = this.all().reduce((ms, r) => Math.max(ms, r.changedOnMs), this.time.now().getTime() - 5 * 60_000);
    return { activities: [], nextHighWater: iso(Math.floor((newest + 1000) / 1000) * 1000) };
  }

  // --- users in C4C ---

  userCreate(kind: ContactKind, fields: NormalizedContact): string {
    return this.insert((objectId) => ({ objectId, kind, version: '', groupwareItemId: null, status: 'open', fields: this.keep(fields, kind), seq: 0, changedOnMs: 0, origin: 'user' })).objectId;
  }

  // --- the service's writes ---

  /** A C4C contact for an Outlook contact, unless a contact has one of its e-mail addresses (then that one, oldest first). */
  create(fields: NormalizedContact): FakeResult {
    const emails = new Set(fields.emails.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''));
    const existing = this.all()
      .filter((r) => r.kind === 'contact' && r.fields.emails.some((e) => emails.has(e.trim().toLowerCase())))
      .sort((a, b) => a.seq - b.seq)[0];
    if (existing) return { ok: true, id: existing.objectId, version: existing.version };
    const record = this.insert((objectId) => ({ objectId, kind: 'contact', version: '', groupwareItemId: null, status: 'open', fields: this.keep(fields, 'contact'), seq: 0, changedOnMs: 0, origin: 'service' }));
    return { ok: true, id: record.objectId, version: record.version };
  }

  /** An update of what the kind lets Outlook change (c4c-contact-payloads.ts sends nothing else). */
  updateContact(kind: ContactKind, objectId: string, ifMatch: string, patch: Partial<NormalizedContact>): FakeResult {
    if (!isWritableKind(kind)) {
      this.forbiddenWrites.push(`update of ${kind} ${objectId}`);
      return { ok: false, code: 'invalid' };
    }
    const allowed: Partial<NormalizedContact> = {};
    for (const field of CRM_WRITABLE_FIELDS[kind]) if (field in patch) (allowed as Record<string, unknown>)[field] = patch[field];
    if (Object.keys(allowed).length === 0) {
      const record = this.get(objectId);
      return record ? { ok: true, id: objectId, version: ifMatch } : { ok: false, code: 'notFound' };
    }
    return this.update(objectId, ifMatch, allowed);
  }

  override cancel(objectId: string): FakeResult {
    this.forbiddenWrites.push(`cancel of ${objectId}`);
    return { ok: false, code: 'invalid' };
  }
}
