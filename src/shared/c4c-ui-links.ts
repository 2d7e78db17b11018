// Links that open a C4C object in C4C's own UI (not its OData API), for people: the To Do task's linked resource
// (R13), and the task pane's "Open in SAP Cloud for Customer". C4C documents one deep-link form for every object
// (SAP KBA 3521005; "How to construct a Deep link URL for C4C Business Objects", SAP blog 2019):
//   https://myNNNNNN.crm.ondemand.com/sap/public/byd/runtime?bo_ns=http://sap.com/thingTypes&bo=COD_GENERIC
//     &node=Root&operation=OnExtInspect&param.InternalID=<ID>&param.Type=<thing type>&sapbyd-agent=TAB
// with `&OBNRedirect=X` added for single sign-on. The ID is the number users see (AccountID, ContactID, the
// task's ID), not the ObjectID.
import type { CrmObjectType } from './crm-links.js';

/**
 * Thing types per object. Account, contact and ticket are the documented ones; the others follow C4C's naming and
 * are unverified: an admin whose tenant differs overrides them (C4C_UI_THING_TYPES).
 */
export const C4C_THING_TYPES: Readonly<Record<CrmObjectType, string>> = {
  account: 'COD_ACCOUNT_TT',
  contact: 'COD_CONTACT_TT',
  ticket: 'COD_SRQ_AGENT_TT',
  individualCustomer: 'COD_IND_CUSTOMER_TT',
  lead: 'COD_LEAD_TT',
  opportunity: 'COD_OPPORTUNITY_THINGTYPE',
  salesQuote: 'COD_QUOTE_TT',
  salesOrder: 'COD_SALES_ORDER_TT',
  task: 'COD_TASK_TT',
  email: 'COD_EMAIL_TT',
};

/** The C4C UI's origin for an OData service URL (`https://myNNNNNN.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi`). */
export function c4cUiOrigin(odataBaseUrl: string): string {
  return new URL(odataBaseUrl).origin;
}

/** The deep link that opens one object in C4C's UI. `sso`: the tenant signs users in with single sign-on. */
export function c4cUiLink(origin: string, type: CrmObjectType, id: string, options: { sso?: boolean; thingTypes?: Partial<Record<CrmObjectType, string>> } = {}): string {
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
  return `${origin}/sap/public/byd/runtime?${params.toString()}`;
}
