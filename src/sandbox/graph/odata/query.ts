// Parses the OData system query options the sandbox supports. Unknown $-options are a 400, like Graph.
import { badRequest } from '../errors.js';
import { parseFilter, type Expr } from './filter.js';

export interface ODataQuery {
  select?: string[];
  filter?: Expr;
  top?: number;
  skip?: number;
  orderBy?: Array<{ path: string[]; descending: boolean }>;
  /** $expand=singleValueExtendedProperties(…): undefined = not expanded, null = all of them. */
  expandExtendedProperties?: Expr | null;
}

const SUPPORTED = new Set(['$select', '$filter', '$top', '$skip', '$orderby', '$expand', '$count', '$skiptoken', '$deltatoken']);

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth += 1;
    if (!quoted && ch === ')') depth -= 1;
    if (!quoted && depth === 0 && ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseInteger(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw badRequest(`Invalid value '${value}' for query option '${name}'.`);
  return Number(value);
}

function parseExpand(value: string, typeName: string): Expr | null | undefined {
  let result: Expr | null | undefined;
  for (const item of splitTopLevel(value, ',')) {
    const m = /^(\w+)(?:\((.*)\))?$/s.exec(item);
    const name = m?.[1]?.toLowerCase();
    if (!m || (name !== 'singlevalueextendedproperties' && name !== 'multivalueextendedproperties')) {
      throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${item}' on type '${typeName}'.`);
    }
    if (name === 'multivalueextendedproperties') continue;
    const options = m[2] ?? '';
    const filter = /^\$filter=(.*)$/is.exec(options.trim());
    if (options.trim() && !filter) throw badRequest(`Unsupported expand options '${options}'.`);
    result = filter?.[1] ? parseFilter(filter[1]) : null;
  }
  return result;
}

/** `typeName` only words the errors (unknown $expand names). */
export function parseODataQuery(query: Record<string, unknown>, typeName = 'microsoft.graph.event'): ODataQuery {
  const result: ODataQuery = {};
  for (const [rawName, rawValue] of Object.entries(query)) {
    if (!rawName.startsWith('$')) continue;
    const name = rawName.toLowerCase();
    if (!SUPPORTED.has(name)) throw badRequest(`Query option '${rawName}' is not supported.`);
    if (typeof rawValue !== 'string') throw badRequest(`Query option '${rawName}' was specified more than once.`);
    const value = rawValue.trim();
    if (name === '$select') result.select = value.split(',').map((s) => s.trim()).filter(Boolean);
    if (name === '$filter') result.filter = parseFilter(value);
    if (name === '$top') result.top = parseInteger(rawName, value);
    if (name === '$skip') result.skip = parseInteger(rawName, value);
    if (name === '$expand') result.expandExtendedProperties = parseExpand(value, typeName);
    if (name === '$orderby') {
      result.orderBy = splitTopLevel(value, ',').map((clause) => {
        const [path = '', direction = 'asc'] = clause.split(/\s+/);
        if (!/^(asc|desc)$/i.test(direction)) throw badRequest(`Invalid $orderby clause '${clause}'.`);
        return { path: path.split('/'), descending: direction.toLowerCase() === 'desc' };
      });
    }
  }
  return result;
}
