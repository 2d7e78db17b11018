// A session store that fails like a process killed mid-session: one transaction, once, at a chosen step.
import type { SessionStore } from '../../src/server/ports/session-store.js';

/**
 * The store of a process killed after its writes but before the commit: the session's transaction runs (so every
 * statement executes) and is then rolled back by an error, once.
 */
/** The session's final commit (the one that moves the delta cursor) fails once; earlier commits go through. */
export function crashingBeforeCommit(store: SessionStore): SessionStore & { crashes: number } {
  return crashingAt(store, 'setCursor');
}

/**
 * The first transaction that calls `step` fails once. `upsertPairs`: the commit of new Outlook items' pairs, made as
 * soon as Graph answers, so the process dies after Graph made the item and before the service recorded its id.
 */
export function crashingAt(store: SessionStore, step: 'setCursor' | 'upsertPairs'): SessionStore & { crashes: number } {
  let armed = true;
  const wrapper = {
    crashes: 0,
    transaction: async <T>(fn: Parameters<SessionStore['transaction']>[0]): Promise<T> =>
      store.transaction(async (tx) => {
        const crashing = new Proxy(tx, {
          get(target, prop) {
            if (prop === step && armed) {
              return async () => {
                armed = false;
                wrapper.crashes += 1;
                throw new Error('simulated crash before commit');
              };
            }
            const value: unknown = Reflect.get(target, prop, target);
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
          },
        });
        return (await fn(crashing)) as T;
      }),
  };
  return new Proxy(store, {
    get(target, prop) {
      if (prop in wrapper) return wrapper[prop as keyof typeof wrapper];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as SessionStore & { crashes: number };
}
