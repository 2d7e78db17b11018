// Waiting helpers for benchmarks that drive the running service from outside.
import { control } from '../../test/support/sync-harness-http.js';
import { waitFor } from './service-stack.js';

/** Waits until both sandboxes saw no request for `quietMs` (the service finished what it was doing). */
export async function waitQuiet(graphUrl: string, c4cUrl: string, quietMs: number, timeoutMs: number): Promise<void> {
  let last = -1;
  let since = Date.now();
  await waitFor(
    'the service to go quiet',
    async () => {
      const g = (await control(graphUrl, 'GET', '/counters')).body as { total: number };
      const c = (await control(c4cUrl, 'GET', '/counters')).body as { total: number };
      const total = g.total + c.total;
      if (total !== last) {
        last = total;
        since = Date.now();
        return false;
      }
      return Date.now() - since >= quietMs;
    },
    timeoutMs,
    200,
  );
}

/** Waits until the service holds a Graph subscription for each of `mailboxIds`. */
export async function waitSubscribed(graphUrl: string, mailboxIds: readonly string[], timeoutMs: number): Promise<void> {
  await waitFor(
    'Graph subscriptions',
    async () => {
      const subs = ((await control(graphUrl, 'GET', '/subscriptions')).body.value ?? []) as { mailboxId: string }[];
      const have = new Set(subs.map((s) => s.mailboxId));
      return mailboxIds.every((id) => have.has(id));
    },
    timeoutMs,
    200,
  );
}
