// Parses the system query options of a read ($filter, $select, $expand, $orderby, $top, $skip, $skiptoken,
// $inlinecount, $search, $format) against an entity type. Unknown $-options and bad values are a 400.
import { badRequest } from './errors.js';
import { compileFilter, type CompiledFilter } from './filter-compile.js';
import { parseFilter } from './filter-parser.js';
import type { EntityTypeDef, Schema } from './schema.js';

export interface OrderBy {
  property: string;
  desc: boolean;
}

export interface QueryOptions {
  filter?: CompiledFilter;
  select?: string[];
  expand: string[][];
  orderby: OrderBy[];
  top?: number;
  skip: number;
  skiptoken?: number;
  inlinecount: boolean;
  search?: string;
  /** The raw options, to build the __next link from. */
  raw: URLSearchParams;
}

const KNOWN = new Set(['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$skiptoken', '$inlinecount', '$search', '$format']);

function nonNegativeInt(name: string, v: string | null): number | undefined {
  if (v === null) return undefined;
  if (!/^\d+$/.test(v)) throw badRequest(`Invalid value '${v}' for ${name}`);
  return Number(v);
}

/** Checks that a path of navigation properties exists, starting at `type`. */
export function checkNavPath(schema: Schema, type: EntityTypeDef, path: string[]): void {
  let current = type;
  for (const segment of path) {
    const nav = current.navs.get(segment);
    if (!nav) throw badRequest(`Navigation property ${segment} not found in type ${current.name}`, 'INVALID_EXPAND');
    const next = schema.entitySets.get(nav.targetSet)?.type;
    if (!next) throw badRequest(`Navigation target ${nav.targetSet} is not served`, 'INVALID_EXPAND');
    current = next;
  }
}

export function parseQueryOptions(schema: Schema, type: EntityTypeDef, raw: URLSearchParams): QueryOptions {
  for (const key of raw.keys()) {
    if (key.startsWith('$') && !KNOWN.has(key)) throw badRequest(`System query option ${key} is not supported`);
  }
  const format = raw.get('$format');
  if (format !== null && format !== 'json') throw badRequest(`The sandbox only serves $format=json`, 'UNSUPPORTED_FORMAT');

  const filterText = raw.get('$filter');
  const filter = filterText === null || filterText.trim() === '' ? undefined : compileFilter(type, parseFilter(filterText));

  const expand = (raw.get('$expand') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split('/'));
  for (const path of expand) checkNavPath(schema, type, path);

  const selectText = raw.get('$select');
  const select = selectText === null ? undefined : selectText.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of select ?? []) {
    const head = s.split('/')[0] ?? '';
    if (s !== '*' && !type.properties.has(head) && !type.navs.has(head)) throw badRequest(`Property ${head} not found in type ${type.name}`, 'INVALID_SELECT');
  }

  const orderby = (raw.get('$orderby') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const [property = '', dir = 'asc', ...rest] = part.split(/\s+/);
      if (rest.length > 0 || (dir !== 'asc' && dir !== 'desc')) throw badRequest(`Invalid $orderby '${part}'`);
      if (!type.properties.has(property)) throw badRequest(`Property ${property} not found in type ${type.name}`);
      return { property, desc: dir === 'desc' };
    });

  const inline = raw.get('$inlinecount');
  if (inline !== null && inline !== 'allpages' && inline !== 'none') throw badRequest(`Invalid $inlinecount '${inline}'`);
  const search = raw.get('$search')?.trim().replace(/^'(.*)'$/s, '$1').replace(/^"(.*)"$/s, '$1');

  return {
    filter,
    select,
    expand,
    orderby,
    top: nonNegativeInt('$top', raw.get('$top')),
    skip: nonNegativeInt('$skip', raw.get('$skip')) ?? 0,
    skiptoken: nonNegativeInt('$skiptoken', raw.get('$skiptoken')),
    inlinecount: inline === 'allpages',
    search: search === '' ? undefined : search,
    raw,
  };
}
