// An in-memory SessionStore (ports/session-store.ts) with the semantics of the SQL store (adapters/store) as far as
// the session and the tenant poll rely on them. `transaction` runs fn against a private copy of the tables and
// buffers its writes; they reach the committed tables only when fn resolves (and the fault gate lets the commit
// through), so an exception anywhere in fn loses exactly that transaction. putPendingCreates, putWriteIntents and
// noteCrmDelete commit at once, as their own transactions. Everything handed in or out is copied: no caller can
// change committed state behind the store's back.
import type { Mailbox, MailboxStatus } from '../../src/server/domain/mailbox.js';
import type { SyncSettings } from '../../src/server/domain/settings.js';
import type { HoldStatus, SessionHold, SyncLogEntry } from '../../src/server/domain/sync-log.js';
import type { SyncPair } from '../../src/server/domain/sync-pair.js';
import type { WriteIntent } from '../../src/server/domain/write-intent.js';
import type { Clock } from '../../src/server/ports/clock.js';
import type { CrmDeleteHint } from '../../src/server/ports/crm-delete-notes.js';
import type { InboxEntry } from '../../src/server/ports/crm-inbox.js';
import type { PendingCreate } from '../../src/server/ports/pending-creates.js';
import type { IdleCommit, SessionMailbox, SessionState, SessionStore, SessionWriter } from '../../src/server/ports/session-store.js';
import type { CursorKey, CursorKind, MailboxStatusUpdate, StateReader } from '../../src/server/ports/state-store.js';
import { readSessionMailboxOf, readSessionStateOf, recordIdleSessionOf } from './memory-session-reads.js';
import { OPEN_GATE, type FaultGate } from './session-faults.js';

interface Tables {
  pairs: Map<string, SyncPair>;
  cursors: Map<string, string>;
  mailboxes: Map<string, Mailbox>;
  statuses: Map<string, MailboxStatus>;
  settings: Map<string, SyncSettings>;
  log: SyncLogEntry[];
  holds: Map<string, SessionHold>;
  /** `${mailboxId}\0${objectId}` → entry. */
  inbox: Map<string, InboxEntry>;
  /** `${mailboxId}\0${pairId}` → record. */
  pendingCreates: Map<string, PendingCreate>;
  /** `${mailboxId}\0${pairId}` → intent. */
  intents: Map<string, WriteIntent>;
  /** `${tenantId}\0${objectId}` → hint. */
  hints: Map<string, CrmDeleteHint>;
}

function emptyTables(): Tables {
  return {
    pairs: new Map(),
    cursors: new Map(),
    mailboxes: new Map(),
    statuses: new Map(),
    settings: new Map(),
    log: [],
    holds: new Map(),
    inbox: new Map(),
    pendingCreates: new Map(),
    intents: new Map(),
    hints: new Map(),
  };
}

/** A copy a transaction can change (rows are replaced, never mutated, so the rows themselves are shared). */
function fork(t: Tables): Tables {
  return {
    pairs: new Map(t.pairs),
    cursors: new Map(t.cursors),
    mailboxes: new Map(t.mailboxes),
    statuses: new Map(t.statuses),
    settings: new Map(t.settings),
    log: [...t.log],
    holds: new Map(t.holds),
    inbox: new Map(t.inbox),
    pendingCreates: new Map(t.pendingCreates),
    intents: new Map(t.intents),
    hints: new Map(t.hints),
  };
}

const key = (...parts: string[]): string => parts.join('\0');
const cursorKey = (k: CursorKey): string => key(k.kind, k.scopeId);
const copy = <T>(value: T): T => structuredClone(value);
const byKey = <T>(f: (t: T) => string) => (a: T, b: T) => (f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0);

/** One statement of a transaction, replayed on the committed tables at commit. */
type Op = (t: Tables) => void;

/** The committed tables and who is told about commits. */
class Database {
  tables = emptyTables();
  constructor(
    readonly clock: Clock,
    readonly onPairsCommitted: (pairs: readonly SyncPair[]) => void,
  ) {}

  commit(ops: readonly Op[], pairs: readonly SyncPair[]): void {
    for (const op of ops) op(this.tables);
    if (pairs.length > 0) this.onPairsCommitted(pairs);
  }
}

class MemoryReader implements StateReader {
  constructor(protected readonly tables: () => Tables) {}

  async loadPairs(mailboxId: string): Promise<SyncPair[]> {
    return [...this.tables().pairs.values()].filter((p) => p.mailboxId === mailboxId).map(copy);
  }

