// The soak checker for Google Workspace mailboxes (R10) and links on shared meetings: a Google user's events (both
// SAP calendars) are checked against C4C as Outlook's are, a kind switch must leave only the new kind's record live,
// and a contact link set on a meeting must be the activity's main contact.
import { checkSides } from '../../../bench/soak-lib/checker.js';
import type { SideActivity, SoakSides } from '../../../bench/soak-lib/clients.js';
import type { TrackedItem } from '../../../bench/soak-lib/edits.js';
import type { GoogleSide, GoogleSideEvent } from '../../../bench/soak-lib/google-side.js';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';

const ava = DEMO_USERS[0]!;
const ben = DEMO_USERS[1]!;
const dan = DEMO_USERS[3]!;
const tag = (n: string) => `[soak-7-${n}]`;

const tracked = (n: string, overrides: Partial<TrackedItem>): TrackedItem => ({
  tag: tag(n), family: 'calendar', origin: 'outlook', user: dan, provider: 'google', kind: 'appointment', kindSwitches: 0, state: 'live',
  eventId: `ev-${n}`, listId: null, objectId: null, version: 0, lastOutlookSubject: `${tag(n)} v0`, lastCrmSubject: `${tag(n)} v0`, lastEditSide: 'outlook',
  linkedAccount: null, linkedContact: null, attendees: [], taggedBy: [], ...overrides,
});

const activity = (n: string, kind: 'appointment' | 'visit', status: string, extra: Partial<SideActivity> = {}): SideActivity => ({
  objectId: `${kind}-${n}-${status}`, subject: `${tag(n)} v0`, status, groupwareItemId: '', mainAccountPartyId: '', mainContactPartyId: '', kind, ...extra,
});

function world(googleEvents: GoogleSideEvent[], outlook: { id: string; mailboxId: string; subject: string; categories: string[] }[], activities: SideActivity[]) {
  const sides = {
    outlookEvents: async (mailboxId: string) => outlook.filter((e) => e.mailboxId === mailboxId),
    crmActivities: async () => activities,
  } as unknown as SoakSides;
  const google = { users: [dan], events: async () => googleEvents } as unknown as GoogleSide;
  return { sides, google };
}

const googleEvent = (n: string, kind: 'appointment' | 'visit', categories: string[] = []): GoogleSideEvent => ({ id: `ev-${n}`, mailboxId: dan.id, subject: `${tag(n)} v0`, categories, kind });

