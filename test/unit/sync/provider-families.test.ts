// R10: a Google mailbox has a calendar only. A session runs the families that serve the mailbox's provider (the
// calendar family serves both; To Do and contacts are Graph's), and the calendar port sends each mailbox's calls to
// its provider's source; the master category list (an Exchange thing) is never asked for a Google mailbox.
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import type { CalendarSource } from '../../../src/server/ports/calendar-source.js';
import { calendarSync, familyServes, type FamilySync } from '../../../src/server/sync/family-sync.js';
import { createMasterCategoryKeeper } from '../../../src/server/sync/run/master-categories.js';
import { runSession } from '../../../src/server/sync/run/session.js';
import { calendarByProvider } from '../../../src/server/sync/provider-calendar.js';
import { MemorySessionStore } from '../../support/memory-session-store.js';
import { TEST_SEALER } from '../../support/test-sealer.js';

const dan: Mailbox = { mailboxId: 'dan', tenantId: 't1', provider: 'google', email: 'dan.diaz@contoso.example', displayName: 'Dan', employeePartyId: 'E4', enabled: true };
const ava: Mailbox = { ...dan, mailboxId: 'ava', provider: 'graph', email: 'ava.adams@contoso.example' };

function recordingSource(name: string, calls: string[]): CalendarSource {
  return {
    readChanges: async (mailbox) => {
      calls.push(`${name}:${mailbox.mailboxId}`);
      return { items: [], nextCursor: `${name}-cursor`, full: true };
    },
    getItems: async () => [],
    write: async () => [],
    findShared: async () => {
      calls.push(`${name}:findShared`);
      return [];
    },
  };
}

const noCrm = {
  readChanges: async () => ({ records: [], nextCursor: 'c', full: true }),
} as unknown as FamilySync['crm'];

describe('families and providers', () => {
  it('a Google mailbox runs the calendar family through the Google source only; a Graph-only family is not run for it', async () => {
    const calls: string[] = [];
    const calendar = calendarByProvider({ graph: recordingSource('graph', calls), google: recordingSource('google', calls) });
    const calendarFamily = calendarSync({ calendar, crm: noCrm as never });
    const graphOnly: FamilySync = { ...(calendarSync({ calendar: recordingSource('todo', calls), crm: noCrm as never }) as unknown as FamilySync), providers: undefined, cursor: 'todoDelta' };
    expect(familyServes(calendarFamily as unknown as FamilySync, dan)).toBe(true);
    expect(familyServes(graphOnly, dan)).toBe(false);
    expect(familyServes(graphOnly, ava)).toBe(true);
    const clock = { now: () => new Date('2026-12-01T12:00:00Z') };
    const store = MemorySessionStore.create({ clock, mailboxes: [dan, ava], settings: new Map([['t1', withDefaults({})]]) });
    const families = [calendarFamily as unknown as FamilySync, graphOnly];
    await runSession({ store, clock, families, sealer: TEST_SEALER }, 'dan').catch(() => undefined);
    expect(calls).toEqual(['google:dan']);
    calls.length = 0;
    await runSession({ store, clock, families, sealer: TEST_SEALER }, 'ava').catch(() => undefined);
    expect(calls.sort()).toEqual(['graph:ava', 'todo:ava']);
  });

  it('asks only Graph for shared copies, and fails a Google mailbox clearly when no Google source is configured', async () => {
    const calls: string[] = [];
    const calendar = calendarByProvider({ graph: recordingSource('graph', calls), google: null });
    expect(await calendar.findShared?.(dan, [{ shareKey: 'k', startUtc: '2026-12-01T00:00:00Z', endUtc: '2026-12-02T00:00:00Z' }])).toEqual([]);
    expect(calls).toEqual([]);
    await expect(calendar.readChanges(dan, null, { startUtc: '2026-11-01T00:00:00Z', endUtc: '2027-01-01T00:00:00Z' })).rejects.toThrow(/no Google service account/);
  });

  it('never checks a Google mailbox\'s master category list', async () => {
    let asked = 0;
    const keeper = createMasterCategoryKeeper({ groupware: { ensureMasterCategories: async () => (asked += 1, []) }, clock: { now: () => new Date() }, tasks: false });
    expect(await keeper.ensure(dan, withDefaults({}), { force: true })).toBeNull();
    await keeper.ensure(ava, withDefaults({}), { force: true });
    expect(asked).toBe(1);
  });
});
