// Privacy: the sync state keeps no item content (docs/privacy.md). The 3-way merge (R12) needs to know, per field,
// whether a side changed it since the last sync, not the old value itself. So a pair keeps a keyed hash (HMAC-SHA256)
// of each field's last synced canonical value, and its whole-item hashes are keyed the same way. The key is per
// tenant, derived from one configured secret (STATE_DIGEST_SECRET), so a short value like a subject cannot be found
// by hashing guesses without the secret.
import { createHmac, hkdfSync } from 'node:crypto';

/** Field name → keyed digest of the field's canonical value at the last sync. */
export type FieldDigests = Readonly<Record<string, string>>;

/** The base of a pair's 3-way merge, as stored (sync_pairs.base). */
export interface PairBase {
  digests: FieldDigests;
  /**
   * The UTC days the item spans (start at 00:00 of its first day, end at 00:00 after its last), or null for families
   * whose items have no time: whether a full read of the window should list the item. Days, not times, on purpose.
   */
  span: { startUtc: string; endUtc: string } | null;
}

/** Whether a stored base is one of digests (bases written before digests held the values themselves). */
export function isPairBase(value: unknown): value is PairBase {
  if (value === null || typeof value !== 'object') return false;
  const digests = (value as { digests?: unknown }).digests;
  return digests !== null && typeof digests === 'object' && 'span' in value;
}

/** Keyed hashing with one tenant's key. */
export interface StateSeal {
  /** The keyed digest of one field's canonical value (the field name is part of the input). */
  field(name: string, canonical: string): string;
  /** The keyed form of an unkeyed whole-item hash (what sync_pairs.outlook_hash and crm_hash hold). */
  item(hash: string): string;
}

/** The seal of each tenant. */
export type StateSealer = (tenantId: string) => StateSeal;

export function createStateSeal(key: Uint8Array): StateSeal {
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  return {
    field: (name, canonical) => mac(`field\u0000${name}\u0000${canonical}`),
    item: (hash) => mac(`item\u0000${hash}`),
  };
}

/** Each tenant's key: HKDF-SHA256 of the configured secret, with the tenant id as context. */
export function tenantKey(secret: string, tenantId: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'crm-sync state digests', tenantId, 32));
}

export function stateSealer(secret: string): StateSealer {
  const seals = new Map<string, StateSeal>();
  return (tenantId) => {
    let seal = seals.get(tenantId);
    if (!seal) {
      seal = createStateSeal(tenantKey(secret, tenantId));
      seals.set(tenantId, seal);
    }
    return seal;
  };
}

/**
 * The key of the n-th entry of a list that merges by value (contacts' e-mail addresses: `emails#0`, `emails#1` …).
 * Entries are sealed under the list's name (`emails#`), not their position, so the base can be asked whether it held
 * an entry wherever it stood (BaseView.holdsMember).
 */
export function memberKey(field: string, n: number): string {
  return `${field}#${n}`;
}

/** The name a key is sealed under: the key itself, or `<field>#` for a list entry. */
function sealName(key: string): string {
  const hash = key.indexOf('#');
  return hash < 0 ? key : key.slice(0, hash + 1);
}

export function digestsOf(seal: StateSeal, canonical: Readonly<Record<string, string>>): FieldDigests {
  const digests: Record<string, string> = {};
  for (const [name, value] of Object.entries(canonical)) digests[name] = seal.field(sealName(name), value);
  return digests;
}

/** UTC midnight at or before an ISO time, and at or after it: a span in whole days. */
export function daySpan(startUtc: string, endUtc: string): { startUtc: string; endUtc: string } {
  const day = 86_400_000;
  const start = Math.floor(Date.parse(startUtc) / day) * day;
  const end = Math.ceil(Date.parse(endUtc) / day) * day;
  if (Number.isNaN(start) || Number.isNaN(end)) return { startUtc, endUtc };
  return { startUtc: new Date(start).toISOString(), endUtc: new Date(Math.max(end, start + day)).toISOString() };
}

/**
 * What the merge asks of the base: whether an item holds the base's value of a field. Backed by the stored
 * digests (baseOfDigests) or, where an item is at hand (a test's oracle), by the item itself.
 */
export interface BaseView<F extends object> {
  holds(item: F, field: string): boolean;
  /**
   * Whether the base's list `field` held the entry (its canonical form), anywhere or, with `at`, at that position
   * (0: the primary), for lists that merge by value. Absent: the base cannot tell (its family merges no lists).
   */
  holdsMember?(field: string, canonicalEntry: string, at?: number): boolean;
}

export function baseOfDigests<F extends object>(seal: StateSeal, canonicalFields: (fields: F) => Readonly<Record<string, string>>, digests: FieldDigests): BaseView<F> {
  // An item's canonical forms are computed once per item, not once per field.
  const cache = new WeakMap<F, Readonly<Record<string, string>>>();
  return {
    holds(item, field) {
      const expected = digests[field];
      if (expected === undefined) return false;
      let canonical = cache.get(item);
      if (!canonical) {
        canonical = canonicalFields(item);
        cache.set(item, canonical);
      }
      const value = canonical[field];
      return value !== undefined && seal.field(field, value) === expected;
    },
    holdsMember(field, canonicalEntry, at) {
      const prefix = memberKey(field, 0).slice(0, -1);
      const sealed = seal.field(prefix, canonicalEntry);
      if (at !== undefined) return digests[memberKey(field, at)] === sealed;
      return Object.entries(digests).some(([key, digest]) => key.startsWith(prefix) && digest === sealed);
    },
  };
}
