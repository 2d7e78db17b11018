// A small OData $filter parser and evaluator over the JSON a client would receive: comparisons, and/or/not,
// contains/startswith/endswith, and any/all lambdas (categories/any(c:c eq 'Visit'),
// singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')). Enough for what the product asks.
import { badRequest } from '../errors.js';

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'path'; segments: string[] }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'not'; operand: Expr }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'lambda'; op: 'any' | 'all'; collection: string[]; variable: string; body: Expr | null };

const TOKEN = /\s*(?:(\()|(\))|(,)|(:)|'((?:[^']|'')*)'|(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)|(-?\d+(?:\.\d+)?)(?![\w-])|([A-Za-z_@$][\w@./$-]*))/y;
type Token = { type: 'open' | 'close' | 'comma' | 'colon' | 'string' | 'number' | 'word'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    if (/^\s*$/.test(input.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(input);
    if (!m) throw badRequest(`Invalid filter clause: syntax error at position ${TOKEN.lastIndex} in '${input}'.`);
    if (m[1]) tokens.push({ type: 'open', text: '(' });
    else if (m[2]) tokens.push({ type: 'close', text: ')' });
    else if (m[3]) tokens.push({ type: 'comma', text: ',' });
    else if (m[4]) tokens.push({ type: 'colon', text: ':' });
    else if (m[5] !== undefined) tokens.push({ type: 'string', text: m[5].replace(/''/g, "'") });
    else if (m[6]) tokens.push({ type: 'string', text: m[6] });
    else if (m[7]) tokens.push({ type: 'number', text: m[7] });
    else tokens.push({ type: 'word', text: m[8] ?? '' });
  }
  return tokens;
}

const COMPARISON = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

export function parseFilter(input: string): Expr {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (): never => {
    throw badRequest(`Invalid filter clause: unexpected '${peek()?.text ?? 'end of input'}' in '${input}'.`);
  };
  const expect = (type: Token['type']) => (peek()?.type === type ? tokens[pos++] : fail());
  const isWord = (text: string) => peek()?.type === 'word' && peek()?.text.toLowerCase() === text;

  function or(): Expr {
    let left = and();
    while (isWord('or')) {
      pos++;
      left = { kind: 'binary', op: 'or', left, right: and() };
    }
    return left;
  }
  function and(): Expr {
    let left = unary();
    while (isWord('and')) {
      pos++;
      left = { kind: 'binary', op: 'and', left, right: unary() };
    }
    return left;
  }
  function unary(): Expr {
    if (isWord('not')) return (pos++, { kind: 'not', operand: unary() });
    const left = primary();
    const op = peek()?.type === 'word' ? peek()?.text.toLowerCase() : undefined;
    if (op && COMPARISON.has(op)) return (pos++, { kind: 'binary', op, left, right: primary() });
    return left;
  }
  function primary(): Expr {
    const token = peek() ?? fail();
    if (token.type === 'open') {
      pos++;
      const inner = or();
      expect('close');
      return inner;
    }
    if (token.type === 'string') return (pos++, { kind: 'literal', value: token.text });
    if (token.type === 'number') return (pos++, { kind: 'literal', value: Number(token.text) });
    if (token.type !== 'word') return fail();
    pos++;
    const lower = token.text.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
    if (lower === 'null') return { kind: 'literal', value: null };
    const segments = token.text.split('/');
    const last = segments[segments.length - 1]?.toLowerCase();
    if (peek()?.type === 'open' && (last === 'any' || last === 'all')) {
      pos++;
      if (peek()?.type === 'close') return (pos++, { kind: 'lambda', op: last, collection: segments.slice(0, -1), variable: '', body: null });
      const variable = (expect('word') as Token).text;
      expect('colon');
      const body = or();
      expect('close');
      return { kind: 'lambda', op: last, collection: segments.slice(0, -1), variable, body };
    }
    if (peek()?.type === 'open') {
      pos++;
      const args: Expr[] = [];
      while (peek()?.type !== 'close') {
        args.push(or());
        if (peek()?.type === 'comma') pos++;
        else break;
      }
      expect('close');
      return { kind: 'call', name: lower, args };
    }
    return { kind: 'path', segments };
  }

  const expr = or();
  if (pos !== tokens.length) fail();
  return expr;
}

type Scope = { root: unknown; vars: Map<string, unknown> };

function lookup(segments: string[], scope: Scope): unknown {
  const [first, ...rest] = segments;
  let value: unknown = first !== undefined && scope.vars.has(first) ? scope.vars.get(first) : undefined;
  const path = first !== undefined && scope.vars.has(first) ? rest : segments;
  if (!(first !== undefined && scope.vars.has(first))) value = scope.root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    const key = Object.keys(record).find((k) => k.toLowerCase() === segment.toLowerCase());
    value = key === undefined ? undefined : record[key];
  }
  return value;
}

const asDate = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(/Z|[+-]\d{2}:\d{2}$/.test(v) ? v : `${v}Z`) : NaN);

function compare(op: string, a: unknown, b: unknown): boolean {
  const da = asDate(a);
  const db = asDate(b);
  let left: unknown = a;
  let right: unknown = b;
  if (!Number.isNaN(da) && !Number.isNaN(db)) [left, right] = [da, db];
  else if (typeof a === 'string' && typeof b === 'string') [left, right] = [a.toLowerCase(), b.toLowerCase()];
  switch (op) {
    case 'eq': return left === right || (left == null && right == null);
    case 'ne': return !(left === right || (left == null && right == null));
    case 'gt': return (left as number) > (right as number);
    case 'ge': return (left as number) >= (right as number);
    case 'lt': return (left as number) < (right as number);
    default: return (left as number) <= (right as number);
  }
}

function evaluate(expr: Expr, scope: Scope): unknown {
  switch (expr.kind) {
    case 'literal': return expr.value;
    case 'path': return lookup(expr.segments, scope);
    case 'not': return !evaluate(expr.operand, scope);
    case 'binary':
      if (expr.op === 'and') return Boolean(evaluate(expr.left, scope)) && Boolean(evaluate(expr.right, scope));
      if (expr.op === 'or') return Boolean(evaluate(expr.left, scope)) || Boolean(evaluate(expr.right, scope));
      return compare(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope));
    case 'call': {
      const [a, b] = expr.args.map((arg) => evaluate(arg, scope));
      const text = typeof a === 'string' ? a.toLowerCase() : '';
      const needle = typeof b === 'string' ? b.toLowerCase() : '';
      if (expr.name === 'contains') return text.includes(needle);
      if (expr.name === 'startswith') return text.startsWith(needle);
      if (expr.name === 'endswith') return text.endsWith(needle);
      throw badRequest(`Invalid filter clause: unsupported function '${expr.name}'.`);
    }
    case 'lambda': {
      const items = lookup(expr.collection, scope);
      const list = Array.isArray(items) ? items : [];
      const test = (item: unknown) =>
        expr.body === null || Boolean(evaluate(expr.body, { root: scope.root, vars: new Map(scope.vars).set(expr.variable, item) }));
      return expr.op === 'any' ? list.some(test) : list.every(test);
    }
  }
}

export function matchesFilter(expr: Expr, item: unknown): boolean {
  return Boolean(evaluate(expr, { root: item, vars: new Map() }));
}
