// Checks a parsed $filter against the entity type (property exists, sap:filterable, literal fits the EDM type,
// `or` only across one property, as C4C requires) and compiles it to a predicate. String comparisons ignore case,
// and '*' inside an eq/ne string literal is a wildcard, as in C4C. Also reports the conditions the store can answer
// from an index: a prefix, a set of exact values, a lower bound. The predicate still decides every row.
import { badRequest } from './errors.js';
import type { StoredRecord, StoredValue } from './edm-values.js';
import { isBinary, type FilterNode, type Literal } from './filter-parser.js';
import type { EntityTypeDef, PropertyDef } from './schema.js';

export type Predicate = (row: StoredRecord) => boolean;

/** A conjunct of the filter that a sorted index can answer: property value starts with `prefix` (lower case). */
export interface PrefixHint {
  property: string;
  prefix: string;
  exact: boolean;
}

/** A conjunct `P eq 'a'` or `P eq 'a' or P eq 'b' …` on one string property (no wildcard): value in `values` (lower case). */
export interface LookupHint {
  property: string;
  values: string[];
}

/** A conjunct `P ge x` (inclusive) or `P gt x` on a date/time property: value at or above `bound` (ms). */
export interface RangeHint {
  property: string;
  bound: number;
  inclusive: boolean;
}

export interface CompiledFilter {
  predicate: Predicate;
  hints: PrefixHint[];
  lookups: LookupHint[];
  ranges: RangeHint[];
}

const invalid = (message: string) => badRequest(message, 'INVALID_FILTER');

const LITERAL_FITS: Record<string, Literal['type'][]> = {
  'Edm.String': ['string'],
  'Edm.Boolean': ['boolean'],
  'Edm.Int16': ['number'],
  'Edm.Int32': ['number'],
  'Edm.Decimal': ['number', 'string'],
  'Edm.DateTimeOffset': ['datetimeoffset', 'datetime'],
  'Edm.DateTime': ['datetime', 'datetimeoffset'],
  'Edm.Guid': ['guid', 'string'],
  'Edm.Time': ['time', 'string'],
};

function propertyOf(type: EntityTypeDef, name: string): PropertyDef {
  const p = type.properties.get(name);
  if (!p) throw invalid(`Property ${name} not found in type ${type.name}`);
  if (!p.filterable) throw invalid(`Property ${name} of type ${type.name} is not filterable`);
  return p;
}

function literalValue(p: PropertyDef, lit: Literal): StoredValue {
  if (lit.type === 'null') return null;
  if (!(LITERAL_FITS[p.type] ?? ['string']).includes(lit.type)) {
    throw invalid(`Literal of type ${lit.type} does not fit property ${p.name} (${p.type})`);
  }
  switch (lit.type) {
    case 'datetime':
    case 'datetimeoffset':
      return lit.ms;
    case 'number':
      return p.type === 'Edm.Decimal' ? lit.text : lit.value;
    case 'boolean':
      return lit.value;
    default:
      return lit.value;
  }
}

function compareValues(a: StoredValue, b: StoredValue, p: PropertyDef): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (p.type === 'Edm.Decimal') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a === b ? 0 : String(a) < String(b) ? -1 : 1;
}

function wildcardRegex(pattern: string): RegExp {
  const body = pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 'is');
}

function propertiesIn(node: FilterNode, into = new Set<string>()): Set<string> {
  if (isBinary(node)) {
    propertiesIn(node.left, into);
    propertiesIn(node.right, into);
  } else {
    into.add(node.property);
  }
  return into;
}

export function compileFilter(type: EntityTypeDef, node: FilterNode): CompiledFilter {
  const predicate = compileNode(type, node);
  return { predicate, hints: prefixHints(node), lookups: lookupHints(type, node), ranges: rangeHints(type, node) };
}