  async findPairByOutlookId(mailboxId: string, outlookId: string): Promise<SyncPair | null> {
    const rank = (p: SyncPair) => (p.status === 'synced' || p.status === 'error' ? 0 : p.status === 'unlinked' ? 1 : 2);
    const found = [...this.tables().pairs.values()]
      .filter((p) => p.mailboxId === mailboxId && p.outlookId === outlookId)
      .sort((a, b) => rank(a) - rank(b) || b.updatedAt.localeCompare(a.updatedAt) || a.pairId.localeCompare(b.pairId));
    return found[0] ? copy(found[0]) : null;
  }

  async findPairsByCrmObjectId(crmObjectId: string): Promise<SyncPair[]> {
    return [...this.tables().pairs.values()].filter((p) => p.crmObjectId === crmObjectId).sort(byKey((p) => p.mailboxId)).map(copy);
  }

  async findPairsByCrmObjectIds(crmObjectIds: readonly string[]): Promise<SyncPair[]> {
    const wanted = new Set(crmObjectIds);
    return [...this.tables().pairs.values()]
      .filter((p) => p.crmObjectId !== null && wanted.has(p.crmObjectId))
      .sort((a, b) => (a.crmObjectId ?? '').localeCompare(b.crmObjectId ?? '') || a.mailboxId.localeCompare(b.mailboxId))
      .map(copy);
  }

  async forgottenCrmObjectIds(): Promise<Set<string>> {
    return new Set(); // this store is never re-paired (tenant pairings live in the SQL store only)
  }

  async getCursor(k: CursorKey): Promise<string | null> {
    return this.tables().cursors.get(cursorKey(k)) ?? null;
  }

  async getMailbox(mailboxId: string): Promise<Mailbox | null> {
    const mailbox = this.tables().mailboxes.get(mailboxId);
    return mailbox ? copy(mailbox) : null;
  }

  async listMailboxes(filter: { tenantId?: string; enabledOnly?: boolean } = {}): Promise<Mailbox[]> {
    return [...this.tables().mailboxes.values()]
      .filter((m) => (filter.tenantId === undefined || m.tenantId === filter.tenantId) && (!filter.enabledOnly || m.enabled))
      .sort(byKey((m) => m.mailboxId))
      .map(copy);
  }

  async getMailboxStatus(mailboxId: string): Promise<MailboxStatus | null> {
    const status = this.tables().statuses.get(mailboxId);
    return status ? copy(status) : null;
  }

  async getSettings(tenantId: string): Promise<SyncSettings | null> {
    const settings = this.tables().settings.get(tenantId);
    return settings ? copy(settings) : null;
  }

  async listLog(filter: { mailboxId?: string; pairId?: string; limit: number }): Promise<SyncLogEntry[]> {
    return this.tables()
      .log.filter((e) => (filter.mailboxId === undefined || e.mailboxId === filter.mailboxId) && (filter.pairId === undefined || e.pairId === filter.pairId))
      .reverse()
      .slice(0, filter.limit)
      .map(copy);
  }

  async listHolds(filter: { holdId?: string; mailboxId?: string; status?: HoldStatus }): Promise<SessionHold[]> {
    return [...this.tables().holds.values()]
      .filter((h) => (filter.holdId === undefined || h.holdId === filter.holdId) && (filter.mailboxId === undefined || h.mailboxId === filter.mailboxId) && (filter.status === undefined || h.status === filter.status))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.holdId.localeCompare(b.holdId))
      .map(copy);
  }

  async listInbox(mailboxId: string): Promise<InboxEntry[]> {
    return [...this.tables().inbox.values()].filter((e) => e.mailboxId === mailboxId).sort(byKey((e) => e.activity.objectId)).map(copy);
  }
}

/** The writes of one transaction: applied to its own copy at once (so it reads them back), replayed at commit. */
class MemoryWriter extends MemoryReader implements SessionWriter {
  readonly ops: Op[] = [];
  readonly upserted: SyncPair[] = [];
  /** Whether this is a session's state commit: it advances a cursor (ports/state-store.ts setCursor), or is idle. */
  setsCursor = false;

  constructor(
    private readonly own: Tables,
    private readonly clock: Clock,
  ) {
    super(() => own);
  }

  private run(op: Op): void {
    op(this.own);
    this.ops.push(op);
  }

