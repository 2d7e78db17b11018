import {
  customPropertiesExtendedPropertyId,
  linksToCustomProperties,
  normalizePrimaries,
  parseLinksFromCustomProperties,
} from '../../src/shared/crm-links.js';

describe('crm links in custom properties', () => {
  it('round-trips links through the custom-properties JSON', () => {
    const links = [
      { type: 'account' as const, id: '1001', name: 'Porter LLC', primary: true },
      { type: 'opportunity' as const, id: '42' },
    ];
    const json = JSON.stringify(linksToCustomProperties(links));
    expect(parseLinksFromCustomProperties(json)).toEqual(links);
  });

  it('yields no links for missing, malformed or foreign data', () => {
    expect(parseLinksFromCustomProperties(undefined)).toEqual([]);
    expect(parseLinksFromCustomProperties('{not json')).toEqual([]);
    expect(parseLinksFromCustomProperties('{"crmLinks":"[{\\"type\\":\\"planet\\",\\"id\\":\\"x\\"}]"}')).toEqual([]);
    expect(parseLinksFromCustomProperties('{"other":"1"}')).toEqual([]);
  });

  it('keeps one primary account and one primary contact, and drops duplicates', () => {
    const out = normalizePrimaries([
      { type: 'account', id: 'A', primary: true },
      { type: 'account', id: 'B', primary: true },
      { type: 'contact', id: 'C', primary: true },
      { type: 'lead', id: 'L', primary: true },
      { type: 'account', id: 'A' },
    ]);
    expect(out).toEqual([
      { type: 'account', id: 'A', primary: true },
      { type: 'account', id: 'B' },
      { type: 'contact', id: 'C', primary: true },
      { type: 'lead', id: 'L' },
    ]);
  });

  it('names the MAPI property Exchange stores custom properties in', () => {
    expect(customPropertiesExtendedPropertyId('abc')).toBe('String {00020329-0000-0000-C000-000000000046} Name cecp-abc');
  });
});
