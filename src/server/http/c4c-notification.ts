// What C4C's Event Notification posts to an External Consumer (Administrator › General Settings › Event
// Notification), read tolerantly. Sources, and what stays unverified (README, "C4C notifications"):
//  - SAP Help "Outbound messaging": a notification event carries only the object's id, its type and the event name;
//    a receiver that needs data reads the object through the existing APIs.
//  - SAP's guide "Event Notifications in SAP Cloud for Customer" (2021): subscriptions are per business object and
//    node (root or sub-node) for Create, Update and Delete.
//  - Event names <BusinessObject>.<Node>.<Created|Updated|Deleted> (e.g. `Appointment.Root.Updated`): SAP Business
//    ByDesign, built on the same platform, publishes `sap.byd.<BO>.Root.Updated.v1`.
//  - The field names `businessObjectId`, `businessObject` (or `entity`), `event`, `odataServiceEndpoint`: from
//    practitioners' write-ups, not from an SAP reference. Unverified.
// So: unknown fields are ignored; nothing in the body is trusted as data (the tenant poll reads C4C itself); and the
// endpoint URL is never called, only its entity set name is read as a hint (a notification cannot make the service
// fetch an address of the sender's choosing).

/** The entity sets whose records the service mirrors (calendar, task and contact families; sync/tenant/delete-notes.ts). */
export const NOTIFIED_ENTITY_SETS = ['AppointmentCollection', 'VisitCollection', 'TasksCollection', 'ContactCollection', 'IndividualCustomerCollection', 'CorporateAccountCollection', 'EmployeeCollection'] as const;
export type NotifiedEntitySet = (typeof NOTIFIED_ENTITY_SETS)[number];

/** C4C business object names (lower case, without spaces or underscores) → the entity set holding them. */
const ENTITY_SET_OF_OBJECT: ReadonlyMap<string, NotifiedEntitySet> = new Map([
  ['appointment', 'AppointmentCollection'],
  ['visit', 'VisitCollection'],
  ['task', 'TasksCollection'],
  ['tasks', 'TasksCollection'],
  // The records of the sync lists (R14), by the names the sandbox uses (C4C's own names are unverified).
  ['contact', 'ContactCollection'],
  ['individualcustomer', 'IndividualCustomerCollection'],
  ['corporateaccount', 'CorporateAccountCollection'],
  ['employee', 'EmployeeCollection'],
]);

export type C4cEventAction = 'created' | 'updated' | 'deleted';

export interface C4cNotification {
  /** Where the object lives in the OData API, or null for a business object the service does not sync. */
  entitySet: NotifiedEntitySet | null;
  objectId: string;
  /** `Root`, or the sub-node the subscription names. */
  node: string;
  action: C4cEventAction;
}

const EVENT = /^([A-Za-z][A-Za-z0-9_ ]{0,79})\.([A-Za-z][A-Za-z0-9_]{0,79})\.(created|updated|deleted)$/i;
/** C4C object ids are 32 hex digits; the OData `ObjectID` allows 70 characters. */
const OBJECT_ID = /^[A-Za-z0-9_-]{1,70}$/;

function entitySetOfObject(name: unknown): NotifiedEntitySet | null {
  if (typeof name !== 'string') return null;
  return ENTITY_SET_OF_OBJECT.get(name.toLowerCase().replace(/[\s_]/g, '')) ?? null;
}

/** `…/c4codataapi/AppointmentCollection('00163E…')` → `AppointmentCollection`, when it is one we sync. */
function entitySetOfEndpoint(endpoint: unknown): NotifiedEntitySet | null {
  if (typeof endpoint !== 'string' || endpoint.length > 2000 || !URL.canParse(endpoint)) return null;
  const last = new URL(endpoint).pathname.split('/').filter(Boolean).pop() ?? '';
  const set = /^([A-Za-z]+)(?:\(|$)/.exec(last)?.[1];
  return (NOTIFIED_ENTITY_SETS as readonly string[]).includes(set ?? '') ? (set as NotifiedEntitySet) : null;
}

/**
 * The notification in `body` (a parsed JSON object, or its text when C4C labels it otherwise), or null when it is not
 * one: it needs an event name and an object id. The business object is taken from the event name, else from
 * `businessObject`/`entity`, else from the endpoint's entity set.
 */
export function parseC4cNotification(body: unknown): C4cNotification | null {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const fields = value as Record<string, unknown>;
  const event = typeof fields.event === 'string' ? EVENT.exec(fields.event) : null;
  const objectId = fields.businessObjectId;
  if (!event || typeof objectId !== 'string' || !OBJECT_ID.test(objectId)) return null;
  const [, object, node = 'Root', action = 'updated'] = event;
  const entitySet =
    entitySetOfObject(object) ?? entitySetOfObject(fields.businessObject) ?? entitySetOfObject(fields.entity) ?? entitySetOfEndpoint(fields.odataServiceEndpoint);
  return { entitySet, objectId, node, action: action.toLowerCase() as C4cEventAction };
}