  async upsertPairs(pairs: readonly SyncPair[]): Promise<void> {
    const rows = pairs.map(copy);
    this.upserted.push(...rows);
    this.run((t) => rows.forEach((p) => t.pairs.set(p.pairId, p)));
    // The store's unique key (crm_object_id, mailbox_id), closed rows too: one pair per record and mailbox.
    const keys = [...this.own.pairs.values()].flatMap((p) => (p.crmObjectId === null ? [] : [`${p.mailboxId}|${p.crmObjectId}`]));
    if (new Set(keys).size !== keys.length) throw new Error('duplicate key value violates unique constraint "sync_pairs_crm_object"');
  }

  async deletePairs(pairIds: readonly string[]): Promise<void> {
    const ids = [...pairIds];
    this.run((t) => ids.forEach((id) => t.pairs.delete(id)));
  }

  async setCursor(k: CursorKey, value: string): Promise<void> {
    this.setsCursor = true;
    this.run((t) => t.cursors.set(cursorKey(k), value));
  }

  async deleteCursor(k: CursorKey): Promise<void> {
    this.run((t) => t.cursors.delete(cursorKey(k)));
  }

  async appendLog(entries: readonly SyncLogEntry[]): Promise<void> {
    const rows = entries.map(copy);
    this.run((t) => t.log.push(...rows));
  }

  async upsertMailbox(mailbox: Mailbox): Promise<void> {
    const row = copy(mailbox);
    this.run((t) => t.mailboxes.set(row.mailboxId, row));
  }

  async setMailboxStatus(status: MailboxStatusUpdate): Promise<void> {
    const pairsInError = status.pairsInError === 'count' ? [...this.tables().pairs.values()].filter((p) => p.mailboxId === status.mailboxId && p.status === 'error').length : status.pairsInError;
    const row = copy({ ...status, pairsInError });
    this.run((t) => t.statuses.set(row.mailboxId, row));
  }

  async saveSettings(tenantId: string, settings: SyncSettings): Promise<void> {
    const row = copy(settings);
    this.run((t) => t.settings.set(tenantId, row));
  }

  async putHold(hold: SessionHold): Promise<void> {
    const row = copy(hold);
    this.run((t) => t.holds.set(row.holdId, row));
  }

  /** A newer version of an activity replaces an older one (by lastChangedOn, compared as instants). */
  async putInbox(entries: readonly InboxEntry[]): Promise<void> {
    const rows = entries.map(copy);
    this.run((t) => {
      for (const entry of rows) {
        const k = key(entry.mailboxId, entry.activity.objectId);
        const existing = t.inbox.get(k);
        if (!existing || instant(existing.activity.lastChangedOn) <= instant(entry.activity.lastChangedOn)) t.inbox.set(k, entry);
      }
    });
  }

  /** Only the versions consumed: an entry filed again with a newer lastChangedOn stays. */
  async ackInbox(mailboxId: string, consumed: readonly { objectId: string; lastChangedOn: string }[]): Promise<void> {
    const rows = consumed.map(copy);
    this.run((t) => {
      for (const c of rows) {
        const k = key(mailboxId, c.objectId);
        const existing = t.inbox.get(k);
        if (existing && instant(existing.activity.lastChangedOn) <= instant(c.lastChangedOn)) t.inbox.delete(k);
      }
    });
  }

  async deletePendingCreates(mailboxId: string, pairIds: readonly string[]): Promise<void> {
    const ids = [...pairIds];
    this.run((t) => ids.forEach((id) => t.pendingCreates.delete(key(mailboxId, id))));
  }

  async dropCrmDeleteHints(tenantId: string, objectIds: readonly string[]): Promise<void> {
    const ids = [...objectIds];
    this.run((t) => ids.forEach((id) => t.hints.delete(key(tenantId, id))));
  }

  async clearWriteIntents(mailboxId: string, pairIds: readonly string[]): Promise<void> {
    const clear = new Set(pairIds);
    this.run((t) => {
      for (const [k, intent] of t.intents) if (intent.mailboxId === mailboxId && clear.has(intent.pairId)) t.intents.delete(k);
    });
  }

  // Commit-at-once writes, for the statements below (and the store's own methods of the same name).
  putPendingCreatesNow(entries: readonly PendingCreate[]): void {
    const rows = entries.map(copy);
    this.run((t) => rows.forEach((e) => t.pendingCreates.set(key(e.mailboxId, e.pairId), e)));
  }

  putWriteIntentsNow(intents: readonly WriteIntent[]): void {
    const rows = intents.map(copy);
    this.run((t) => rows.forEach((i) => t.intents.set(key(i.mailboxId, i.pairId), i)));
  }

