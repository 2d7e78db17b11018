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

  it('takes a red event (the Google error mark) as a visible error, not a violation', async () => {
    const item = tracked('0001', {});
    const red = world([googleEvent('0001', 'appointment', [DEFAULT_CATEGORIES.error])], [], []);
    const report = await checkSides(red.sides, '[soak-7-', [item], [dan.id], false, null, red.google);
    expect([report.visibleErrors, report.violations]).toEqual([1, []]);
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
