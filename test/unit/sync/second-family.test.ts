// The proof that the next family costs only its own parts: a throwaway "notes" family (two fields, in-memory ports,
// an in-memory store) syncs through the real session runner and tenant poll, without a line of sync/plan or
// sync/run knowing it. Creates both ways, a one-sided edit each way, a conflict decided by R12, an untag (R2)
// and a groupware delete (R11).
import { createHash } from 'node:crypto';
import type { ItemFamily } from '../../../src/server/domain/family.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { withDefaults, type SyncSettings } from '../../../src/server/domain/settings.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../../src/server/domain/snapshots.js';
import type { SyncPair } from '../../../src/server/domain/sync-pair.js';
import { mergeUnits } from '../../../src/server/domain/three-way-merge.js';
import type { CrmPort, CrmWriteRequestOf } from '../../../src/server/ports/crm-port.js';
import type { GroupwarePort, GroupwareWriteRequest } from '../../../src/server/ports/groupware-port.js';
import type { WriteResult } from '../../../src/server/ports/write-results.js';
import type { FamilySync } from '../../../src/server/sync/family-sync.js';
import { runSession } from '../../../src/server/sync/run/session.js';
import { pollTenant } from '../../../src/server/sync/tenant/poll.js';
import { MemorySessionStore } from '../../support/memory-session-store.js';
import { TEST_SEALER } from '../../support/test-sealer.js';

interface Note {
  title: string;
  text: string;
}
type NoteItem = GroupwareItemPresent<Note>;
type NoteRecord = CrmRecord<Note, 'note'>;

const TAG = 'CRM note';
const hash = (n: Note) => createHash('sha256').update(JSON.stringify([n.title.trim(), n.text.trim()])).digest('hex');

const notesFamily: ItemFamily<NoteItem, NoteRecord> = {
  name: 'notes',
  kinds: ['note'],
  scopeOf: (item) => (item.categories.includes(TAG) ? 'note' : null),
  ignores: () => false,
  shareKeyOf: () => null,
  mergeFields: ['title', 'text'],
  hash: (fields) => hash(fields),
  canonicalFields: (fields) => ({ title: fields.title.trim(), text: fields.text.trim() }),
  merge: (input) => mergeUnits({ units: [['title'], ['text']], equal: (a, b, f) => a[f as keyof Note].trim() === b[f as keyof Note].trim() }, input),
  fullPatch: (fields) => ({ ...fields }),
  crmCreateFields: (fields) => fields,
  createsAsOwner: () => true,
  blocker: (fields) => (fields.title.length > 40 ? { code: 'invalidItem', message: 'title too long' } : null),
  isTarget: (record, mailbox) => record.groupwareItemId === null && mailbox.mailboxId === 'ava',
  categoryFor: () => TAG,
  syncCategories: () => [TAG],
  crmGoneNotice: 'The note was removed in the CRM.',
};

/** Groupware notes of one mailbox, with a change counter as the delta cursor. */
class MemoryNotes implements GroupwarePort<NoteItem, 'note'> {
  items = new Map<string, NoteItem>();
  removed = new Set<string>();
  changes: { id: string; seq: number }[] = [];
  seq = 0;
  private touch(id: string) {
    this.changes.push({ id, seq: ++this.seq });
  }
  put(id: string, fields: Note, categories = [TAG], transactionId: string | null = null) {
    const version = `v${this.seq + 1}`;
    this.items.set(id, { removed: false, id, version, transactionId, categories, fields });
    this.touch(id);
  }
  delete(id: string) {
    this.items.delete(id);
    this.removed.add(id);
    this.touch(id);
  }
  async readChanges(_mailbox: Mailbox, cursor: string | null) {
    const since = cursor ? Number(cursor) : 0;
    const ids = [...new Set(this.changes.filter((c) => c.seq > since).map((c) => c.id))];
    const items: GroupwareItem<NoteItem>[] = ids.map((id) => this.items.get(id) ?? { removed: true, id });
    return { items, nextCursor: String(this.seq), full: cursor === null };
  }
  async getItems(_mailbox: Mailbox, ids: readonly string[]) {
    return ids.map((id): GroupwareItem<NoteItem> => this.items.get(id) ?? { removed: true, id });
  }
  async write(_mailbox: Mailbox, requests: readonly GroupwareWriteRequest<Note, 'note'>[]): Promise<WriteResult[]> {
    return requests.map((r) => {
      if (r.op === 'create') {
        const id = `n-${r.transactionId}`;
        this.put(id, r.fields, r.categories, r.transactionId);
        return { ok: true, id, version: this.items.get(id)?.version ?? null };
      }
      const item = this.items.get(r.id);
      if (!item) return { ok: false, error: { code: 'notFound', message: 'gone' } };
      if (r.op === 'update') this.put(r.id, { ...item.fields, ...r.patch }, item.categories, item.transactionId);
      else if (r.op === 'delete') this.delete(r.id);
      else if (r.op === 'editCategories') this.put(r.id, item.fields, [...item.categories.filter((c) => !r.edit.remove.includes(c)), ...r.edit.add], item.transactionId);
      else this.put(r.id, item.fields, r.categories, item.transactionId);
      return { ok: true, id: r.id, version: this.items.get(r.id)?.version ?? null };
    });
  }
}