  noteCrmDeleteNow(tenantId: string, kind: string, objectId: string): void {
    const notedAt = this.clock.now().toISOString();
    this.run((t) => {
      if (!t.hints.has(key(tenantId, objectId))) t.hints.set(key(tenantId, objectId), { tenantId, kind, objectId, notedAt });
    });
  }
}

function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${iso}`);
  return ms;
}

export interface MemoryStoreSetup {
  clock: Clock;
  mailboxes: readonly Mailbox[];
  settings: ReadonlyMap<string, SyncSettings>;
  /** Told the pair rows of every commit, in commit order (for checks that need a pair's history). */
  onPairsCommitted?: (pairs: readonly SyncPair[]) => void;
}

export class MemorySessionStore extends MemoryReader implements SessionStore {
  private constructor(
    private readonly db: Database,
    private readonly gate: FaultGate,
  ) {
    super(() => db.tables);
  }

  static create(setup: MemoryStoreSetup): MemorySessionStore {
    const db = new Database(setup.clock, setup.onPairsCommitted ?? (() => undefined));
    for (const mailbox of setup.mailboxes) db.tables.mailboxes.set(mailbox.mailboxId, copy(mailbox));
    for (const [tenantId, settings] of setup.settings) db.tables.settings.set(tenantId, copy(settings));
    return new MemorySessionStore(db, OPEN_GATE);
  }

  /** The same database, seen by a process whose faults (crashes) `gate` decides. */
  withGate(gate: FaultGate): MemorySessionStore {
    return new MemorySessionStore(this.db, gate);
  }

  /** Committed pair rows, all mailboxes (for checks). */
  committedPairs(): SyncPair[] {
    return [...this.db.tables.pairs.values()].map(copy);
  }

  override async loadPairs(mailboxId: string): Promise<SyncPair[]> {
    this.gate.alive('loadPairs');
    return super.loadPairs(mailboxId);
  }

  async transaction<T>(fn: (tx: SessionWriter) => Promise<T>): Promise<T> {
    this.gate.alive('transaction');
    const tx = new MemoryWriter(fork(this.db.tables), this.db.clock);
    const result = await fn(tx);
    this.gate.beforeCommit(tx.setsCursor);
    this.db.commit(tx.ops, tx.upserted);
    return result;
  }

  readSessionMailbox(mailboxId: string): Promise<SessionMailbox | null> {
    return readSessionMailboxOf(this, mailboxId);
  }

  readSessionState(mailboxId: string, cursorKinds: readonly CursorKind[]): Promise<SessionState> {
    return readSessionStateOf(this, mailboxId, cursorKinds);
  }

  /** A state commit for the fault gate even when its cursor did not move. */
  recordIdleSession(commit: IdleCommit): Promise<void> {
    return recordIdleSessionOf(this, commit, (tx) => void ((tx as MemoryWriter).setsCursor = true));
  }

  private async commitNow(write: (tx: MemoryWriter) => void): Promise<void> {
    this.gate.alive('commit');
    const tx = new MemoryWriter(fork(this.db.tables), this.db.clock);
    write(tx);
    this.gate.beforeCommit(false);
    this.db.commit(tx.ops, []);
  }

  async listPendingCreates(mailboxId: string): Promise<PendingCreate[]> {
    return [...this.db.tables.pendingCreates.values()].filter((p) => p.mailboxId === mailboxId).sort(byKey((p) => p.pairId)).map(copy);
  }

  putPendingCreates(entries: readonly PendingCreate[]): Promise<void> {
    return this.commitNow((tx) => tx.putPendingCreatesNow(entries));
  }

  async listWriteIntents(mailboxId: string): Promise<WriteIntent[]> {
    return [...this.db.tables.intents.values()].filter((i) => i.mailboxId === mailboxId).sort(byKey((i) => i.pairId)).map(copy);
  }

  putWriteIntents(intents: readonly WriteIntent[]): Promise<void> {
    return this.commitNow((tx) => tx.putWriteIntentsNow(intents));
  }

  noteCrmDelete(tenantId: string, kind: string, objectId: string): Promise<void> {
    return this.commitNow((tx) => tx.noteCrmDeleteNow(tenantId, kind, objectId));
  }

  async listCrmDeleteHints(tenantId: string): Promise<CrmDeleteHint[]> {
    return [...this.db.tables.hints.values()]
      .filter((h) => h.tenantId === tenantId)
      .sort((a, b) => a.notedAt.localeCompare(b.notedAt) || a.objectId.localeCompare(b.objectId))
      .map(copy);
  }
}
