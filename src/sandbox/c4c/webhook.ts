// Outbound event notifications, as C4C's Event Notification calls an External Consumer (Administrator › General
// Settings › Event Notification): when an Appointment, Visit, Task, Contact, Individual Customer, Corporate Account or
// Employee is created, updated (also through a child) or deleted, POST the notification event (business object, object id, event name `<Object>.Root.<Created|Updated|
// Deleted>`, and the OData URL to read it from) to the consumer's endpoint, authenticated as configured: none, or the
// consumer's user and password (HTTP Basic). Fire and forget: the write never waits for, or fails because of, the
// receiver. The payload's field names follow practitioners' write-ups (README beside this file: unverified).
import type { FastifyBaseLogger } from 'fastify';
import type { ChangeType } from './store.js';

export interface WebhookConfig {
  url: string;
  /** The consumer's "User ID and Password"; without them the consumer is called with authentication "None". */
  user?: string;
  password?: string;
}

/**
 * The entity sets that raise notifications, with the C4C business object each holds. The people and accounts a user
 * keeps on their sync list (R14) notify too; their object names are the entity types' names without the set suffix,
 * as for activities (the Event Notification UI lists business objects by name; the exact names are unverified).
 */
export const NOTIFIED_OBJECTS: ReadonlyMap<string, string> = new Map([
  ['AppointmentCollection', 'Appointment'],
  ['VisitCollection', 'Visit'],
  ['TasksCollection', 'Task'],
  ['ContactCollection', 'Contact'],
  ['IndividualCustomerCollection', 'IndividualCustomer'],
  ['CorporateAccountCollection', 'CorporateAccount'],
  ['EmployeeCollection', 'Employee'],
]);

const EVENT_OF_CHANGE: Record<ChangeType, string> = { created: 'Created', updated: 'Updated', deleted: 'Deleted' };

/** The body C4C sends an External Consumer for one change of one object. */
export interface EventNotification {
  businessObject: string;
  businessObjectId: string;
  event: string;
  odataServiceEndpoint: string;
}

export function eventNotification(serviceRoot: string, entitySet: string, objectId: string, change: ChangeType): EventNotification | null {
  const businessObject = NOTIFIED_OBJECTS.get(entitySet);
  if (!businessObject) return null;
  return {
    businessObject,
    businessObjectId: objectId,
    event: `${businessObject}.Root.${EVENT_OF_CHANGE[change]}`,
    odataServiceEndpoint: `${serviceRoot}${entitySet}('${objectId}')`,
  };
}

export class WebhookNotifier {
  config: WebhookConfig | undefined;
  sent = 0;
  failed = 0;

  constructor(
    private readonly log: FastifyBaseLogger,
    /** The OData service root the notifications point into (ends with a slash). */
    private readonly serviceRoot: () => string,
  ) {}

  notify(entitySet: string, objectId: string, changeType: ChangeType): void {
    const config = this.config;
    const body = config ? eventNotification(this.serviceRoot(), entitySet, objectId, changeType) : null;
    if (!config || !body) return;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (config.user !== undefined && config.password !== undefined) {
      headers.authorization = `Basic ${Buffer.from(`${config.user}:${config.password}`, 'utf8').toString('base64')}`;
    }
    fetch(config.url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) })
      .then((res) => {
        if (res.ok) this.sent += 1;
        else this.failed += 1;
        return res.body?.cancel();
      })
      .catch((err: unknown) => {
        this.failed += 1;
        this.log.warn({ err: String(err), event: body.event, objectId }, 'c4c sandbox webhook delivery failed');
      });
  }
}
