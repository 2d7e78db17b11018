// Public surface of the C4C adapter (imported by the composition root only).
export { C4cCrmActivities, type C4cAdapterOptions } from './c4c-crm-activities.js';
export { C4cCrmTasks } from './c4c-crm-tasks.js';
export type { RetryPolicy } from './retry-policy.js';
export { C4cOwnerSearch, C4cUserSearch } from './crm-search.js';
export { C4cUserSessions, type C4cUserSessionOptions } from './user-session.js';
export { C4cCrmContacts } from './c4c-crm-contacts.js';
export { C4cDoctorProbes } from './doctor-probes.js';
export { ReadBatcher, type ReadBatcherStats } from './read-batcher.js';
export { C4cCrmAttendees } from './c4c-crm-attendees.js';
