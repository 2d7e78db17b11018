// The in-memory C4C tenant: one insertion-ordered map per entity set, a parent→children map for child sets,
// lazily built indexes (store-indexes.ts), ETag/EntityLastChangedOn stamping (a child's change restamps its
// parent), and an undo log so a $batch changeset can be rolled back as a whole.
import { randomUUID } from 'node:crypto';
import { EtagClock, type StoredRecord, type StoredValue } from './edm-values.js';
import { SnapshotShapeError, field, isArray, isNumber, isRecord, isString } from '../common/state-json.js';
import { notFound } from './errors.js';
import type { EntitySetDef, EntityTypeDef, Schema } from './schema.js';
import type { RangeIndex } from './range-index.js';
import type { SortedIndex } from './sorted-index.js';
import { StoreIndexes } from './store-indexes.js';

export interface Row {
  id: string;
  values: StoredRecord;
  /** ETag as ISO with 100 ns precision (the ETag property itself holds the ms). */
  etagIso: string;
}

/** Version of the C4C sandbox's snapshot (state file `state`); bump it when older snapshots can no longer be restored. */
export const C4C_STATE_VERSION = 1;

/** The store as data for the sandbox's state file: every table, as [ObjectID, ETag ISO, values] rows. */
export interface C4cStoreSnapshot {
  systemIdentity: string;
  objectCounter: number;
  /** Last readable id per entity set. */
  counters: Record<string, number>;
  clock: { ms: number; ticks: number };
  tables: Record<string, Array<[string, string, StoredRecord]>>;
}

export type ChangeType = 'created' | 'updated' | 'deleted';
export type ChangeListener = (entitySet: string, objectId: string, change: ChangeType) => void;

const READABLE_ID_START: Record<string, number> = {
  CorporateAccountCollection: 1_000_000,
  ContactCollection: 2_000_000,
  IndividualCustomerCollection: 3_000_000,
  EmployeeCollection: 8_100_000_000,
  AppointmentCollection: 10_000,
  VisitCollection: 20_000,
  TasksCollection: 30_000,
  EMailCollection: 40_000,
  LeadCollection: 50_000,
  OpportunityCollection: 60_000,
  ServiceRequestCollection: 70_000,
  SalesQuoteCollection: 80_000,
  CustomerOrderCollection: 90_000,
};
// `ID` first: a lead's readable id is its ID, and its ContactID names the lead's contact (a party id the client sets).
// No other root type has `ID` beside one of the others.
const READABLE_ID_PROPS = ['ID', 'ContactID', 'CustomerID', 'EmployeeID', 'AccountID'];
const CREATED_PROPS = ['CreatedOn', 'CreationDateTime', 'CreationOn', 'ReportedDateTime'];
const CHANGED_PROPS = ['EntityLastChangedOn', 'LastChangeDateTime', 'ChangedOn', 'UpdatedOn', 'LastChangedDateTime'];

export function readableIdProperty(type: EntityTypeDef): string | undefined {
  if (type.parentType) return undefined;
  return READABLE_ID_PROPS.find((p) => type.properties.has(p));
}

export class C4cStore {
  private readonly tables = new Map<string, Map<string, Row>>();
  private readonly children = new Map<string, Map<string, Set<string>>>();
  private readonly indexes = new StoreIndexes();
  private readonly counters = new Map<string, number>();
  private undoLog: (() => void)[] | undefined;
  private pendingChanges: [string, string, ChangeType][] = [];
  private objectCounter = 0;
  readonly clock: EtagClock;
  private listener: ChangeListener | undefined;
  /**
   * The tenant's system identity: the UUID IdentityGetLoggedInUserInfo answers for the technical user. Drawn anew
   * whenever the tenant is seeded (seedTenant), so the service can tell a reseeded tenant from the one it paired with.
   */
  systemIdentity: string = randomUUID();

