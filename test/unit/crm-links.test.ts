import {
  canBePrimary,
  crmObjectTypes,
  customPropertiesExtendedPropertyId,
  linksToCustomProperties,
  normalizePrimaries,
  parseLinksFromCustomProperties,
  primaryLink,
  primaryRoleOf,
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

  it('lets account-like links be the primary account and contacts the primary contact, nothing else (R8)', () => {
    expect(crmObjectTypes.filter((type) => canBePrimary({ type }))).toEqual(['account', 'contact', 'individualCustomer']);
    expect(primaryRoleOf('account')).toBe('account');
    expect(primaryRoleOf('individualCustomer')).toBe('account');
    expect(primaryRoleOf('contact')).toBe('contact');
    expect(primaryRoleOf('opportunity')).toBeNull();
  });

  it('finds the primary account and the primary contact', () => {
    const links = [
      { type: 'lead' as const, id: 'L', primary: true },
      { type: 'account' as const, id: 'A' },
      { type: 'individualCustomer' as const, id: 'I', primary: true },
      { type: 'contact' as const, id: 'C', primary: false },
    ];
    expect(primaryLink(links, 'account')?.id).toBe('I');
    expect(primaryLink(links, 'contact')).toBeUndefined();
    expect(normalizePrimaries([{ type: 'individualCustomer', id: 'I', primary: true }, { type: 'account', id: 'A', primary: true }])).toEqual([
      { type: 'individualCustomer', id: 'I', primary: true },
      { type: 'account', id: 'A' },
    ]);
  });

  it('names the MAPI property Exchange stores custom properties in', () => {
    expect(customPropertiesExtendedPropertyId('abc')).toBe('String {00020329-0000-0000-C000-000000000046} Name cecp-abc');
  });
});
