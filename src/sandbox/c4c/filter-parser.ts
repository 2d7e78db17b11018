// A tokenizer and recursive-descent parser for the $filter subset C4C accepts: eq ne gt ge lt le, and, or,
// parentheses, startswith/endswith (property first, optionally compared with `eq true`), and the literals
// 'string' (with '' escaping), datetimeoffset'…', datetime'…', guid'…', time'…', numbers, true/false/null.
// Anything else (not, arithmetic, substringof, other functions, navigation paths) is refused with 400.
import { badRequest } from './errors.js';
import { parseIsoMs } from './edm-values.js';

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'datetime' | 'datetimeoffset'; ms: number }
  | { type: 'guid' | 'time'; value: string }
  | { type: 'number'; value: number; text: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export interface BinaryNode {
  kind: 'and' | 'or';
  left: FilterNode;
  right: FilterNode;
}
export interface CompareNode {
  kind: 'compare';
  op: CompareOp;
  property: string;
  value: Literal;
}
export interface FunctionNode {
  kind: 'function';
  fn: 'startswith' | 'endswith';
  property: string;
  value: string;
}
export type FilterNode = BinaryNode | CompareNode | FunctionNode;

export const isBinary = (node: FilterNode): node is BinaryNode => node.kind === 'and' || node.kind === 'or';

type Token =
  | { t: 'punct'; v: '(' | ')' | ',' }
  | { t: 'ident'; v: string }
  | { t: 'literal'; v: Literal };

const COMPARE_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const SUPPORTED_FUNCTIONS = new Set(['startswith', 'endswith']);
const invalid = (message: string) => badRequest(`Invalid filter: ${message}`, 'INVALID_FILTER');

function readQuoted(src: string, start: number): { value: string; end: number } {
  let i = start + 1;
  let value = '';
  for (;;) {
    const q = src.indexOf("'", i);
    if (q < 0) throw invalid('unterminated string literal');
    value += src.slice(i, q);
    if (src[q + 1] === "'") {
      value += "'";
      i = q + 2;
    } else {
      return { value, end: q + 1 };
    }
  }
}

function typedLiteral(prefix: string, text: string): Literal {
  switch (prefix.toLowerCase()) {
    case 'datetimeoffset':
    case 'datetime': {
      const ms = parseIsoMs(text);
      if (ms === undefined) throw invalid(`bad ${prefix} literal '${text}'`);
      return { type: prefix.toLowerCase() as 'datetime' | 'datetimeoffset', ms };
    }
    case 'guid':
      if (!/^[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}$/.test(text)) throw invalid(`bad guid literal '${text}'`);
      return { type: 'guid', value: text };
    case 'time':
      return { type: 'time', value: text };
    default:
      throw invalid(`unsupported literal prefix ${prefix}`);
  }
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (c === ' ' || c === '\t') {
      i += 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: 'punct', v: c });
      i += 1;
    } else if (c === "'") {
      const { value, end } = readQuoted(src, i);
      tokens.push({ t: 'literal', v: { type: 'string', value } });
      i = end;
    } else if (/[-\d]/.test(c)) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDlLfF]?/.exec(src.slice(i));
      if (!m) throw invalid(`unexpected '${c}' at ${i}`);
      const text = m[0].replace(/[mMdDlLfF]$/, '');
      tokens.push({ t: 'literal', v: { type: 'number', value: Number(text), text } });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
      const word = m?.[0] ?? c;
      i += word.length;
      if (src[i] === "'") {
        const { value, end } = readQuoted(src, i);
        tokens.push({ t: 'literal', v: typedLiteral(word, value) });
        i = end;
      } else if (word === 'true' || word === 'false') {
        tokens.push({ t: 'literal', v: { type: 'boolean', value: word === 'true' } });
      } else if (word === 'null') {
        tokens.push({ t: 'literal', v: { type: 'null' } });
      } else {
        if (src[i] === '/') throw invalid('navigation paths are not supported in $filter');
        tokens.push({ t: 'ident', v: word });
      }
    } else {
      throw invalid(`unexpected '${c}' at position ${i}`);
    }
  }
  return tokens;
}

export function parseFilter(src: string): FilterNode {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const isIdent = (word: string) => {
    const tok = peek();
    return tok?.t === 'ident' && tok.v === word;
  };
  const expectPunct = (v: '(' | ')' | ',') => {
    const tok = tokens[pos++];
    if (tok?.t !== 'punct' || tok.v !== v) throw invalid(`expected '${v}'`);
  };
  const expectProperty = (): string => {
    const tok = tokens[pos++];
    if (tok?.t !== 'ident' || COMPARE_OPS.has(tok.v) || tok.v === 'and' || tok.v === 'or') throw invalid('expected a property name');
    return tok.v;
  };

  function parseOr(): FilterNode {
    let left = parseAnd();
    while (isIdent('or')) {
      pos += 1;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }
  function parseAnd(): FilterNode {
    let left = parsePrimary();
    while (isIdent('and')) {
      pos += 1;
      left = { kind: 'and', left, right: parsePrimary() };
    }
    return left;
  }
  function parsePrimary(): FilterNode {
    const tok = peek();
    if (tok?.t === 'punct' && tok.v === '(') {
      pos += 1;
      const inner = parseOr();
      expectPunct(')');
      return inner;
    }
    if (tok?.t !== 'ident') throw invalid('expected a property or function');
    if (tok.v === 'not') throw invalid("operator 'not' is not supported");
    const next = tokens[pos + 1];
    if (next?.t === 'punct' && next.v === '(') return parseFunction(tok.v);
    const property = expectProperty();
    const opTok = tokens[pos++];
    if (opTok?.t !== 'ident' || !COMPARE_OPS.has(opTok.v)) throw invalid(`expected a comparison operator after ${property}`);
    const valueTok = tokens[pos++];
    if (valueTok?.t !== 'literal') throw invalid(`expected a literal after ${property} ${opTok.v}`);
    return { kind: 'compare', op: opTok.v as CompareOp, property, value: valueTok.v };
  }
  function parseFunction(name: string): FilterNode {
    if (!SUPPORTED_FUNCTIONS.has(name)) throw invalid(`function ${name} is not supported`);
    pos += 2;
    const property = expectProperty();
    expectPunct(',');
    const lit = tokens[pos++];
    if (lit?.t !== 'literal' || lit.v.type !== 'string') throw invalid(`${name} needs a string literal as second argument`);
    expectPunct(')');
    if (isIdent('eq')) {
      const b = tokens[pos + 1];
      if (b?.t !== 'literal' || b.v.type !== 'boolean' || !b.v.value) throw invalid(`${name}(…) can only be compared with 'eq true'`);
      pos += 2;
    }
    return { kind: 'function', fn: name as 'startswith' | 'endswith', property, value: lit.v.value };
  }

  const tree = parseOr();
  if (pos !== tokens.length) throw invalid('unexpected input after the expression');
  return tree;
}
