// C4C's OData V2 JSON values the preview card reads: Edm.Decimal as a string, Edm.DateTime dates as /Date(ms)/.
import { dateOf, decimalOf } from '../../../src/server/adapters/c4c/record-preview.js';

describe('preview values from C4C OData V2 JSON', () => {
  it('reads an Edm.Decimal string as a number, nothing else', () => {
    expect(decimalOf('125000.000000')).toBe(125000);
    expect(decimalOf('0.500000')).toBe(0.5);
    expect(decimalOf('')).toBeNull();
    expect(decimalOf('abc')).toBeNull();
    expect(decimalOf(null)).toBeNull();
  });

  it('reads an Edm.DateTime date as YYYY-MM-DD (UTC), nothing else', () => {
    expect(dateOf('/Date(1798675200000)/')).toBe('2026-12-31');
    expect(dateOf('/Date(1798675200000+0000)/')).toBe('2026-12-31');
    expect(dateOf('2026-12-31')).toBeNull();
    expect(dateOf(null)).toBeNull();
  });
});
