// Microsoft Graph's lifecycle notification events (`lifecycleEvent` of a notification to a subscription's
// lifecycleNotificationUrl). Part of Graph's protocol, spoken by the service's webhook (src/server) and by the
// Graph sandbox (src/sandbox), which may not import each other.
export const LIFECYCLE_EVENTS = ['missed', 'subscriptionRemoved', 'reauthorizationRequired'] as const;

export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];
