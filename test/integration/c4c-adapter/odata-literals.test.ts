// The escaping module on its own (pure) and against the sandbox's $filter parser: hostile text must stay one
// string literal, so the parsed filter is the same comparison whatever the text contains.
import { parseFilter } from '../../../src/sandbox/c4c/filter-parser.js';
import {
  UnsafeFilterValue,
  and,
  dateTimeOffsetLiteral,
  eq,
  eqAny,
  exactLiteral,
  property,
  queryString,
  searchTerm,
  startsWith,
} from '../../../src/server/adapters/c4c/odata-literals.js';

const HOSTILE = [
  "' or 1 eq 1",
  "x') or (Name eq 'y",
  ')',
  "O'Brien",
  "''",
  "'",
  'a and b',
  "Name eq 'x' or Name ne 'x'",
  '%27 or 1 eq 1',
  '&$top=100000',
  '#frag',
  'a+b c',
  'Müller & Söhne',
  "\\' or 1 eq 1 --",
];

describe('C4C OData literals', () => {
  it('doubles single quotes so hostile text stays one literal in the parsed filter', () => {
    for (const text of HOSTILE) {
      const node = parseFilter(eq('Name', text));
      expect(node).toEqual({ kind: 'compare', op: 'eq', property: 'Name', value: { type: 'string', value: text } });
    }
  });

  it('keeps startswith a single function call with the exact term', () => {
    for (const text of HOSTILE) {
      const term = searchTerm(text, { maxLength: 100 }) ?? '';
      expect(term).not.toBe('');
      expect(parseFilter(startsWith('Name', term))).toEqual({ kind: 'function', fn: 'startswith', property: 'Name', value: term });
    }
  });

  it('refuses * for exact comparisons and strips it from search terms', () => {
    expect(() => exactLiteral('ab*')).toThrow(UnsafeFilterValue);
    expect(() => eq('Email', '*@contoso.example')).toThrow(UnsafeFilterValue);
    expect(searchTerm('*', { maxLength: 40 })).toBeNull();
    expect(searchTerm('Al*pine*', { maxLength: 40 })).toBe('Al pine');
    expect(searchTerm('  Alp\n\tine  ', { maxLength: 40 })).toBe('Alp ine');
  });

  it('refuses control characters in exact values, over-long literals and non-property names', () => {
    expect(() => exactLiteral('a\u0000b')).toThrow(UnsafeFilterValue);
    expect(() => exactLiteral('x'.repeat(766))).toThrow(UnsafeFilterValue);
    expect(() => property('Name eq 1 or Name')).toThrow(UnsafeFilterValue);
    expect(() => property("Name'")).toThrow(UnsafeFilterValue);
  });

  it('cuts search terms to the field length and drops empty input', () => {
    expect(searchTerm('x'.repeat(500), { maxLength: 40 })).toHaveLength(40);
    expect(searchTerm('   ', { maxLength: 40 })).toBeNull();
    expect(searchTerm('a', { maxLength: 40, minLength: 2 })).toBeNull();
  });

  it('builds or-lists over one property and parenthesizes conjunctions', () => {
    const filter = and(eqAny('Email', ['a@x.example', "o'b@x.example"]), "EntityLastChangedOn ge datetimeoffset'2026-01-01T00:00:00Z'");
    const node = parseFilter(filter);
    expect(node.kind).toBe('and');
    if (node.kind !== 'and') return;
    expect(node.left).toEqual({
      kind: 'or',
      left: { kind: 'compare', op: 'eq', property: 'Email', value: { type: 'string', value: 'a@x.example' } },
      right: { kind: 'compare', op: 'eq', property: 'Email', value: { type: 'string', value: "o'b@x.example" } },
    });
    expect(() => eqAny('Email', [])).toThrow(UnsafeFilterValue);
  });

  it('accepts only strict ISO UTC instants as datetimeoffset literals', () => {
    expect(dateTimeOffsetLiteral('2026-11-21T09:30:00.123Z')).toBe("datetimeoffset'2026-11-21T09:30:00.123Z'");
    expect(() => dateTimeOffsetLiteral("2026-11-21T09:30:00Z' or 1 eq 1")).toThrow(UnsafeFilterValue);
    expect(() => dateTimeOffsetLiteral('2026-11-21')).toThrow(UnsafeFilterValue);
  });

  it('percent-encodes option values so & # + % cannot leak into other options', () => {
    const qs = queryString({ $filter: eq('Name', '&$top=1#x+y%'), $top: 5, $skip: undefined });
    const params = new URLSearchParams(qs);
    expect([...params.keys()]).toEqual(['$filter', '$top']);
    expect(params.get('$filter')).toBe("Name eq '&$top=1#x+y%'");
    expect(params.get('$top')).toBe('5');
  });
});