/** CRM notes of one tenant. */
class MemoryCrmNotes implements CrmPort<NoteRecord> {
  records = new Map<string, NoteRecord>();
  clock = 0;
  private stamp() {
    return new Date(Date.UTC(2026, 11, 1, 0, 0, ++this.clock)).toISOString();
  }
  put(objectId: string, fields: Note, extra: Partial<NoteRecord> = {}) {
    const old = this.records.get(objectId);
    this.records.set(objectId, { objectId, kind: 'note', version: `e${this.clock + 1}`, groupwareItemId: old?.groupwareItemId ?? null, status: 'open', removed: false, lastChangedOn: this.stamp(), fields, ...extra });
  }
  async changedSince(_tenant: string, highWater: string | null) {
    const activities = [...this.records.values()].filter((r) => highWater === null || r.lastChangedOn >= highWater);
    return { activities, nextHighWater: activities.map((a) => a.lastChangedOn).sort().at(-1) ?? highWater ?? '1970-01-01T00:00:00Z' };
  }
  async getByIds(_tenant: string, refs: readonly { kind: 'note'; objectId: string }[]) {
    return refs.map((r): NoteRecord => this.records.get(r.objectId) ?? { objectId: r.objectId, kind: 'note', version: '', groupwareItemId: null, status: 'open', removed: true, lastChangedOn: this.stamp(), fields: { title: '', text: '' } });
  }
  async findByGroupwareItemId(_tenant: string, _kind: 'note', id: string) {
    return [...this.records.values()].find((r) => r.groupwareItemId === id) ?? null;
  }
  async write(_tenant: string, requests: readonly CrmWriteRequestOf<Note, 'note'>[]): Promise<WriteResult[]> {
    return requests.map((r): WriteResult => {
      if (r.op === 'create') {
        const existing = [...this.records.values()].find((x) => x.groupwareItemId === r.groupwareItemId);
        const id = existing?.objectId ?? `N${this.records.size + 1}`;
        this.put(id, r.fields, { groupwareItemId: r.groupwareItemId });
        return { ok: true, id, version: this.records.get(id)?.version ?? null };
      }
      const record = this.records.get(r.objectId);
      if (!record) return { ok: false, error: { code: 'notFound', message: 'gone' } };
      if (r.ifMatch !== '*' && r.ifMatch !== record.version) return { ok: false, error: { code: 'conflict', message: 'stale' } };
      if (r.op === 'update') this.put(r.objectId, { ...record.fields, ...r.patch });
      else this.put(r.objectId, record.fields, { status: 'cancelled' });
      return { ok: true, id: r.objectId, version: this.records.get(r.objectId)?.version ?? null };
    });
  }
  async resolveParties() {
    return [];
  }
}

