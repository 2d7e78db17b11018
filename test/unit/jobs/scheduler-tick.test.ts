// The once-a-minute scheduler tick (jobs/register-jobs.ts): it reads the tenant's interval from the stored settings
// on every tick (an admin's change applies without a restart) and gives a paused mailbox no session.
import { registerJobs } from '../../../src/server/jobs/register-jobs.js';
import { isDue } from '../../../src/server/jobs/schedule-slots.js';
import { createLogger } from '../../../src/server/log/index.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import type { JobWorker } from '../../../src/server/ports/job-queue.js';
import type { SessionStore } from '../../../src/server/ports/session-store.js';
import { fixedClock } from '../../support/fixed-clock.js';
import { aMailbox } from '../../support/state-fixtures.js';
import { TEST_SEALER } from '../../support/test-sealer.js';

const NOW = new Date('2026-12-06T10:07:00.000Z');

async function tick(mailboxes: Mailbox[], intervalMinutes: number): Promise<string[]> {
  const enqueued: string[] = [];
  let handler: (() => Promise<void>) | undefined;
  const worker = {
    onMailboxSession: async () => undefined,
    onTenantPoll: async () => undefined,
    every: async (name: string, _cron: string, h: () => Promise<void>) => void (name === 'scheduler-tick' && (handler = h)),
  } as unknown as JobWorker;
  const store = {
    listMailboxes: async () => mailboxes,
    listCrmDeleteHints: async () => [],
    getSettings: async () => withDefaults({ intervalMinutes }),
  } as unknown as SessionStore;
  await registerJobs({
    worker,
    queue: { enqueueMailboxSession: async (id: string) => void enqueued.push(id), enqueueTenantPoll: async () => undefined } as never,
    store,
    families: [],
    sealer: TEST_SEALER,
    clock: fixedClock(NOW),
    logger: createLogger({ level: 'silent', name: 'tick-test' }),
    // What the configuration says; the stored setting wins.
    intervalMinutes: 30,
    sessionConcurrency: 1,
    subscriptions: null,
  });
  await handler?.();
  return enqueued;
}

describe('the scheduler tick', () => {
  it('uses the interval stored now, and skips paused mailboxes', async () => {
    const ids = Array.from({ length: 40 }, (_, n) => `mbx-${n}`);
    const due = (interval: number) => ids.filter((id) => isDue(id, interval, NOW));
    // With an interval of 1 minute every mailbox is due at every tick; with 30 only those whose slot this is.
    expect(await tick(ids.map((mailboxId) => aMailbox({ mailboxId })), 1)).toEqual(ids);
    expect(await tick(ids.map((mailboxId) => aMailbox({ mailboxId })), 30)).toEqual(due(30));
    expect(due(30).length).toBeLessThan(ids.length);
    const paused = ids.map((mailboxId, n) => (n % 2 === 0 ? { ...aMailbox({ mailboxId }), paused: true as const } : aMailbox({ mailboxId })));
    expect(await tick(paused, 1)).toEqual(ids.filter((_, n) => n % 2 === 1));
  });
});
