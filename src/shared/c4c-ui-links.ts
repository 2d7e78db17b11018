// Links that open a C4C object in C4C's own UI (not its OData API), for people: the To Do task's linked resource
// (R13), the task pane's "Open in SAP Cloud for Customer" for the activity and each linked object, and the CRM
// search results. C4C documents one deep-link form for every object (SAP KBA 3521005; "How to construct a Deep
// link URL for C4C Business Objects", SAP blog 2019):
//   https://myNNNNNN.crm.ondemand.com/sap/public/byd/runtime?bo_ns=http://sap.com/thingTypes&bo=COD_GENERIC
//     &node=Root&operation=OnExtInspect&param.InternalID=<ID>&param.Type=<thing type>&sapbyd-agent=TAB
// with `&OBNRedirect=X` added for single sign-on. The ID is the number users see (AccountID, ContactID, the
// activity's ID), not the ObjectID. Pure: used by the service and by the task pane.
import type { CrmObjectType } from './crm-links.js';

/** What a UI link can open: a linkable CRM object, or the synced activity itself. */
export type C4cUiObjectType = CrmObjectType | 'appointment' | 'visit';

/**
 * Thing types per object. Account, contact and ticket are the documented ones (SAP blog above). Opportunity,
 * quote, sales order, lead, appointment and task are those a public deep-link generator for C4C uses; the others
 * follow C4C's naming and are unverified. An admin whose tenant differs overrides them (C4C_UI_THING_TYPES).
 */
export const C4C_THING_TYPES: Readonly<Record<C4cUiObjectType, string>> = {
  account: 'COD_ACCOUNT_TT',
  contact: 'COD_CONTACT_TT',
  ticket: 'COD_SRQ_AGENT_TT',
  individualCustomer: 'COD_IND_CUSTOMER_TT',
  lead: 'COD_MKT_PROSPECT',
  opportunity: 'COD_OPPORTUNITY_THINGTYPE',
  salesQuote: 'COD_QUOTE_TT',
  salesOrder: 'COD_SALESORDER_TT',
  task: 'COD_TASK',
  email: 'COD_EMAIL_TT',
  appointment: 'COD_APPOINTMENT',
  visit: 'COD_VISIT_TT',
};

export const C4C_UI_OBJECT_TYPES = Object.keys(C4C_THING_TYPES) as C4cUiObjectType[];

/** Where the C4C UI is and how its links are built (C4C_UI_URL, C4C_UI_SSO, C4C_UI_THING_TYPES). */
export interface C4cUiSettings {
  /** The UI's origin, e.g. `https://my123456.crm.ondemand.com`. */
  origin: string;
  /** The tenant signs users in with single sign-on (adds `OBNRedirect=X`). */
  sso: boolean;
  /** Thing types that differ in this tenant. */
  thingTypes: Partial<Record<C4cUiObjectType, string>>;
}

/** The C4C UI's origin for an OData service URL (`https://myNNNNNN.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi`). */
export function c4cUiOrigin(odataBaseUrl: string): string {
  return new URL(odataBaseUrl).origin;
}

/** The deep link that opens one object in C4C's UI. `sso`: the tenant signs users in with single sign-on. */
export function c4cUiLink(origin: string, type: C4cUiObjectType, id: string, options: { sso?: boolean; thingTypes?: Partial<Record<C4cUiObjectType, string>> } = {}): string {
  const params = new URLSearchParams({
    bo_ns: 'http://sap.com/thingTypes',
    bo: 'COD_GENERIC',
    node: 'Root',
    operation: 'OnExtInspect',
    'param.InternalID': id,
    'param.Type': options.thingTypes?.[type] ?? C4C_THING_TYPES[type],
    'sapbyd-agent': 'TAB',
  });
  if (options.sso) params.set('OBNRedirect', 'X');
  return `${origin.replace(/\/+$/, '')}/sap/public/byd/runtime?${params.toString()}`;
}

/** The deep link under a tenant's UI settings. */
export function c4cUiLinkFor(ui: C4cUiSettings, type: C4cUiObjectType, id: string): string {
  return c4cUiLink(ui.origin, type, id, { sso: ui.sso, thingTypes: ui.thingTypes });
}

/**
 * `type=THING_TYPE` pairs separated by commas (C4C_UI_THING_TYPES), e.g. `visit=Z_VISIT_TT,lead=COD_LEAD_TT`.
 * Returns the overrides, or a message naming what is wrong.
 */
export function parseThingTypes(text: string): { thingTypes: Partial<Record<C4cUiObjectType, string>> } | { error: string } {
  const thingTypes: Partial<Record<C4cUiObjectType, string>> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [type, thing, ...rest] = pair.split('=').map((p) => p.trim());
    if (!type || !thing || rest.length > 0) return { error: `"${pair}" is not type=THING_TYPE` };
    if (!(C4C_UI_OBJECT_TYPES as string[]).includes(type)) return { error: `unknown type "${type}" (one of ${C4C_UI_OBJECT_TYPES.join(', ')})` };
    if (!/^[A-Z0-9_]{1,60}$/i.test(thing)) return { error: `"${thing}" is not a thing type (letters, digits, underscores)` };
    thingTypes[type as C4cUiObjectType] = thing;
  }
  return { thingTypes };
}
