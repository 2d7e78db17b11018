// R9 for zones the sync cannot place, in every direction: a Graph zone name that is neither Windows nor IANA, a C4C
// code the tenant's list and the maintained table do not know, an IANA zone the tenant has no code for; calendar
// items and tasks. Each is reported on the item (error category and reason), never synced as UTC.
import { STANDARD_ACTIVITY_CODES } from '../../../src/server/domain/c4c-codes.js';
import { toC4cCreate, toC4cUpdate } from '../../../src/server/domain/c4c-payloads.js';
import { taskDateFields, taskZoneCode } from '../../../src/server/domain/c4c-task-payloads.js';
import { normalizeC4cFields } from '../../../src/server/domain/normalize-c4c.js';
import { normalizeC4cTaskFields } from '../../../src/server/domain/normalize-c4c-task.js';
import { normalizeTodoFields } from '../../../src/server/domain/normalize-todo.js';
import { retriedByRereading } from '../../../src/server/domain/errors.js';
import { syncBlocker } from '../../../src/server/domain/rules.js';
import { sapZonesFrom } from '../../../src/server/domain/sap-time-zones.js';
import { taskBlocker } from '../../../src/server/domain/task-family.js';
import { aCalendarItem } from '../../support/state-fixtures.js';
import { crmActivity, fields, input, outlookItem, planActions, syncedPair } from '../sync/fixtures.js';

const ms = (iso: string): string => `/Date(${Date.parse(iso)})/`;
const settings = { syncPrivateRecurring: false } as Parameters<typeof syncBlocker>[1];
const shortList = { ...STANDARD_ACTIVITY_CODES, zones: sapZonesFrom([{ Code: 'UTC', Description: 'UTC' }, { Code: 'CET', Description: 'Central Europe' }]) };

describe('unknown time zones (R9)', () => {
  it('C4C → canonical: an unknown SAP code marks the item, and the item is blocked with the reason', () => {
    const json = { Subject: 'x', StartDate: ms('2026-07-01T08:00:00Z'), EndDate: ms('2026-07-01T09:00:00Z'), StartDatetimeZoneCode: 'MARS', FullDayIndicator: false };
    const fieldsRead = normalizeC4cFields(json, 'appointment');
    expect(fieldsRead.unknownZone).toEqual({ side: 'crm', name: 'MARS' });
    expect(syncBlocker(fieldsRead, settings)).toMatchObject({ code: 'unknownTimeZone', message: expect.stringContaining('"MARS"') });
    // A known code, or none at all, is no problem.
    expect(normalizeC4cFields({ ...json, StartDatetimeZoneCode: 'NZST' }, 'appointment')).toMatchObject({ timeZone: 'Pacific/Auckland' });
    expect(normalizeC4cFields({ ...json, StartDatetimeZoneCode: '' }, 'appointment').unknownZone).toBeUndefined();
  });

  it('canonical → C4C: a zone the tenant has no code for is refused (unwritableZone), not written as UTC', () => {
    const item = aCalendarItem({ startUtc: '2026-07-01T08:00:00Z', endUtc: '2026-07-01T09:00:00Z', timeZone: 'America/New_York' });
    const create = toC4cCreate('appointment', item, { groupwareItemId: 'g', ownerPartyId: null, parties: [], codes: shortList });
    expect(create.unwritableZone).toBe('America/New_York');
    expect(create.header.StartDatetimeZoneCode).toBeUndefined();
    const update = toC4cUpdate('appointment', { startUtc: '2026-07-01T10:00:00Z' }, item, undefined, shortList);
    expect(update.unwritableZone).toBe('America/New_York');
    // A zone with an equivalent code is written with it, instants unchanged.
    const rome = toC4cCreate('appointment', { ...item, timeZone: 'Europe/Rome' }, { groupwareItemId: 'g', ownerPartyId: null, parties: [], codes: shortList });
    expect(rome).toMatchObject({ header: { StartDatetimeZoneCode: 'CET', StartDate: ms('2026-07-01T08:00:00Z') } });
    expect(rome.unwritableZone).toBeUndefined();
  });

  it('Graph → canonical is covered in normalize-graph.test.ts; the blocker names the zone and waits for an edit', () => {
    const blocked = syncBlocker(aCalendarItem({ unknownZone: { side: 'outlook', name: 'tzone://Microsoft/Custom' } }), settings);
    expect(blocked).toMatchObject({ code: 'unknownTimeZone', message: expect.stringContaining('tzone://Microsoft/Custom') });
    expect(retriedByRereading('unknownTimeZone')).toBe(false);
  });

  it("planner: a pair whose C4C side now has an unknown code marks the Outlook item, and writes nothing", () => {
    const item = outlookItem('A');
    const activity = crmActivity('C1', { groupwareItemId: 'ical-A' });
    const pair = syncedPair('p1', item, activity);
    const moved = { ...activity, version: 'C1-e2', fields: { ...activity.fields, unknownZone: { side: 'crm' as const, name: 'MARS' } } };
    const { actions } = planActions(input({ pairs: [pair], outlookItems: [item], crmActivities: [moved] }));
    // recordState is the pair's own row; no write reaches either side.
    expect(actions.map((a) => a.type).filter((t) => t !== 'recordState')).toEqual(['markError']);
    expect(actions.find((a) => a.type === 'markError')).toMatchObject({ error: { code: 'unknownTimeZone', message: expect.stringContaining('"MARS"') } });
    // The same pair with C4C's zone known again syncs as usual.
    expect(planActions(input({ pairs: [pair], outlookItems: [item], crmActivities: [activity] })).actions.filter((a) => a.type === 'markError')).toEqual([]);
  });

  it('planner: a new Outlook item in an unknown zone is not created in C4C', () => {
    const item = outlookItem('B', { fields: fields({ unknownZone: { side: 'outlook', name: 'Not A Zone' } }) });
    const { actions } = planActions(input({ outlookItems: [item] }));
    expect(actions.map((a) => a.type).filter((t) => t !== 'recordState')).toEqual(['markError']);
  });

  it('tasks: To Do and C4C zones that map to nothing are reported; a zone without a code is not written as UTC', () => {
    const todo = normalizeTodoFields({ id: 't', title: 'x', dueDateTime: { dateTime: '2026-07-01T00:00:00', timeZone: 'Not A Zone' } });
    expect(todo.unknownZone).toEqual({ side: 'outlook', name: 'Not A Zone' });
    expect(taskBlocker(todo)?.code).toBe('unknownTimeZone');
    const c4c = normalizeC4cTaskFields({ Subject: 'x', DueDateTime: ms('2026-07-01T10:00:00Z'), DueDatetimeZoneCode: 'MARS' });
    expect(c4c.unknownZone).toEqual({ side: 'crm', name: 'MARS' });
    const task = { startUtc: null, dueUtc: '2026-07-01T10:00:00Z', timeZone: 'America/New_York' };
    expect(taskZoneCode(task, shortList.zones)).toBeNull();
    expect(() => taskDateFields(task, shortList.zones)).toThrow(RangeError);
    expect(taskDateFields({ ...task, timeZone: 'Asia/Tokyo' })).toMatchObject({ DueDatetimeZoneCode: 'JAPAN', StartDatetimeZoneCode: null });
  });
});
