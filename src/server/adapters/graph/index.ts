// The Graph adapter's public surface, for the composition root (src/server/main.ts).
export { GraphCalendarSource } from './graph-calendar-source.js';
export { DEFAULT_SERVICE_LIST_NAME, GraphTaskSource, type GraphTaskSourceOptions } from './graph-task-source.js';
export type { GraphAdapterOptions, GraphRetryOptions } from './options.js';
export { MAX_EVENT_SUBSCRIPTION_MINUTES, MAX_TODO_SUBSCRIPTION_MINUTES, type CreateSubscriptionInput, type GraphSubscription } from './subscriptions.js';
export type { GraphUser } from './users.js';
export { GraphContactSource, type GraphContactSourceOptions } from './graph-contact-source.js';
export { DOCTOR_MARK, GraphDoctorProbes } from './doctor-probes.js';