function world(settings: Partial<SyncSettings> = {}) {
  const mailbox: Mailbox = { mailboxId: 'ava', tenantId: 't1', provider: 'graph', email: 'ava@contoso.example', displayName: 'Ava', employeePartyId: 'E1', enabled: true };
  const clock = { now: () => new Date('2026-12-01T12:00:00Z') };
  const store = MemorySessionStore.create({ clock, mailboxes: [mailbox], settings: new Map([['t1', withDefaults(settings)]]) });
  const groupware = new MemoryNotes();
  const crm = new MemoryCrmNotes();
  const sync: FamilySync<NoteItem, NoteRecord> = { family: notesFamily, groupware, crm, cursor: 'graphDelta', crmCursorScope: (t) => `${t}/notes` };
  const deps = { store, clock, families: [sync as unknown as FamilySync], sealer: TEST_SEALER };
  const round = async () => {
    await pollTenant(deps, 't1');
    return runSession(deps, 'ava');
  };
  const pairs = () => store.committedPairs() as unknown as SyncPair<Note, 'note'>[];
  return { store, groupware, crm, round, pairs };
}

describe('a second item family on the same engine', () => {
  it('creates both ways, merges edits both ways, and records pairs of its own family', async () => {
    const w = world();
    w.groupware.put('g1', { title: 'Call Porter', text: 'about the renewal' });
    w.crm.put('C1', { title: 'Visit plan', text: 'from the CRM' });
    await w.round();
    expect([...w.crm.records.values()].map((r) => r.fields.title).sort()).toEqual(['Call Porter', 'Visit plan']);
    expect([...w.groupware.items.values()].map((i) => i.fields.title).sort()).toEqual(['Call Porter', 'Visit plan']);
    expect(w.pairs().map((p) => [p.family, p.kind, p.status])).toEqual([['notes', 'note', 'synced'], ['notes', 'note', 'synced']]);

    // A one-sided edit on each side reaches the other; the unchanged field stays.
    w.groupware.put('g1', { title: 'Call Porter (moved)', text: 'about the renewal' });
    const c1Copy = [...w.groupware.items.values()].find((i) => i.fields.title === 'Visit plan');
    w.crm.put('C1', { title: 'Visit plan', text: 'edited in the CRM' });
    await w.round();
    expect([...w.crm.records.values()].find((r) => r.groupwareItemId !== null)?.fields).toEqual({ title: 'Call Porter (moved)', text: 'about the renewal' });
    expect(w.groupware.items.get(c1Copy?.id ?? '')?.fields).toEqual({ title: 'Visit plan', text: 'edited in the CRM' });
  });

  it('decides a conflict by R12 and merges the fields changed on one side only', async () => {
    const w = world({ conflictWinner: 'crm' });
    w.groupware.put('g1', { title: 'Plan', text: 'v1' });
    await w.round();
    const [record] = [...w.crm.records.values()];
    if (!record) throw new Error('no CRM record');
    w.groupware.put('g1', { title: 'Plan (groupware)', text: 'v2 from groupware' });
    w.crm.put(record.objectId, { title: 'Plan (CRM)', text: 'v1' });
    const report = await w.round();
    expect(w.groupware.items.get('g1')?.fields).toEqual({ title: 'Plan (CRM)', text: 'v2 from groupware' });
    expect(w.crm.records.get(record.objectId)?.fields).toEqual({ title: 'Plan (CRM)', text: 'v2 from groupware' });
    expect(report.warnings.some((m) => m.startsWith('conflict'))).toBe(true);
  });

  it('untagging ends the mirroring (R2); a groupware delete cancels the CRM record (R11); a blocker marks the error (R9)', async () => {
    const w = world();
    w.groupware.put('g1', { title: 'Keep in CRM', text: '' });
    w.groupware.put('g2', { title: 'Delete me', text: '' });
    w.groupware.put('g3', { title: 'x'.repeat(41), text: 'too long a title' });
    await w.round();
    w.groupware.put('g1', { title: 'Keep in CRM', text: '' }, []);
    w.groupware.delete('g2');
    await w.round();
    const byTitle = (t: string) => [...w.crm.records.values()].find((r) => r.fields.title === t);
    expect(byTitle('Keep in CRM')?.status).toBe('open');
    expect(byTitle('Delete me')?.status).toBe('cancelled');
    expect(w.pairs().map((p) => p.status).sort()).toEqual(['closed', 'error', 'unlinked']);
    expect(w.groupware.items.get('g3')?.categories).toContain(withDefaults().categories.error);
  });
});
