// Issue 19: an item whose two sides converged on an older edit than the latest is either an R12 conflict (both sides
// edited the subject between two sessions and the tenant's winner kept its own) or a lost edit. Only the service's
// sync log can tell: every such item must match a conflict the service recorded for its pair, whose winner kept the
// value the item converged on and whose loser held the latest edit (the keyed digests of both sides' values, recomputed
// here with the tenant's key). An item with no such record is a violation.
import { calendarFamily } from '../../src/server/domain/calendar-family.js';
import { emptyCalendarItem } from '../../src/server/domain/calendar-item.js';
import { conflictRecordFrom, type ConflictRecord } from '../../src/server/domain/conflict-record.js';
import type { ConflictWinner } from '../../src/server/domain/settings.js';
import type { StateSeal, StateSealer } from '../../src/server/domain/state-digest.js';
import { taskFamily } from '../../src/server/domain/task-family.js';
import { contactFamily } from '../../src/server/domain/contact-family.js';
import { emptyContact } from '../../src/server/domain/contact-item.js';
import { emptyTask } from '../../src/server/domain/task-item.js';
import type { Queryable } from '../../src/server/adapters/store/index.js';

/** A live item that converged on one side's last edit while the other side's edit was more recent. */
export interface OlderEditItem {
  tag: string;
  family: 'calendar' | 'tasks' | 'contacts';
  /** Ids of both sides as found at the check (the pair's ids). */
  outlookId: string | null;
  crmObjectId: string | null;
  /** The side whose last edit both sides hold, i.e. the winner a conflict must name. */
  keptSide: ConflictWinner;
  /** The subject both sides hold, and the more recent edit that was not kept. */
  kept: string;
  latest: string;
}

/** A conflict the service logged (sync_log, event 'conflict', applied), with its pair's ids. */
export interface LoggedConflict {
  pairId: string;
  /** The tenant of the pair's mailbox: whose key sealed the digests. */
  tenantId: string;
  at: string;
  outlookId: string | null;
  crmObjectId: string | null;
  record: ConflictRecord;
}

export interface ConflictMatch {
  matched: { item: OlderEditItem; conflict: LoggedConflict }[];
  /** One line per older-edit item no recorded conflict explains. */
  violations: string[];
}

/** Every applied conflict record of the store, after the run (the service is stopped, as for the privacy scan). */
export async function readLoggedConflicts(db: Queryable): Promise<LoggedConflict[]> {
  const { rows } = await db.query<{ pair_id: string; tenant_id: string; at: string; detail: unknown; outlook_id: string | null; crm_object_id: string | null }>(
    `SELECT l.pair_id, m.tenant_id, l.at, l.detail, p.outlook_id, p.crm_object_id
       FROM sync_log l JOIN mailboxes m ON m.mailbox_id = l.mailbox_id LEFT JOIN sync_pairs p ON p.pair_id = l.pair_id
      WHERE l.event = 'conflict' AND l.outcome = 'ok' AND l.pair_id IS NOT NULL ORDER BY l.id`,
  );
  return rows.flatMap((r) => {
    const record = conflictRecordFrom(r.detail);
    return record ? [{ pairId: r.pair_id, tenantId: r.tenant_id, at: r.at, outlookId: r.outlook_id, crmObjectId: r.crm_object_id, record }] : [];
  });
}

/** The merge field the soak edits, per family, and the keyed digest the service keeps of a value of it. */
const SUBJECT = {
  calendar: { field: 'subject', canonical: (v: string) => calendarFamily.canonicalFields({ ...emptyCalendarItem(), subject: v }).subject },
  tasks: { field: 'title', canonical: (v: string) => taskFamily.canonicalFields({ ...emptyTask(), title: v }).title },
  contacts: { field: 'surname', canonical: (v: string) => contactFamily.canonicalFields({ ...emptyContact(), surname: v }).surname },
} as const;

export function subjectDigest(seal: StateSeal, family: OlderEditItem['family'], value: string): string {
  const { field, canonical } = SUBJECT[family];
  return seal.field(field, canonical(value) ?? '');
}

/**
 * Matches each older-edit item to a logged conflict of its pair (by either side's id) that names the subject field,
 * has the side the item kept as its winner, and whose digests are those of the kept value (winner) and of the
 * latest edit (loser). `sealer`: each tenant's keyed hashing, as the service computes it (from STATE_DIGEST_SECRET).
 */
export function matchOlderEdits(items: readonly OlderEditItem[], conflicts: readonly LoggedConflict[], sealer: StateSealer): ConflictMatch {
  const result: ConflictMatch = { matched: [], violations: [] };
  for (const item of items) {
    const { field } = SUBJECT[item.family];
    const loser = item.keptSide === 'outlook' ? 'crm' : 'outlook';
    const ofPair = conflicts.filter((c) => (item.outlookId !== null && c.outlookId === item.outlookId) || (item.crmObjectId !== null && c.crmObjectId === item.crmObjectId));
    const match = ofPair.find((c) => {
      const seal = sealer(c.tenantId);
      const { fields, winner } = c.record;
      return fields.includes(field) && winner === item.keptSide && c.record[winner].digests[field] === subjectDigest(seal, item.family, item.kept) && c.record[loser].digests[field] === subjectDigest(seal, item.family, item.latest);
    });
    if (match) result.matched.push({ item, conflict: match });
    else {
      const seen = ofPair.map((c) => `${c.at} ${c.record.fields.join('+')} won by ${c.record.winner}`).join('; ') || 'none';
      result.violations.push(`${item.tag} (${item.family}): converged on the ${item.keptSide} side's older edit ("${item.kept}", latest "${item.latest}"), and no conflict the service logged explains it (lost edit?); outlook ${item.outlookId ?? '-'}, C4C ${item.crmObjectId ?? '-'}; logged conflicts of its pair: ${seen}`);
    }
  }
  return result;
}
