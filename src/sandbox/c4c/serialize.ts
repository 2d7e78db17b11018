// OData v2 verbose JSON: entities with __metadata {uri, type, etag}, /Date(ms)/ dates, deferred or expanded
// navigation properties, and the d / d.results / d.__count / d.__next envelopes.
import { etagHeader, toJson } from './edm-values.js';
import { followNav } from './navigation.js';
import type { EntitySetDef, Schema } from './schema.js';
import type { C4cStore, Row } from './store.js';

export interface SerializeContext {
  schema: Schema;
  store: C4cStore;
  /** Absolute service root ending in '/'. */
  serviceRoot: string;
}

const quote = (v: unknown) => `'${String(v).replaceAll("'", "''")}'`;

export function keyPredicate(set: EntitySetDef, row: Row): string {
  const keys = set.type.keys;
  if (keys.length === 1) return `(${quote(row.values[keys[0] ?? ''] ?? row.id)})`;
  return `(${keys.map((k) => `${k}=${quote(row.values[k])}`).join(',')})`;
}

export function entityUri(ctx: SerializeContext, set: EntitySetDef, row: Row): string {
  return `${ctx.serviceRoot}${set.name}${keyPredicate(set, row)}`;
}

export function etagOf(set: EntitySetDef, row: Row): string | undefined {
  return set.type.properties.has('ETag') && row.etagIso ? etagHeader(row.etagIso) : undefined;
}

/** Expand paths grouped by their first segment. */
function expandTree(paths: string[][]): Map<string, string[][]> {
  const tree = new Map<string, string[][]>();
  for (const [head, ...rest] of paths) {
    if (head === undefined) continue;
    const list = tree.get(head) ?? [];
    if (rest.length > 0) list.push(rest);
    tree.set(head, list);
  }
  return tree;
}

export function entityJson(ctx: SerializeContext, set: EntitySetDef, row: Row, expand: string[][] = [], select?: string[]): Record<string, unknown> {
  const uri = entityUri(ctx, set, row);
  const etag = etagOf(set, row);
  const out: Record<string, unknown> = {
    __metadata: { uri, type: set.type.qualifiedName, ...(etag ? { etag } : {}) },
  };
  const wanted = select && !select.includes('*') ? new Set(select.map((s) => s.split('/')[0] ?? '')) : undefined;
  for (const [name, p] of set.type.properties) {
    if (!wanted || wanted.has(name)) out[name] = toJson(p, row.values[name]);
  }
  const expanded = expandTree(expand);
  for (const [name, nav] of set.type.navs) {
    const sub = expanded.get(name);
    if (sub === undefined) {
      if (!wanted || wanted.has(name)) out[name] = { __deferred: { uri: `${uri}/${name}` } };
      continue;
    }
    const target = ctx.schema.entitySets.get(nav.targetSet);
    if (!target) continue;
    const rows = followNav(ctx.store, set, row, nav);
    const items = rows.map((r) => entityJson(ctx, target, r, sub));
    out[name] = nav.many ? { results: items } : (items[0] ?? null);
  }
  return out;
}

export function collectionBody(results: unknown[], count?: number, next?: string): { d: Record<string, unknown> } {
  const d: Record<string, unknown> = { results };
  if (count !== undefined) d['__count'] = String(count);
  if (next !== undefined) d['__next'] = next;
  return { d };
}
