// The link model shared by the add-in (which writes links into the item's custom properties) and the service
// (which reads them back through Graph's extended property `cecp-<add-in id>`). DESIGN §3.
import { z } from 'zod';

/** CRM object types a calendar item can be linked to, with the C4C entity set each one lives in. */
export const CRM_OBJECT_TYPES = {
  account: { entitySet: 'CorporateAccountCollection', label: 'Account' },
  contact: { entitySet: 'ContactCollection', label: 'Contact' },
  individualCustomer: { entitySet: 'IndividualCustomerCollection', label: 'Individual Customer' },
  lead: { entitySet: 'LeadCollection', label: 'Lead' },
  opportunity: { entitySet: 'OpportunityCollection', label: 'Opportunity' },
  ticket: { entitySet: 'ServiceRequestCollection', label: 'Ticket' },
  salesQuote: { entitySet: 'SalesQuoteCollection', label: 'Sales Quote' },
  salesOrder: { entitySet: 'CustomerOrderCollection', label: 'Sales Order' },
  task: { entitySet: 'TasksCollection', label: 'Task' },
  email: { entitySet: 'EMailCollection', label: 'E-Mail' },
} as const;

export type CrmObjectType = keyof typeof CRM_OBJECT_TYPES;
export const crmObjectTypes = Object.keys(CRM_OBJECT_TYPES) as CrmObjectType[];

export const crmObjectTypeSchema = z.enum(crmObjectTypes as [CrmObjectType, ...CrmObjectType[]]);

/**
 * One link from a calendar item to a CRM object. `id` is the object's readable C4C id (AccountID, ContactID,
 * ID …), which is what the C4C activity fields (MainAccountPartyID, MainContactPartyID, BTD reference ID) take.
 */
export const crmLinkSchema = z.object({
  type: crmObjectTypeSchema,
  id: z.string().min(1).max(60),
  name: z.string().max(480).optional(),
  /** The primary account / primary contact of the activity (at most one of each). */
  primary: z.boolean().optional(),
});
export type CrmLink = z.infer<typeof crmLinkSchema>;

/** Custom property keys the add-in stores on the item (Office.js `CustomProperties`). */
export const CUSTOM_PROPERTY_KEYS = {
  /** JSON array of CrmLink. Stored as a string because custom property values are strings. */
  links: 'crmLinks',
  /** Schema version of what is stored, so a later add-in can migrate older items. */
  version: 'crmLinksVersion',
} as const;

export const LINKS_FORMAT_VERSION = '1';

/** The MAPI named property Exchange stores add-in custom properties in (API-NOTES D). */
export function customPropertiesExtendedPropertyId(addinId: string): string {
  return `String {00020329-0000-0000-C000-000000000046} Name cecp-${addinId}`;
}

const linksArraySchema = z.array(crmLinkSchema).max(50);

/**
 * Parses the links out of the custom-properties JSON (the value of the `cecp-` extended property, an object
 * of string values). Bad or foreign data yields no links rather than an exception: a malformed property on one
 * item must never stop a mailbox's sync.
 */
export function parseLinksFromCustomProperties(customPropertiesJson: string | null | undefined): CrmLink[] {
  if (!customPropertiesJson) return [];
  try {
    const props: unknown = JSON.parse(customPropertiesJson);
    if (typeof props !== 'object' || props === null) return [];
    const raw = (props as Record<string, unknown>)[CUSTOM_PROPERTY_KEYS.links];
    if (typeof raw !== 'string') return [];
    const parsed = linksArraySchema.safeParse(JSON.parse(raw));
    return parsed.success ? normalizePrimaries(parsed.data) : [];
  } catch {
    return [];
  }
}

/** Serializes links as the custom property values the add-in writes (each value a string). */
export function linksToCustomProperties(links: readonly CrmLink[]): Record<string, string> {
  return {
    [CUSTOM_PROPERTY_KEYS.links]: JSON.stringify(normalizePrimaries(links)),
    [CUSTOM_PROPERTY_KEYS.version]: LINKS_FORMAT_VERSION,
  };
}

/**
 * The primary-link rule (R8), for add-in and service alike. A C4C activity has one main account
 * (MainAccountPartyID, which a corporate account or an individual customer can fill) and one main contact
 * (MainContactPartyID). So an account-like link can be the primary account, a contact link the primary contact,
 * at most one of each; a link of any other type is never primary (it reaches C4C as a BTD reference).
 */
export type PrimaryRole = 'account' | 'contact';

/** The primary role a link of this type can take, or null when it can never be primary. */
export function primaryRoleOf(type: CrmObjectType): PrimaryRole | null {
  if (type === 'account' || type === 'individualCustomer') return 'account';
  return type === 'contact' ? 'contact' : null;
}

export function canBePrimary(link: Pick<CrmLink, 'type'>): boolean {
  return primaryRoleOf(link.type) !== null;
}

/** The primary link in `role` (the activity's main account or main contact), if any. */
export function primaryLink(links: readonly CrmLink[], role: PrimaryRole): CrmLink | undefined {
  return links.find((link) => link.primary === true && primaryRoleOf(link.type) === role);
}

/** Keeps at most one primary link per role (the first), none for other types; drops duplicates. */
export function normalizePrimaries(links: readonly CrmLink[]): CrmLink[] {
  const seen = new Set<string>();
  const taken = new Set<PrimaryRole>();
  const out: CrmLink[] = [];
  for (const link of links) {
    const key = `${link.type}:${link.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const role = link.primary === true ? primaryRoleOf(link.type) : null;
    const primary = role !== null && !taken.has(role);
    if (role) taken.add(role);
    out.push(primary ? { ...link, primary: true } : { type: link.type, id: link.id, ...(link.name ? { name: link.name } : {}) });
  }
  return out;
}
