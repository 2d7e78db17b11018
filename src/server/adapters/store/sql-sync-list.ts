// The sync list (ports/sync-list.ts) in the sync_list_entries table (migration 0012), and the records the user took off
// it in sync_list_dismissals (migration 0017), which the admin rule leaves alone.
import { SYNC_LIST_MAX_ENTRIES, type SyncListEntry, type SyncListEntryRef } from '../../../shared/sync-list-api.js';
import type { SyncList, SyncListAddResult } from '../../ports/sync-list.js';
import type { Database } from './database.js';
import { UnknownMailboxError } from './sql-state-writer.js';

interface EntryRow extends Record<string, unknown> {
  record_type: SyncListEntry['type'];
  c4c_id: string;
  source: SyncListEntry['source'];
  added_at: Date | string;
}

const keyOf = (ref: SyncListEntryRef): string => `${ref.type}:${ref.c4cId}`;

const fromRow = (r: EntryRow): SyncListEntry => ({ type: r.record_type, c4cId: r.c4c_id, source: r.source, addedAt: new Date(r.added_at).toISOString() });

/** PostgreSQL's foreign_key_violation: the mailbox is not registered. */
const isForeignKeyViolation = (error: unknown): boolean => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';

export class SqlSyncList implements SyncList {
  constructor(
    private readonly db: Database,
    /** Entries one list may hold (SYNC_LIST_MAX_ENTRIES; smaller in tests). */
    private readonly maxEntries = SYNC_LIST_MAX_ENTRIES,
  ) {}

  async list(mailboxId: string): Promise<SyncListEntry[]> {
    const { rows } = await this.db.query<EntryRow>(
      'SELECT record_type, c4c_id, source, added_at FROM sync_list_entries WHERE mailbox_id = $1 ORDER BY added_at, record_type, c4c_id',
      [mailboxId],
    );
    return rows.map(fromRow);
  }

  async add(mailboxId: string, ref: SyncListEntryRef, source: SyncListEntry['source']): Promise<SyncListAddResult> {
    try {
      return await this.db.transaction(async (tx) => {
        // The mailbox's row is locked first, so two adds of one user cannot both pass the size check.
        const mailbox = await tx.query('SELECT 1 FROM mailboxes WHERE mailbox_id = $1 FOR UPDATE', [mailboxId]);
        if (mailbox.rowCount === 0) throw new UnknownMailboxError(mailboxId);
        const existing = await tx.query<EntryRow>(
          'SELECT record_type, c4c_id, source, added_at FROM sync_list_entries WHERE mailbox_id = $1 AND record_type = $2 AND c4c_id = $3',
          [mailboxId, ref.type, ref.c4cId],
        );
        // The user's own add: a record they once took off may come back through the rule again later.
        if (source === 'user') await tx.query('DELETE FROM sync_list_dismissals WHERE mailbox_id = $1 AND record_type = $2 AND c4c_id = $3', [mailboxId, ref.type, ref.c4cId]);
        const found = existing.rows[0];
        if (found) {
          // A rule entry the user adds becomes theirs, so it stays when the rule is turned off.
          if (source === 'user' && found.source === 'rule') {
            await tx.query("UPDATE sync_list_entries SET source = 'user' WHERE mailbox_id = $1 AND record_type = $2 AND c4c_id = $3", [mailboxId, ref.type, ref.c4cId]);
            return { outcome: 'ok', entry: { ...fromRow(found), source: 'user' }, added: false } as const;
          }
          return { outcome: 'ok', entry: fromRow(found), added: false } as const;
        }
        const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_list_entries WHERE mailbox_id = $1', [mailboxId]);
        if ((rows[0]?.n ?? 0) >= this.maxEntries) return { outcome: 'full', max: this.maxEntries } as const;
        const inserted = await tx.query<EntryRow>(
          `INSERT INTO sync_list_entries (mailbox_id, record_type, c4c_id, source) VALUES ($1, $2, $3, $4)
           RETURNING record_type, c4c_id, source, added_at`,
          [mailboxId, ref.type, ref.c4cId, source],
        );
        return { outcome: 'ok', entry: fromRow(inserted.rows[0] as EntryRow), added: true } as const;
      });
    } catch (error) {
      // A mailbox erased between the check and the insert.
      if (isForeignKeyViolation(error)) throw new UnknownMailboxError(mailboxId);
      throw error;
    }
  }

  async remove(mailboxId: string, ref: SyncListEntryRef): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rowCount } = await tx.query('DELETE FROM sync_list_entries WHERE mailbox_id = $1 AND record_type = $2 AND c4c_id = $3', [mailboxId, ref.type, ref.c4cId]);
      if (rowCount === 0) return false;
      await tx.query('INSERT INTO sync_list_dismissals (mailbox_id, record_type, c4c_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [mailboxId, ref.type, ref.c4cId]);
      return true;
    });
  }

  async applyRule(mailboxId: string, refs: readonly SyncListEntryRef[]): Promise<{ added: number; removed: number }> {
    return this.db.transaction(async (tx) => {
      // Locked as add() does, so a user's add and the rule cannot both pass the size check.
      const mailbox = await tx.query('SELECT 1 FROM mailboxes WHERE mailbox_id = $1 FOR UPDATE', [mailboxId]);
      if (mailbox.rowCount === 0) throw new UnknownMailboxError(mailboxId);
      const wanted = new Map(refs.map((r) => [keyOf(r), r]));
      const { rows } = await tx.query<EntryRow>('SELECT record_type, c4c_id, source, added_at FROM sync_list_entries WHERE mailbox_id = $1', [mailboxId]);
      const present = new Set(rows.map((r) => keyOf({ type: r.record_type, c4cId: r.c4c_id })));
      const stale = rows.filter((r) => r.source === 'rule' && !wanted.has(keyOf({ type: r.record_type, c4cId: r.c4c_id })));
      if (stale.length > 0) {
        await tx.query(
          `DELETE FROM sync_list_entries WHERE mailbox_id = $1 AND source = 'rule'
             AND (record_type, c4c_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
          [mailboxId, stale.map((r) => r.record_type), stale.map((r) => r.c4c_id)],
        );
      }
      const dismissed = await tx.query<{ record_type: SyncListEntry['type']; c4c_id: string }>('SELECT record_type, c4c_id FROM sync_list_dismissals WHERE mailbox_id = $1', [mailboxId]);
      const skip = new Set(dismissed.rows.map((r) => keyOf({ type: r.record_type, c4cId: r.c4c_id })));
      const room = Math.max(0, this.maxEntries - (rows.length - stale.length));
      const fresh = [...wanted.values()].filter((r) => !present.has(keyOf(r)) && !skip.has(keyOf(r))).slice(0, room);
      if (fresh.length > 0) {
        await tx.query(
          `INSERT INTO sync_list_entries (mailbox_id, record_type, c4c_id, source)
           SELECT $1, t, i, 'rule' FROM unnest($2::text[], $3::text[]) AS u(t, i) ON CONFLICT DO NOTHING`,
          [mailboxId, fresh.map((r) => r.type), fresh.map((r) => r.c4cId)],
        );
      }
      return { added: fresh.length, removed: stale.length };
    });
  }

  async holders(ref: SyncListEntryRef): Promise<string[]> {
    const { rows } = await this.db.query<{ mailbox_id: string }>(
      'SELECT mailbox_id FROM sync_list_entries WHERE record_type = $1 AND c4c_id = $2 ORDER BY mailbox_id',
      [ref.type, ref.c4cId],
    );
    return rows.map((r) => r.mailbox_id);
  }
}
