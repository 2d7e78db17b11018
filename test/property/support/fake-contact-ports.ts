// The contact family's ports over the fakes, as the Graph and C4C adapters behave towards the session and the tenant
// poll: the folder's delta from an opaque cursor (null: a full read, no removals), contacts by id, the C4C change
// query, reads by ObjectID and by readable id, and batched writes with one result per request, each through the
// session's fault gate (gated-writes.ts). The gate is asked for at each call: a world keeps one contact family per
// simulated process (its caches live as long as the process) while each session brings its own faults.
import type { ContactKind, CrmContactRecord, NormalizedContact, OutlookContactPresent } from '../../../src/server/domain/contact-item.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { GroupwareItem } from '../../../src/server/domain/snapshots.js';
import type { CrmChangesOf, CrmWriteRequestOf, ResolvedParty } from '../../../src/server/ports/crm-port.js';
import type { ErrorNote, GroupwareChanges, GroupwarePort, GroupwareWriteRequest, ReplayedCreate, SyncWindow } from '../../../src/server/ports/groupware-port.js';
import type { SyncList, SyncListEntry, SyncListEntryRef } from '../../../src/server/ports/sync-list.js';
import type { WriteResult } from '../../../src/server/ports/write-results.js';
import type { ContactCrm } from '../../../src/server/sync/contact-sync.js';
import type { FaultGate, WriteTarget } from '../../support/session-faults.js';
import type { FakeC4cContacts } from './fake-c4c-contacts.js';
import type { FakeResult } from './fake-groupware-store.js';
import type { FakeOutlookContacts, NoteChange } from './fake-outlook-contacts.js';
import { gatedWrites } from './gated-writes.js';

type ContactGroupwareRequest = GroupwareWriteRequest<NormalizedContact, ContactKind>;
type ContactCrmRequest = CrmWriteRequestOf<NormalizedContact, ContactKind>;

/** What a write says on the contact, as the Graph adapter reads it (notice, error). */
const noteOf = (request: { notice?: string; error?: ErrorNote }): NoteChange => ({
  ...(request.notice !== undefined ? { notice: request.notice } : {}),
  ...(request.error !== undefined ? { error: request.error } : {}),
});

export class FakeContactFolder implements GroupwarePort<OutlookContactPresent, ContactKind> {
  constructor(
    private readonly folder: FakeOutlookContacts,
    private readonly gate: () => FaultGate,
  ) {}

  async readChanges(_mailbox: Mailbox, cursor: string | null, _window: SyncWindow): Promise<GroupwareChanges<OutlookContactPresent>> {
    this.gate().read('contacts.readChanges');
    const nextCursor = `contacts:${this.folder.cursor}`;
    if (cursor === null) return { items: this.folder.getItems(this.folder.all().map((c) => c.id)), nextCursor, full: true };
    const since = Number(cursor.replace(/^contacts:/, ''));
    if (!cursor.startsWith('contacts:') || !Number.isInteger(since)) throw new Error(`fake: unreadable contact delta cursor ${cursor}`);
    return { items: this.folder.changesSince(since), nextCursor, full: false };
  }

  async getItems(_mailbox: Mailbox, ids: readonly string[]): Promise<GroupwareItem<OutlookContactPresent>[]> {
    this.gate().read('contacts.getItems');
    return this.folder.getItems(ids);
  }

  /** As the Graph adapter: a replayed create's copy the user deleted, found in Deleted Items by the record it names. */
  async findDeletedCreates(_mailbox: Mailbox, creates: readonly ReplayedCreate<NormalizedContact>[]): Promise<ReadonlyMap<string, string>> {
    this.gate().read('contacts.findDeletedCreates');
    const found = new Map<string, string>();
    for (const { pairId, fields } of creates) {
      const ref = fields.crmRef;
      const hit = ref ? [...this.folder.deletedItems].find(([, named]) => named === `${ref.kind}|${ref.objectId}`) : undefined;
      if (hit) found.set(pairId, hit[0]);
    }
    return found;
  }

  async write(_mailbox: Mailbox, requests: readonly ContactGroupwareRequest[]): Promise<WriteResult[]> {
    const target = (request: ContactGroupwareRequest): WriteTarget => (request.op === 'create' ? null : { side: 'outlook', id: request.id });
    return gatedWrites(this.gate(), 'contacts.write', requests, target, (request) => this.apply(request));
  }

  private apply(request: ContactGroupwareRequest): FakeResult {
    switch (request.op) {
      case 'create':
        return this.folder.create(request.fields, request.categories);
      case 'update':
        return this.folder.update(request.id, request.ifMatch, request.patch, request.categoryEdit ?? null, noteOf(request));
      case 'delete':
        return this.folder.delete(request.id, request.ifMatch);
      case 'editCategories':
        return this.folder.editCategories(request.id, request.edit, noteOf(request));
      case 'setCategories':
        return this.folder.setCategories(request.id, request.categories);
    }
  }
}

export class FakeCrmContacts implements ContactCrm {
  constructor(
    private readonly records: FakeC4cContacts,
    private readonly gate: () => FaultGate,
  ) {}

