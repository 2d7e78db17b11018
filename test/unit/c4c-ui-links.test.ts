import { c4cUiLink, c4cUiLinkFor, c4cUiOrigin, C4C_THING_TYPES, parseThingTypes } from '../../src/shared/c4c-ui-links.js';

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

  it('opens activities and every linkable object on the UI host, never on the OData service', () => {
    const ui = { origin: 'https://my123456.crm.ondemand.com/', sso: false, thingTypes: { visit: 'Z_VISIT_TT' } };
    for (const type of Object.keys(C4C_THING_TYPES) as (keyof typeof C4C_THING_TYPES)[]) {
      const link = new URL(c4cUiLinkFor(ui, type, '4711'));
      expect(`${link.origin}${link.pathname}`).toBe('https://my123456.crm.ondemand.com/sap/public/byd/runtime');
      expect(link.searchParams.get('param.Type')).toBe(type === 'visit' ? 'Z_VISIT_TT' : C4C_THING_TYPES[type]);
      expect(link.href).not.toMatch(/odata|Collection/);
    }
    expect(new URL(c4cUiLinkFor(ui, 'appointment', '10042')).searchParams.get('param.Type')).toBe('COD_APPOINTMENT');
  });

  it('reads thing type overrides as type=THING_TYPE pairs and names what is wrong', () => {
    expect(parseThingTypes(' visit=Z_VISIT_TT, lead = COD_LEAD_TT ,')).toEqual({ thingTypes: { visit: 'Z_VISIT_TT', lead: 'COD_LEAD_TT' } });
    expect(parseThingTypes('')).toEqual({ thingTypes: {} });
    expect(parseThingTypes('planet=X')).toEqual({ error: expect.stringContaining('unknown type "planet"') });
    expect(parseThingTypes('visit')).toEqual({ error: expect.stringContaining('not type=THING_TYPE') });
    expect(parseThingTypes('visit=<script>')).toEqual({ error: expect.stringContaining('not a thing type') });
  });
});
