// Reading C4C's Event Notification: the business object from the event name (or the other fields), the object id,
// the action and node; unknown fields ignored; anything else is not a notification.
import { eventNotification, NOTIFIED_OBJECTS } from '../../../src/sandbox/c4c/webhook.js';
import { NOTIFIED_ENTITY_SETS, parseC4cNotification } from '../../../src/server/http/c4c-notification.js';
import { kindOfEntitySet } from '../../../src/server/sync/tenant/delete-notes.js';

const ROOT = 'https://my000000.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/';
const ID = '00163E0A0B0C1ED0000000000000AAAA';

describe('parseC4cNotification', () => {
  it.each([
    ['Appointment.Root.Updated', 'AppointmentCollection', 'updated'],
    ['Visit.Root.Created', 'VisitCollection', 'created'],
    ['Task.Root.Deleted', 'TasksCollection', 'deleted'],
    ['APPOINTMENT.ROOT.DELETED', 'AppointmentCollection', 'deleted'],
    ['Contact.Root.Updated', 'ContactCollection', 'updated'],
    ['IndividualCustomer.Root.Deleted', 'IndividualCustomerCollection', 'deleted'],
    ['CorporateAccount.Root.Created', 'CorporateAccountCollection', 'created'],
    ['Employee.Root.Updated', 'EmployeeCollection', 'updated'],
  ])('maps %s to %s', (event, entitySet, action) => {
    expect(parseC4cNotification({ businessObjectId: ID, event })).toEqual({ entitySet, objectId: ID, node: event.split('.')[1], action });
  });

  it('ignores fields it does not know, and keeps the node of a sub-node event', () => {
    const body = { businessObjectId: ID, event: 'Appointment.AppointmentInvolvedParties.Created', eventTime: 'now', changes: [{ Subject: 'x' }], id: 7 };
    expect(parseC4cNotification(body)).toEqual({ entitySet: 'AppointmentCollection', objectId: ID, node: 'AppointmentInvolvedParties', action: 'created' });
  });

  it('falls back to businessObject, entity, then the endpoint for an object name it does not know', () => {
    const base = { businessObjectId: ID, event: 'ActivityVisit.Root.Updated' };
    expect(parseC4cNotification({ ...base, businessObject: 'Visit' })?.entitySet).toBe('VisitCollection');
    expect(parseC4cNotification({ ...base, entity: 'Task' })?.entitySet).toBe('TasksCollection');
    expect(parseC4cNotification({ ...base, odataServiceEndpoint: `${ROOT}VisitCollection('${ID}')` })?.entitySet).toBe('VisitCollection');
    expect(parseC4cNotification({ ...base, odataServiceEndpoint: `${ROOT}OpportunityCollection('${ID}')` })?.entitySet).toBeNull();
    expect(parseC4cNotification({ ...base, odataServiceEndpoint: 'not a url' })?.entitySet).toBeNull();
  });

  it('answers null entity set for business objects the service does not sync', () => {
    expect(parseC4cNotification({ businessObjectId: ID, event: 'Opportunity.Root.Updated', businessObject: 'Opportunity' })).toMatchObject({ entitySet: null });
    // Inherited names are not business objects.
    expect(parseC4cNotification({ businessObjectId: ID, event: 'constructor.Root.Updated' })).toMatchObject({ entitySet: null });
  });

  it('reads a body C4C labelled as text', () => {
    expect(parseC4cNotification(JSON.stringify({ businessObjectId: ID, event: 'Task.Root.Updated' }))?.entitySet).toBe('TasksCollection');
    expect(parseC4cNotification('{"businessObjectId":')).toBeNull();
  });

  it.each([
    ['no event', { businessObjectId: ID }],
    ['no object id', { event: 'Appointment.Root.Updated' }],
    ['an unknown action', { businessObjectId: ID, event: 'Appointment.Root.Touched' }],
    ['a two-part event', { businessObjectId: ID, event: 'Appointment.Updated' }],
    ['an id that is not one', { businessObjectId: "x' or 1 eq 1", event: 'Appointment.Root.Updated' }],
    ['an overlong id', { businessObjectId: 'A'.repeat(71), event: 'Appointment.Root.Updated' }],
    ['the retired format', { entitySet: 'AppointmentCollection', objectId: ID, changeType: 'updated' }],
    ['an array', [{ businessObjectId: ID, event: 'Appointment.Root.Updated' }]],
    ['null', null],
  ])('is null for %s', (_what, body) => {
    expect(parseC4cNotification(body)).toBeNull();
  });
});

describe('the C4C sandbox and the service agree', () => {
  it('every notified entity set is one the delete notes know (calendar, task and contact families)', () => {
    expect(NOTIFIED_ENTITY_SETS.map((set) => [set, kindOfEntitySet(set) !== null])).toEqual(NOTIFIED_ENTITY_SETS.map((set) => [set, true]));
  });

  it('what the sandbox sends for each notified set and change is read back as that set, object and action', () => {
    // The records of the sync lists (R14) too: every set the sandbox notifies is one the service reads.
    expect([...NOTIFIED_OBJECTS.keys()].sort()).toEqual([...NOTIFIED_ENTITY_SETS].sort());
    for (const set of NOTIFIED_ENTITY_SETS) {
      for (const change of ['created', 'updated', 'deleted'] as const) {
        const sent = eventNotification(ROOT, set, ID, change);
        expect(sent?.odataServiceEndpoint).toBe(`${ROOT}${set}('${ID}')`);
        expect(parseC4cNotification(JSON.parse(JSON.stringify(sent)))).toEqual({ entitySet: set, objectId: ID, node: 'Root', action: change });
      }
    }
    expect(eventNotification(ROOT, 'LeadCollection', ID, 'updated')).toBeNull();
  });
});