function compileNode(type: EntityTypeDef, node: FilterNode): Predicate {
  if (isBinary(node)) {
    if (node.kind === 'or' && propertiesIn(node).size > 1) {
      throw invalid("Operator 'or' is only supported between conditions on the same property");
    }
    const l = compileNode(type, node.left);
    const r = compileNode(type, node.right);
    return node.kind === 'and' ? (row) => l(row) && r(row) : (row) => l(row) || r(row);
  }
  const p = propertyOf(type, node.property);
  const name = p.name;
  if (node.kind === 'function') {
    if (p.type !== 'Edm.String') throw invalid(`${node.fn} needs a string property; ${name} is ${p.type}`);
    const needle = node.value.toLowerCase();
    return node.fn === 'startswith'
      ? (row) => typeof row[name] === 'string' && (row[name] as string).toLowerCase().startsWith(needle)
      : (row) => typeof row[name] === 'string' && (row[name] as string).toLowerCase().endsWith(needle);
  }
  const value = literalValue(p, node.value);
  if (typeof value === 'string' && value.includes('*') && p.type === 'Edm.String') {
    if (node.op !== 'eq' && node.op !== 'ne') throw invalid(`Wildcards are only supported with eq and ne`);
    const re = wildcardRegex(value);
    const test: Predicate = (row) => typeof row[name] === 'string' && re.test(row[name] as string);
    return node.op === 'eq' ? test : (row) => !test(row);
  }
  const op = node.op;
  return (row): boolean => {
    const c = compareValues(row[name] ?? null, value, p);
    switch (op) {
      case 'eq':
        return c === 0;
      case 'ne':
        return c !== 0;
      case 'gt':
        return c > 0 && row[name] != null;
      case 'ge':
        return c >= 0 && row[name] != null;
      case 'lt':
        return c < 0 && row[name] != null;
      case 'le':
        return c <= 0 && row[name] != null;
    }
  };
}

/** Conjuncts (top-level `and` chain) of the form startswith(P,'x'), P eq 'x' or P eq 'x*' (single trailing '*'). */
function prefixHints(node: FilterNode): PrefixHint[] {
  if (isBinary(node)) return node.kind === 'and' ? [...prefixHints(node.left), ...prefixHints(node.right)] : [];
  if (node.kind === 'function' && node.fn === 'startswith') return [{ property: node.property, prefix: node.value.toLowerCase(), exact: false }];
  if (node.kind === 'compare' && node.op === 'eq' && node.value.type === 'string') {
    const v = node.value.value;
    const star = v.indexOf('*');
    if (star < 0) return [{ property: node.property, prefix: v.toLowerCase(), exact: true }];
    if (star === v.length - 1 && star > 0) return [{ property: node.property, prefix: v.slice(0, -1).toLowerCase(), exact: false }];
  }
  return [];
}

/** The top-level `and` chain's conjuncts. */
function conjuncts(node: FilterNode): FilterNode[] {
  return isBinary(node) && node.kind === 'and' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

/** The string values of an `eq` (or an `or` of them) on one Edm.String property, or null when it is anything else. */
function exactValues(type: EntityTypeDef, node: FilterNode): { property: string; values: string[] } | null {
  if (isBinary(node)) {
    if (node.kind !== 'or') return null;
    const l = exactValues(type, node.left);
    const r = exactValues(type, node.right);
    return l && r && l.property === r.property ? { property: l.property, values: [...l.values, ...r.values] } : null;
  }
  if (node.kind !== 'compare' || node.op !== 'eq' || node.value.type !== 'string' || node.value.value.includes('*')) return null;
  if (type.properties.get(node.property)?.type !== 'Edm.String') return null;
  return { property: node.property, values: [node.value.value.toLowerCase()] };
}

function lookupHints(type: EntityTypeDef, node: FilterNode): LookupHint[] {
  return conjuncts(node).flatMap((c) => exactValues(type, c) ?? []);
}

const DATE_TYPES = new Set(['Edm.DateTimeOffset', 'Edm.DateTime']);

function rangeHints(type: EntityTypeDef, node: FilterNode): RangeHint[] {
  return conjuncts(node).flatMap((c): RangeHint[] => {
    if (c.kind !== 'compare' || (c.op !== 'ge' && c.op !== 'gt')) return [];
    if (c.value.type !== 'datetime' && c.value.type !== 'datetimeoffset') return [];
    if (!DATE_TYPES.has(type.properties.get(c.property)?.type ?? '')) return [];
    return [{ property: c.property, bound: c.value.ms, inclusive: c.op === 'ge' }];
  });
}