  /**
   * How far the tenant's clock is off the real time (control plane: /_sandbox/clock), as a C4C system's clock may be
   * off the service's: it shifts every change stamp (EntityLastChangedOn, ETag). Stamps never go back (EtagClock).
   */
  clockOffsetMs = 0;

  constructor(
    readonly schema: Schema,
    now: () => number = Date.now,
  ) {
    this.clock = new EtagClock(() => now() + this.clockOffsetMs);
  }

  onChange(listener: ChangeListener | undefined): void {
    this.listener = listener;
  }

  clear(): void {
    this.tables.clear();
    this.children.clear();
    this.indexes.clear();
    this.counters.clear();
    this.objectCounter = 0;
  }

  /** Every table as it is, for the state file (a table added to the schema is included with no more code). */
  snapshot(): C4cStoreSnapshot {
    const tables: C4cStoreSnapshot['tables'] = {};
    for (const [set, table] of this.tables) if (table.size > 0) tables[set] = [...table.values()].map((r) => [r.id, r.etagIso, r.values]);
    return {
      systemIdentity: this.systemIdentity,
      objectCounter: this.objectCounter,
      counters: Object.fromEntries(this.counters),
      clock: this.clock.position,
      tables,
    };
  }

  /** Replaces everything with a snapshot() (no change notifications); throws SnapshotShapeError when it does not fit the schema. */
  restore(data: unknown): void {
    const tables = field(data, 'tables', isRecord, 'an object of tables');
    const counters = field(data, 'counters', isRecord, 'an object of counters');
    const clock = field(data, 'clock', isRecord, 'an ETag clock position');
    const objectCounter = field(data, 'objectCounter', isNumber, 'a number');
    const systemIdentity = field(data, 'systemIdentity', isString, 'a UUID');
    this.clear();
    for (const [set, rows] of Object.entries(tables)) {
      if (!this.schema.entitySets.has(set)) throw new SnapshotShapeError(`entity set ${set} is not in this sandbox's metadata`);
      if (!isArray(rows)) throw new SnapshotShapeError(`table ${set} is not a list of rows`);
      const table = this.table(set);
      for (const row of rows) {
        if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string' || !isRecord(row[2])) {
          throw new SnapshotShapeError(`a row of ${set} is not [ObjectID, ETag, values]`);
        }
        const restored: Row = { id: row[0], etagIso: row[1], values: row[2] as StoredRecord };
        this.put(table, restored);
        this.linkChild(set, restored.values['ParentObjectID'], restored.id, true);
      }
    }
    for (const [set, n] of Object.entries(counters)) {
      if (!isNumber(n)) throw new SnapshotShapeError(`the readable-id counter of ${set} is not a number`);
      this.counters.set(set, n);
    }
    this.objectCounter = objectCounter;
    this.clock.resumeAt({ ms: field(clock, 'ms', isNumber, 'a number'), ticks: field(clock, 'ticks', isNumber, 'a number') });
    this.systemIdentity = systemIdentity;
  }

  table(set: string): Map<string, Row> {
    let t = this.tables.get(set);
    if (!t) {
      t = new Map();
      this.tables.set(set, t);
    }
    return t;
  }

  get(set: string, id: string): Row | undefined {
    return this.tables.get(set)?.get(id);
  }

  mustGet(set: string, id: string): Row {
    const row = this.get(set, id);
    if (!row) throw notFound(`Resource not found for segment '${set}('${id}')'`);
    return row;
  }

  childrenOf(childSet: string, parentId: string): Row[] {
    const ids = this.children.get(childSet)?.get(parentId);
    if (!ids) return [];
    const t = this.table(childSet);
    return [...ids].map((id) => t.get(id)).filter((r): r is Row => r !== undefined);
  }

  /**
   * A new ObjectID: 32 hex digits, as C4C's. Real ObjectIDs are GUIDs, so no two systems ever share one; here the
   * digits after the fixed 00163E come from the system identity and the rest count up. A reseeded tenant (another
   * system) therefore never hands out an ObjectID the old one did: with a shared counter, a record of the new system
   * took the id of another kind of record in the old, which Outlook items still named (tasks, contacts).
   */
  newObjectId(): string {
    this.objectCounter += 1;
    const system = this.systemIdentity.replace(/-/g, '').slice(0, 9).toUpperCase();
    return `00163E${system}${this.objectCounter.toString(16).toUpperCase().padStart(17, '0')}`;
  }

  /** Readable ids per set from separate ranges, so a party id names one business partner only. */
  nextReadableId(set: string): string {
    const n = (this.counters.get(set) ?? READABLE_ID_START[set] ?? 1000) + 1;
    this.counters.set(set, n);
    return String(n);
  }

  /** Sorted index on set/property, built on first use and maintained on every write after that. */
  index(set: string, property: string): SortedIndex {
    return this.indexes.sorted(set, property, () => this.table(set).values());
  }

  /** Numeric range index on set/property (a change stamp in ms), built on first use and maintained after that. */
  rangeIndex(set: string, property: string): RangeIndex {
    return this.indexes.range(set, property, () => this.table(set).values());
  }

  /** The row's place in its table's insertion order: rows found through an index are sorted by it, as a scan finds them. */
  position(row: Row): number {
    return this.indexes.position(row);
  }

  private put(table: Map<string, Row>, row: Row): void {
    this.indexes.placed(row, table.get(row.id));
    table.set(row.id, row);
  }

  private reindex(set: string, row: Row, before: StoredRecord | undefined, after: StoredRecord | undefined): void {
    this.indexes.reindex(set, row.id, before, after);
  }

  private stamp(def: EntitySetDef, values: StoredRecord, created: boolean): string {
    const { ms, iso } = this.clock.next();
    const props = def.type.properties;
    if (props.has('ETag')) values['ETag'] = ms;
    for (const p of CHANGED_PROPS) if (props.has(p) && !props.get(p)?.updatable) values[p] = ms;
    if (props.has('EntityLastChangedOn')) values['EntityLastChangedOn'] = ms;
    if (created) for (const p of CREATED_PROPS) if (props.has(p) && values[p] === undefined) values[p] = ms;
    return iso;
  }

  private setDef(set: string): EntitySetDef {
    const def = this.schema.entitySets.get(set);
    if (!def) throw notFound(`Entity set ${set} not found`);
    return def;
  }

  private parentSetOf(def: EntitySetDef): string | undefined {
    return def.type.parentType ? this.schema.setOfType(def.type.parentType)?.name : undefined;
  }

  private linkChild(set: string, parentId: StoredValue | undefined, id: string, add: boolean): void {
    if (typeof parentId !== 'string') return;
    let byParent = this.children.get(set);
    if (!byParent) this.children.set(set, (byParent = new Map()));
    let ids = byParent.get(parentId);
    if (!ids) byParent.set(parentId, (ids = new Set()));
    if (add) ids.add(id);
    else ids.delete(id);
  }

  /** Restamps the parent (and its parent) after a child changed, as C4C does. */
  private touchParent(def: EntitySetDef, values: StoredRecord): void {
    const parentSet = this.parentSetOf(def);
    const parentId = values['ParentObjectID'];
    if (!parentSet || typeof parentId !== 'string') return;
    const parent = this.get(parentSet, parentId);
    if (parent) this.update(parentSet, parentId, {});
  }

  insert(set: string, values: StoredRecord): Row {
    const def = this.setDef(set);
    const id = typeof values['ObjectID'] === 'string' ? values['ObjectID'] : this.newObjectId();
    values['ObjectID'] = id;
    const readable = readableIdProperty(def.type);
    if (readable && values[readable] == null) values[readable] = this.nextReadableId(set);
    if (def.type.properties.get('UUID')?.type === 'Edm.Guid' && values['UUID'] == null) values['UUID'] = uuidFromObjectId(id);
    const row: Row = { id, values, etagIso: this.stamp(def, values, true) };
    const table = this.table(set);
    // An ObjectID already there is replaced in place: the old row's values leave the indexes.
    const replaced = table.get(id);
    if (replaced) this.reindex(set, replaced, replaced.values, undefined);
    this.put(table, row);
    this.linkChild(set, values['ParentObjectID'], id, true);
    this.reindex(set, row, undefined, values);
    this.record(() => this.removeRaw(set, row), set, id, 'created');
    this.touchParent(def, values);
    return row;
  }

  update(set: string, id: string, patch: StoredRecord, replace = false): Row {
    const def = this.setDef(set);
    const row = this.mustGet(set, id);
    const before = row.values;
    const beforeEtag = row.etagIso;
    const keep: StoredRecord = {};
    if (replace) for (const [k, p] of def.type.properties) if (!p.updatable && before[k] !== undefined) keep[k] = before[k] ?? null;
    const after: StoredRecord = replace ? { ...keep, ...patch } : { ...before, ...patch };
    row.etagIso = this.stamp(def, after, false);
    row.values = after;
    this.reindex(set, row, before, after);
    this.record(() => {
      this.reindex(set, row, row.values, before);
      row.values = before;
      row.etagIso = beforeEtag;
    }, set, id, 'updated');
    this.touchParent(def, after);
    return row;
  }

  /** Deletes a row with its children; the parent of a deleted child is restamped (not when it goes too). */
  remove(set: string, id: string, withParent = false): void {
    const def = this.setDef(set);
    const row = this.mustGet(set, id);
    for (const nav of def.type.navs.values()) {
      if (nav.kind === 'children') for (const child of this.childrenOf(nav.targetSet, id)) this.remove(nav.targetSet, child.id, true);
    }
    this.removeRaw(set, row);
    this.record(() => this.restoreRaw(set, row), set, id, 'deleted');
    if (!withParent) this.touchParent(def, row.values);
  }

  private removeRaw(set: string, row: Row): void {
    this.table(set).delete(row.id);
    this.linkChild(set, row.values['ParentObjectID'], row.id, false);
    this.reindex(set, row, row.values, undefined);
  }

  private restoreRaw(set: string, row: Row): void {
    this.put(this.table(set), row);
    this.linkChild(set, row.values['ParentObjectID'], row.id, true);
    this.reindex(set, row, undefined, row.values);
  }

  private record(undo: () => void, set: string, id: string, change: ChangeType): void {
    if (this.undoLog) {
      this.undoLog.push(undo);
      this.pendingChanges.push([set, id, change]);
    } else {
      this.listener?.(set, id, change);
    }
  }

  /** Runs fn atomically: on a throw every change it made is undone and no change notification goes out. */
  transaction<T>(fn: () => T): T {
    if (this.undoLog) return fn();
    this.undoLog = [];
    this.pendingChanges = [];
    try {
      const result = fn();
      const changes = coalesce(this.pendingChanges);
      this.undoLog = undefined;
      for (const [set, id, change] of changes) this.listener?.(set, id, change);
      return result;
    } catch (err) {
      const log = this.undoLog ?? [];
      this.undoLog = undefined;
      for (let i = log.length - 1; i >= 0; i -= 1) log[i]?.();
      throw err;
    } finally {
      this.pendingChanges = [];
    }
  }
}

/**
 * One notification per object and request, as C4C raises one event per business object save: a deep insert's
 * children restamp their new parent (no extra "updated" after its "created"), and a change set that touches one
 * object several times reports it once. Order of first appearance is kept.
 */
function coalesce(changes: readonly [string, string, ChangeType][]): [string, string, ChangeType][] {
  const byKey = new Map<string, [string, string, ChangeType]>();
  for (const [set, id, change] of changes) {
    const key = `${set}|${id}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, [set, id, change]);
    else if (change === 'deleted') seen[2] = 'deleted';
  }
  return [...byKey.values()];
}

export function uuidFromObjectId(id: string): string {
  const h = id.slice(-32).padStart(32, '0').toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
