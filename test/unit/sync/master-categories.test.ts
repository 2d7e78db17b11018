import { syncMasterCategories } from '../../../src/server/domain/master-categories.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../src/server/domain/settings.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { MasterCategory } from '../../../src/server/ports/master-categories.js';
import { createMasterCategoryKeeper } from '../../../src/server/sync/run/master-categories.js';
import { fixedClock } from '../../support/fixed-clock.js';

const mailbox: Mailbox = { mailboxId: 'm1', tenantId: 't', provider: 'graph', email: 'ava@contoso.example', displayName: 'Ava', employeePartyId: '1', enabled: true };

describe('sync master categories', () => {
  it('are the appointment, Visit, task (when a category of its own) and error categories, once each, with their colours', () => {
    expect(syncMasterCategories(DEFAULT_SYNC_SETTINGS.categories, { tasks: true })).toEqual([
      { displayName: 'SAP Cloud for Customer', color: 'preset7' },
      { displayName: 'Visit', color: 'preset4' },
      { displayName: 'Error in SAP Cloud for Customer SSI', color: 'preset0' },
    ]);
    const names = { ...DEFAULT_SYNC_SETTINGS.categories, task: 'CRM Task' };
    expect(syncMasterCategories(names, { tasks: true }).map((c) => [c.displayName, c.color])).toContainEqual(['CRM Task', 'preset5']);
    expect(syncMasterCategories(names, { tasks: false }).map((c) => c.displayName)).not.toContain('CRM Task');
  });
});

describe('master category keeper', () => {
  function groupware(fail = false) {
    const calls: MasterCategory[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    return {
      calls,
      release,
      port: {
        ensureMasterCategories: async (_m: Mailbox, wanted: readonly MasterCategory[]) => {
          calls.push([...wanted]);
          await gate;
          if (fail) throw new Error('Graph 503 ServiceUnavailable');
          return ['Visit'];
        },
      },
    };
  }

  it('checks once per interval unless forced, runs one check per mailbox at a time, and forgets failed checks', async () => {
    const clock = fixedClock(new Date('2026-12-01T08:00:00Z'));
    const g = groupware();
    const keeper = createMasterCategoryKeeper({ groupware: g.port, clock, tasks: false, recheckMs: 60_000 });
    const [a, b] = [keeper.ensure(mailbox, DEFAULT_SYNC_SETTINGS), keeper.ensure(mailbox, DEFAULT_SYNC_SETTINGS, { force: true })];
    g.release();
    expect(await Promise.all([a, b])).toEqual([['Visit'], ['Visit']]);
    expect(g.calls).toHaveLength(1);
    expect(await keeper.ensure(mailbox, DEFAULT_SYNC_SETTINGS)).toBeNull();
    expect(await keeper.ensure(mailbox, DEFAULT_SYNC_SETTINGS, { force: true })).toEqual(['Visit']);
    clock.advance(60_000);
    expect(await keeper.ensure(mailbox, DEFAULT_SYNC_SETTINGS)).toEqual(['Visit']);
    expect(g.calls).toHaveLength(3);

    const broken = groupware(true);
    broken.release();
    const failing = createMasterCategoryKeeper({ groupware: broken.port, clock, tasks: false });
    await expect(failing.ensure(mailbox, DEFAULT_SYNC_SETTINGS)).rejects.toThrow('Graph 503');
    await expect(failing.ensure(mailbox, DEFAULT_SYNC_SETTINGS)).rejects.toThrow('Graph 503');
    expect(broken.calls).toHaveLength(2);
  });
});
