// Writes, checked against the metadata: unknown properties, non-creatable / non-updatable properties, wrong
// types, too-long strings and missing non-nullable fields are refused with C4C's 400 body; If-Match is compared
// with the current ETag (412 on mismatch); child collections can be deep-inserted with their header.
import { fromJson, type StoredRecord } from './edm-values.js';
import { badRequest, ODataError } from './errors.js';
import type { EntitySetDef, Schema } from './schema.js';
import { etagOf } from './serialize.js';
import { checkCodes } from './code-lists.js';
import { deriveReadOnlyFields } from './derive.js';
import { readableIdProperty, type C4cStore, type Row } from './store.js';

export type UpdateMode = 'PATCH' | 'MERGE' | 'PUT';

function asObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object', 'MALFORMED_BODY');
  }
  const obj = body as Record<string, unknown>;
  // Verbose JSON clients may wrap the entity in "d".
  const d = obj['d'];
  return Object.keys(obj).length === 1 && d !== null && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : obj;
}

function deepItems(value: unknown, nav: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object' && Array.isArray((value as { results?: unknown }).results)) {
    return (value as { results: unknown[] }).results;
  }
  throw badRequest(`Navigation property ${nav} must carry an array of entities for a deep insert`, 'MALFORMED_BODY');
}

export function createEntity(store: C4cStore, schema: Schema, set: EntitySetDef, body: unknown, parent?: Row): Row {
  if (!set.creatable) throw new ODataError(405, 'METHOD_NOT_ALLOWED', `Entity set ${set.name} is not creatable`);
  const obj = asObject(body);
  const values: StoredRecord = {};
  const deep: [EntitySetDef, unknown[]][] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (key === '__metadata') continue;
    const nav = set.type.navs.get(key);
    if (nav) {
      const target = schema.entitySets.get(nav.targetSet);
      if (nav.kind !== 'children' || !target) throw badRequest(`Deep insert over navigation property ${key} is not supported`, 'DEEP_INSERT');
      deep.push([target, deepItems(value, key)]);
      continue;
    }
    const p = set.type.properties.get(key);
    if (!p) throw badRequest(`Property ${key} is not defined in type ${set.type.qualifiedName}`, 'UNKNOWN_PROPERTY');
    if (!p.creatable) throw badRequest(`Property ${key} of ${set.type.name} is not creatable`, 'PROPERTY_NOT_CREATABLE');
    values[key] = fromJson(p, value);
  }
  if (parent) values['ParentObjectID'] = parent.id;
  let parentRow = parent;
  if (set.type.parentType && !parentRow) {
    const parentSet = schema.setOfType(set.type.parentType);
    const parentId = values['ParentObjectID'];
    parentRow = parentSet && typeof parentId === 'string' ? store.get(parentSet.name, parentId) : undefined;
    if (!parentRow) throw badRequest(`ParentObjectID must name an existing ${set.type.parentType}`, 'INVALID_PARENT');
  }
  for (const [name, p] of set.type.properties) {
    if (p.parentKey && parentRow) {
      const parentSet = set.type.parentType ? schema.setOfType(set.type.parentType) : undefined;
      const readable = parentSet ? readableIdProperty(parentSet.type) : undefined;
      if (readable) values[name] = parentRow.values[readable] ?? null;
    }
    const autoFilled = name === 'ObjectID' || name === readableIdProperty(set.type) || name === 'ParentObjectID';
    if (!p.nullable && p.creatable && !autoFilled && values[name] == null) {
      throw badRequest(`Property ${name} of ${set.type.name} is mandatory`, 'MANDATORY_PROPERTY');
    }
  }
  checkCodes(store, set, values);
  deriveReadOnlyFields(store, set, values);
  const row = store.insert(set.name, values);
  for (const [target, items] of deep) for (const item of items) createEntity(store, schema, target, item, row);
  return row;
}

const normalizeEtag = (e: string) => decodeURIComponent(e.trim());

export function checkIfMatch(set: EntitySetDef, row: Row, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const current = etagOf(set, row);
  if (current === undefined) return;
  if (normalizeEtag(ifMatch) !== normalizeEtag(current)) {
    throw new ODataError(412, 'PRECONDITION_FAILED', 'The entity was changed by someone else (ETag mismatch)');
  }
}

export function updateEntity(store: C4cStore, set: EntitySetDef, id: string, body: unknown, mode: UpdateMode, ifMatch?: string): Row {
  if (!set.updatable) throw new ODataError(405, 'METHOD_NOT_ALLOWED', `Entity set ${set.name} is not updatable`);
  const row = store.mustGet(set.name, id);
  checkIfMatch(set, row, ifMatch);
  const obj = asObject(body);
  const patch: StoredRecord = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === '__metadata') continue;
    if (set.type.navs.has(key)) {
      if (mode === 'PUT' && value !== null && typeof value === 'object' && '__deferred' in value) continue;
      throw badRequest(`Navigation property ${key} cannot be changed by an update`, 'DEEP_UPDATE');
    }
    const p = set.type.properties.get(key);
    if (!p) throw badRequest(`Property ${key} is not defined in type ${set.type.qualifiedName}`, 'UNKNOWN_PROPERTY');
    const stored = fromJson(p, value);
    if (!p.updatable) {
      // Clients that send the whole entity back (PUT) repeat read-only values; only a change is refused.
      if (stored === (row.values[key] ?? null) || p.concurrency) continue;
      throw badRequest(`Property ${key} of ${set.type.name} is not updatable`, 'PROPERTY_NOT_UPDATABLE');
    }
    patch[key] = stored;
  }
  if (mode === 'PUT') {
    for (const [name, p] of set.type.properties) {
      if (p.updatable && !(name in patch)) {
        if (!p.nullable) throw badRequest(`Property ${name} of ${set.type.name} is mandatory`, 'MANDATORY_PROPERTY');
        patch[name] = null;
      }
    }
  }
  const merged = { ...row.values, ...patch };
  checkCodes(store, set, patch);
  deriveReadOnlyFields(store, set, merged);
  for (const [k, v] of Object.entries(merged)) if (v !== row.values[k] && !(k in patch)) patch[k] = v;
  return store.update(set.name, id, patch, mode === 'PUT');
}

export function deleteEntity(store: C4cStore, set: EntitySetDef, id: string, ifMatch?: string): void {
  if (!set.deletable) throw new ODataError(405, 'METHOD_NOT_ALLOWED', `Entity set ${set.name} is not deletable`);
  const row = store.mustGet(set.name, id);
  checkIfMatch(set, row, ifMatch);
  store.remove(set.name, id);
}