  async changedSince(_tenantId: string, highWater: string | null, window: { startUtc: string; endUtc: string }): Promise<CrmChangesOf<CrmContactRecord>> {
    this.gate().read('contacts.changedSince');
    return this.records.changedSince(highWater, window);
  }

  async getByIds(_tenantId: string, refs: readonly { kind: ContactKind; objectId: string }[]): Promise<CrmContactRecord[]> {
    this.gate().read('contacts.getByIds');
    return this.records.getByIds(refs);
  }

  async getByC4cIds(kind: ContactKind, c4cIds: readonly string[]): Promise<Map<string, CrmContactRecord>> {
    this.gate().read('contacts.getByC4cIds');
    const found = new Map<string, CrmContactRecord>();
    for (const c4cId of c4cIds) {
      const record = this.records.byC4cId(kind, c4cId);
      if (record) found.set(c4cId, this.records.getByIds([record])[0] as CrmContactRecord);
    }
    return found;
  }

  async findContactsByEmail(emails: readonly string[]): Promise<CrmContactRecord[]> {
    this.gate().read('contacts.findContactsByEmail');
    const wanted = new Set(emails.map((e) => e.trim().toLowerCase()));
    const found = this.records.all().filter((r) => r.kind === 'contact' && r.fields.emails.some((e) => wanted.has(e.trim().toLowerCase())));
    return this.records.getByIds(found.sort((a, b) => a.seq - b.seq));
  }

  /** Contacts carry no GroupwareItemID (the create's duplicate check by e-mail finds a lost create's record). */
  async findByGroupwareItemId(): Promise<CrmContactRecord | null> {
    this.gate().read('contacts.findByGroupwareItemId');
    return null;
  }

  async resolveParties(): Promise<ResolvedParty[]> {
    return [];
  }

  write(_tenantId: string, requests: readonly ContactCrmRequest[]): Promise<WriteResult[]> {
    const target = (request: ContactCrmRequest): WriteTarget => (request.op === 'create' ? null : { side: 'crm', objectId: request.objectId });
    return gatedWrites(this.gate(), 'contacts.crm.write', requests, target, (request) => this.apply(request));
  }

  private apply(request: ContactCrmRequest): FakeResult {
    switch (request.op) {
      case 'create':
        return request.kind === 'contact' ? this.records.create(request.fields) : { ok: false, code: 'invalid' };
      case 'update':
        return this.records.updateContact(request.kind, request.objectId, request.ifMatch, request.patch);
      case 'cancel':
        return this.records.cancel(request.objectId);
    }
  }
}

/** One mailbox's sync list in memory (the store's is sql-sync-list.ts); `onChange` tells the world who changed it. */
export class MemorySyncList implements SyncList {
  private readonly entries = new Map<string, SyncListEntry>();
  /** Entries the user took off the list: the admin rule does not add them back. */
  private readonly dismissed = new Set<string>();

  constructor(
    private readonly mailboxId: string,
    private readonly now: () => Date,
  ) {}

  static key(ref: SyncListEntryRef): string {
    return `${ref.type}:${ref.c4cId}`;
  }

  has(ref: SyncListEntryRef): boolean {
    return this.entries.has(MemorySyncList.key(ref));
  }

  refs(): SyncListEntryRef[] {
    return [...this.entries.values()].map(({ type, c4cId }) => ({ type, c4cId }));
  }

  async list(mailboxId: string): Promise<SyncListEntry[]> {
    return mailboxId === this.mailboxId ? [...this.entries.values()] : [];
  }

  async add(_mailboxId: string, ref: SyncListEntryRef, source: SyncListEntry['source']): Promise<{ outcome: 'ok'; entry: SyncListEntry; added: boolean }> {
    const key = MemorySyncList.key(ref);
    const existing = this.entries.get(key);
    if (existing) return { outcome: 'ok', entry: existing, added: false };
    const entry: SyncListEntry = { type: ref.type, c4cId: ref.c4cId, source, addedAt: this.now().toISOString() };
    this.entries.set(key, entry);
    return { outcome: 'ok', entry, added: true };
  }

  async remove(_mailboxId: string, ref: SyncListEntryRef): Promise<boolean> {
    this.dismissed.add(MemorySyncList.key(ref));
    return this.entries.delete(MemorySyncList.key(ref));
  }

  /** As sql-sync-list.ts: rule entries no longer wanted go, wanted ones come unless the user removed them (no size cap). */
  async applyRule(_mailboxId: string, refs: readonly SyncListEntryRef[]): Promise<{ added: number; removed: number }> {
    const wanted = new Map(refs.map((r) => [MemorySyncList.key(r), r]));
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (entry.source === 'rule' && !wanted.has(key)) removed += Number(this.entries.delete(key));
    }
    let added = 0;
    for (const [key, ref] of wanted) {
      if (this.entries.has(key) || this.dismissed.has(key)) continue;
      this.entries.set(key, { type: ref.type, c4cId: ref.c4cId, source: 'rule', addedAt: this.now().toISOString() });
      added += 1;
    }
    return { added, removed };
  }

  async holders(ref: SyncListEntryRef): Promise<string[]> {
    return this.entries.has(MemorySyncList.key(ref)) ? [this.mailboxId] : [];
  }
}
