// Parses a resource path below the service root: `Set`, `Set('key')`, `Set(ObjectID='key')`,
// `Set(Context='a',Code='b')`, then an optional navigation property and an optional `/$count`.
import { badRequest } from './errors.js';

export interface ResourcePath {
  name: string;
  key?: Record<string, string> | string;
  nav?: string;
  count: boolean;
}

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)(?:\((.*)\))?$/s;

function parseKey(text: string): Record<string, string> | string {
  const single = /^'((?:[^']|'')*)'$/.exec(text);
  if (single) return (single[1] ?? '').replaceAll("''", "'");
  const parts: Record<string, string> = {};
  const re = /([A-Za-z_][A-Za-z0-9_]*)='((?:[^']|'')*)'(?:,|$)/gy;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    parts[m[1] ?? ''] = (m[2] ?? '').replaceAll("''", "'");
    consumed = re.lastIndex;
  }
  if (consumed !== text.length || Object.keys(parts).length === 0) throw badRequest(`Invalid key predicate (${text})`, 'INVALID_KEY');
  return parts;
}

export function parseResourcePath(path: string): ResourcePath {
  const segments = path.split('/').filter((s) => s !== '');
  const [first, ...rest] = segments;
  const m = first === undefined ? null : SEGMENT.exec(first);
  if (!m) throw badRequest(`Invalid resource path '${path}'`, 'INVALID_PATH');
  const out: ResourcePath = { name: m[1] ?? '', count: false };
  if (m[2] !== undefined) out.key = parseKey(m[2]);
  for (const seg of rest) {
    if (seg === '$count' && !out.count) out.count = true;
    else if (!out.nav && !out.count && out.key !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out.nav = seg;
    else throw badRequest(`Invalid resource path segment '${seg}'`, 'INVALID_PATH');
  }
  return out;
}
