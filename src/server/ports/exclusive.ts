// One process at a time per key, across the deployment. Containers a mailbox needs (its To Do service list, its
// contact folder, its two Google calendars) are found by name or else created; two worker processes that look at
// once (one's subscription keeper, the other's session) both found none and both created one, and the user had two
// "CRM tasks" lists. Under one claim per mailbox the second look finds the first's container.

/** Runs `fn` while no other process holds `key`; waits for one that does. */
export type RunExclusive = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

/** One process owns the data (embedded mode): callers already share one look-up per mailbox in flight. */
export const inProcessOnly: RunExclusive = (_key, fn) => fn();
