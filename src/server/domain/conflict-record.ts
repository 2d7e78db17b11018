// R12: what the sync log keeps of a conflict the merge decided (both sides changed the same fields since the last
// sync). It must let an operator, or the fault soak's checker, tell a conflict from a lost edit, without holding any
// item content (docs/privacy.md): the fields are named, and each side's edit is identified by its version tag and
// the keyed digests of its values of those fields (the same HMAC the pair's base keeps), never by the values.
import type { ConflictWinner } from './settings.js';
import { digestsOf, type FieldDigests, type StateSeal } from './state-digest.js';

/** One side's edit in a conflict: its version tag (Graph changeKey, C4C ETag) and keyed digests of its values. */
export interface ConflictSide {
  version: string | null;
  /** Conflicting field → keyed digest of this side's canonical value (list entries as `<field>#<n>`). */
  digests: FieldDigests;
}

export interface ConflictRecord {
  /** The fields both sides changed to different values (a merge unit's fields together: start, end, all-day). */
  fields: string[];
  /** Always true: a record is only made when both sides changed (drift without changes is not a conflict). */
  bothChanged: true;
  /** Whose values were kept (the tenant's CONFLICT_WINNER at the time). */
  winner: ConflictWinner;
  outlook: ConflictSide;
  crm: ConflictSide;
}

/** The sync log's `event` for a conflict record. */
export const CONFLICT_EVENT = 'conflict';

/** Whether a canonical key belongs to one of the fields (a list's entries are keyed `<field>#<n>`). */
function ofFields(key: string, fields: readonly string[]): boolean {
  const hash = key.indexOf('#');
  return fields.includes(hash < 0 ? key : key.slice(0, hash));
}

function sideOf(seal: StateSeal, canonical: Readonly<Record<string, string>>, fields: readonly string[], version: string | null): ConflictSide {
  const picked: Record<string, string> = {};
  for (const [key, value] of Object.entries(canonical)) if (ofFields(key, fields)) picked[key] = value;
  return { version, digests: digestsOf(seal, picked) };
}

/**
 * The record of a conflict: `canonical` gives a side's canonical field texts (the family's `canonicalFields`), which
 * are sealed here with the tenant's key, so no value leaves this function.
 */
export function conflictRecordOf<F>(
  seal: StateSeal,
  canonical: (fields: F) => Readonly<Record<string, string>>,
  conflict: { fields: readonly string[]; winner: ConflictWinner },
  outlook: { version: string | null; fields: F },
  crm: { version: string | null; fields: F },
): ConflictRecord {
  const fields = [...new Set(conflict.fields)];
  return {
    fields,
    bothChanged: true,
    winner: conflict.winner,
    outlook: sideOf(seal, canonical(outlook.fields), fields, outlook.version),
    crm: sideOf(seal, canonical(crm.fields), fields, crm.version),
  };
}

/** The log line's message: field names and the winner only (the record is in the entry's `conflict`). */
export function conflictMessage(record: Pick<ConflictRecord, 'fields' | 'winner'>): string {
  return `Changed on both sides: ${record.fields.join(', ')}; ${record.winner === 'outlook' ? 'Outlook' : 'C4C'} won (R12).`;
}

/** A stored record read back (sync_log.detail), or null when it is not one. */
export function conflictRecordFrom(value: unknown): ConflictRecord | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as Partial<ConflictRecord>;
  const side = (s: unknown): s is ConflictSide => s !== null && typeof s === 'object' && typeof (s as ConflictSide).digests === 'object';
  if (!Array.isArray(v.fields) || (v.winner !== 'outlook' && v.winner !== 'crm') || !side(v.outlook) || !side(v.crm)) return null;
  return { fields: v.fields.map(String), bothChanged: true, winner: v.winner, outlook: v.outlook, crm: v.crm };
}
