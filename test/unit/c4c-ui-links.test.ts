import { c4cUiLink, c4cUiOrigin } from '../../src/shared/c4c-ui-links.js';

describe('C4C UI deep links', () => {
  it('opens an account by its ID in the documented form, with the SSO flag when asked', () => {
    const origin = c4cUiOrigin('https://my123456.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi');
    expect(origin).toBe('https://my123456.crm.ondemand.com');
    const link = new URL(c4cUiLink(origin, 'account', '1000123'));
    expect(link.pathname).toBe('/sap/public/byd/runtime');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      bo_ns: 'http://sap.com/thingTypes',
      bo: 'COD_GENERIC',
      node: 'Root',
      operation: 'OnExtInspect',
      'param.InternalID': '1000123',
      'param.Type': 'COD_ACCOUNT_TT',
      'sapbyd-agent': 'TAB',
    });
    expect(new URL(c4cUiLink(origin, 'task', '42', { sso: true })).searchParams.get('OBNRedirect')).toBe('X');
  });

  it('escapes the id and takes a tenant-specific thing type', () => {
    const link = new URL(c4cUiLink('https://c4c.example', 'task', 'a&b=c', { thingTypes: { task: 'Z_TASK' } }));
    expect(link.searchParams.get('param.InternalID')).toBe('a&b=c');
    expect(link.searchParams.get('param.Type')).toBe('Z_TASK');
  });
});