describe('soak checker: Google mailboxes', () => {
  it('counts a Google event that converged with its record per provider, after a kind switch that cancelled the old record', async () => {
    const { sides, google } = world([googleEvent('0001', 'visit')], [], [activity('0001', 'appointment', '4'), activity('0001', 'visit', '1')]);
    const report = await checkSides(sides, '[soak-7-', [tracked('0001', { kind: 'visit', kindSwitches: 1 })], [dan.id], false, null, google);
    expect(report.violations).toEqual([]);
    expect(report.byProvider).toEqual({ google: { items: 1, converged: 1 } });
  });

  it('reports a kind switch that left the old kind\'s record live, and a Google event that lost its record', async () => {
    const { sides, google } = world(
      [googleEvent('0001', 'visit'), googleEvent('0002', 'appointment')],
      [],
      [activity('0001', 'appointment', '1'), activity('0001', 'visit', '1')],
    );
    const report = await checkSides(sides, '[soak-7-', [tracked('0001', { kind: 'visit', kindSwitches: 1 }), tracked('0002', {})], [dan.id], false, null, google);
    expect(report.violations).toEqual([
      expect.stringContaining('[soak-7-0001] (Google visit, outlook, live): a kind switch left the appointment record live'),
      expect.stringContaining('[soak-7-0002] (Google appointment, outlook, live): missing on one side'),
    ]);
    expect(report.byProvider).toEqual({ google: { items: 2, converged: 0 } });
  });

  it('takes a red event (the Google error mark) as a visible error, not a violation, and names its ids', async () => {
    const item = tracked('0001', {});
    const red = world([googleEvent('0001', 'appointment', [DEFAULT_CATEGORIES.error])], [], []);
    const report = await checkSides(red.sides, '[soak-7-', [item], [dan.id], false, null, red.google);
    expect([report.visibleErrors, report.violations]).toEqual([1, []]);
    expect(report.visibleErrorItems).toEqual([{ tag: tag('0001'), family: 'calendar', sideIds: ['ev-0001'] }]);
  });

  // [soak-46489-0008]: a private event moved into "SAP Visits" and then deleted left its Appointment live. R5 refuses a
  // private Visit, so the switch is not carried over and the Appointment stays (R2): the rule, not a violation.
  it('takes a private event in "SAP Visits" as a refusal (R5): red while it lives, the old Appointment left as it was', async () => {
    const moved = tracked('0001', { kind: 'visit', kindSwitches: 1, private: true });
    const live = world([googleEvent('0001', 'visit', [DEFAULT_CATEGORIES.error])], [], [activity('0001', 'appointment', '1')]);
    const report = await checkSides(live.sides, '[soak-7-', [moved], [dan.id], false, null, live.google);
    expect([report.violations, report.visibleErrors, report.converged]).toEqual([[], 0, 1]);
    expect(report.byProvider).toEqual({ google: { items: 1, converged: 1 } });
    expect(report.refusals).toEqual([expect.stringContaining('[soak-7-0001]: private event in "SAP Visits" (moved there; the Appointment stays, unlinked), live: refused by R5')]);

    const deleted = world([], [], [activity('0001', 'appointment', '1')]);
    const afterDelete = await checkSides(deleted.sides, '[soak-7-', [{ ...moved, state: 'deletedInOutlook' }], [dan.id], false, null, deleted.google);
    expect([afterDelete.violations, afterDelete.refusals.length]).toEqual([[], 1]);
  });

  it('still reports a private Visit that reached C4C, or one that shows no error mark', async () => {
    const item = tracked('0001', { kind: 'visit', private: true });
    const reached = world([googleEvent('0001', 'visit', [DEFAULT_CATEGORIES.error])], [], [activity('0001', 'visit', '1')]);
    expect((await checkSides(reached.sides, '[soak-7-', [item], [dan.id], false, null, reached.google)).violations).toEqual([expect.stringContaining('a private event reached C4C as a Visit (R5)')]);
    const unmarked = world([googleEvent('0001', 'visit')], [], []);
    expect((await checkSides(unmarked.sides, '[soak-7-', [item], [dan.id], false, null, unmarked.google)).violations).toEqual([expect.stringContaining('shows no error mark (R5, R9)')]);
  });
});

describe('soak checker: links on shared meetings', () => {
  const meeting = (contact: string) =>
    tracked('0003', { user: ava, provider: 'outlook', attendees: [ben], linkedAccount: 'ACC-1', linkedContact: contact });
  const outlook = [ava, ben].map((u) => ({ id: `ev-${u.id}`, mailboxId: u.id, subject: `${tag('0003')} v0`, categories: [] }));

  it('needs the contact the organizer linked as the one activity\'s main contact', async () => {
    const { sides } = world([], outlook, [activity('0003', 'appointment', '1', { mainAccountPartyId: 'ACC-1', mainContactPartyId: 'CON-1' })]);
    const good = await checkSides(sides, '[soak-7-', [meeting('CON-1')], [ava.id, ben.id], false);
    expect(good.violations).toEqual([]);
    expect(good.shared).toMatchObject({ meetings: 1, linked: 1, linkedWithContact: 1, linkedOnActivity: 1, copiesConverged: 1 });
    const lost = await checkSides(sides, '[soak-7-', [meeting('CON-2')], [ava.id, ben.id], false);
    expect(lost.violations).toEqual([expect.stringContaining('contact link lost (expected contact CON-2, C4C has CON-1)')]);
    expect(lost.shared).toMatchObject({ linked: 1, linkedOnActivity: 0 });
  });
});
