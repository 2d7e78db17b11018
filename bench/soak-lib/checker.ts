// Compares both sides item by item after the soak settled, for calendar items and tasks (contacts: contact-checks.ts). Violations: duplicates, items
// that did not converge (or lost an edit) without showing an error, resurrected or wrongly surviving items. An item
// that carries the error category in Outlook is a visible failure, counted but not a violation (R9: the user sees it);
// each is listed with its side ids, and the run names its reason from the service's store afterwards. Refusals the
// rules call for (R5: a private Google event in "SAP Visits") are listed apart: they are the expected outcome.
// Items that converged on an older edit than the latest are listed for conflict-match.ts, which checks them against
// the conflicts the service logged (its store is read after the run).
import { DEFAULT_CATEGORIES } from '../../src/shared/categories.js';
import type { SideActivity, SideEvent, SoakSides } from './clients.js';
import type { OlderEditItem } from './conflict-match.js';
import type { TrackedItem } from './edits.js';
import { checkContacts } from './contact-checks.js';
import type { ContactEdits } from './contact-edits.js';
import type { GoogleSide } from './google-side.js';
import { checkAttendeeCopies, emptySharedReport, type SharedMeetingReport } from './shared-meeting-checks.js';
import { noteVisibleError, type VisibleError } from './visible-errors.js';

export interface CheckReport {
  items: number;
  converged: number;
  visibleErrors: number;
  /** The items behind `visibleErrors`. */
  visibleErrorItems: VisibleError[];
  /** Items the rules refuse to sync and that show it (R5, R9), with the rule: expected, neither errors nor violations. */
  refusals: string[];
  /** Converged on the last edit of one side, but not the most recent edit overall (R12 conflict or lost edit). */
  notLatestEdit: number;
  /** Those items: each must match a conflict the service logged (conflict-match.ts), checked after the run. */
  olderEdits: OlderEditItem[];
  violations: string[];
  byState: Record<string, number>;
  /** Items tracked per family (calendar items, tasks), and how many of them converged. */
  byFamily: Record<string, { items: number; converged: number }>;
  /** Calendar items per groupware provider (Microsoft 365 or Google Workspace, R10), and how many converged. */
  byProvider: Record<string, { items: number; converged: number }>;
  /** Shared meetings: their attendees' copies, how many converged, and the links set on them (shared-meeting-checks.ts). */
  shared: SharedMeetingReport;
}

const CANCELLED = '4';

export async function checkSides(sides: SoakSides, prefix: string, items: readonly TrackedItem[], allUserIds: readonly string[], withTasks = true, contacts: ContactEdits | null = null, google: GoogleSide | null = null): Promise<CheckReport> {
  // Both families in one view: tags are unique across them, a To Do task counts as an Outlook item and a C4C task as
  // an activity (their cancelled status is '4' too), and the rules checked below hold for both (R2, R11, R12). A
  // Google user's events (both SAP calendars) count as Outlook items too: the rules are the same (R10).
  const googleIds = new Set(google?.users.map((u) => u.id) ?? []);
  const userIds = allUserIds.filter((id) => !googleIds.has(id));
  const events: SideEvent[] = [];
  for (const id of userIds) events.push(...(await sides.outlookEvents(id, prefix)));
  for (const user of google?.users ?? []) events.push(...(await google?.events(user, prefix) ?? []));
  if (withTasks) for (const id of userIds) events.push(...(await sides.todoTasks(id, prefix)).map((t) => ({ id: t.id, mailboxId: t.userId, subject: t.subject, categories: t.categories })));
  const activities = [...(await sides.crmActivities(prefix, google !== null)), ...(withTasks ? await sides.crmTasks(prefix) : [])];
  const tagOf = (subject: string) => subject.slice(0, subject.indexOf(']') + 1);
  const eventsByTag = new Map<string, SideEvent[]>();
  for (const e of events) eventsByTag.set(tagOf(e.subject), [...(eventsByTag.get(tagOf(e.subject)) ?? []), e]);
  const activitiesByTag = new Map<string, SideActivity[]>();
  for (const a of activities) activitiesByTag.set(tagOf(a.subject), [...(activitiesByTag.get(tagOf(a.subject)) ?? []), a]);

  const report: CheckReport = { items: items.length, converged: 0, visibleErrors: 0, visibleErrorItems: [], refusals: [], notLatestEdit: 0, olderEdits: [], violations: [], byState: {}, byFamily: {}, byProvider: {}, shared: emptySharedReport() };
  // Contacts have their own rules (R14: nothing is ever deleted in C4C; the sync list decides): contact-checks.ts.
  if (contacts) await checkContacts(sides, prefix, items, userIds, contacts, report);
  const known = new Set(items.map((i) => i.tag));
  for (const tag of new Set([...eventsByTag.keys(), ...activitiesByTag.keys()])) {
    if (!known.has(tag)) report.violations.push(`${tag}: found on a side but never created by the soak`);
  }

  for (const item of items.filter((i) => i.family !== 'contacts')) {
    report.byState[item.state] = (report.byState[item.state] ?? 0) + 1;
    const family = (report.byFamily[item.family] ??= { items: 0, converged: 0 });
    family.items += 1;
    const provider = item.family === 'calendar' ? (report.byProvider[item.provider] ??= { items: 0, converged: 0 }) : null;
    if (provider) provider.items += 1;
    const convergedBefore = report.converged;
    // An attendee's copy of a shared meeting (another mailbox) is not a second item: each is checked on its own.
    const withTag = eventsByTag.get(item.tag) ?? [];
    const es = withTag.filter((e) => item.attendees.length === 0 || e.mailboxId === item.user.id);
    // A calendar item's record is of its kind; a kind switch (a Google event moved between the two calendars) leaves
    // the old kind's record cancelled (R2), and a switch back may leave a cancelled one of the same kind.
    const withTagActivities = activitiesByTag.get(item.tag) ?? [];
    const ofKind = item.family === 'calendar' ? withTagActivities.filter((a) => (a.kind ?? 'appointment') === item.kind) : withTagActivities;
    const liveOfKind = ofKind.filter((a) => a.status !== CANCELLED);
    const as = item.kindSwitches >= 2 && liveOfKind.length <= 1 ? (liveOfKind.length === 1 ? liveOfKind : ofKind.slice(0, 1)) : ofKind;
    const oldKindLive = withTagActivities.filter((a) => !ofKind.includes(a) && a.status !== CANCELLED);
    const linkReached = as.length === 1 && as[0]?.mainAccountPartyId === item.linkedAccount && (item.linkedContact === null || as[0]?.mainContactPartyId === item.linkedContact);
    const copies = checkAttendeeCopies(item, withTag, es.length === 1 ? es[0] : undefined, linkReached, report.shared);
    report.violations.push(...copies.violations);
    for (const sideIds of copies.visibleErrors) noteVisibleError(report, { tag: item.tag, family: 'shared meeting', sideIds });
    const fail = (what: string) => {
      const marked = es.filter((e) => e.categories.includes(DEFAULT_CATEGORIES.error));
      if (marked.length > 0) noteVisibleError(report, { tag: item.tag, family: item.family, sideIds: marked.map((e) => e.id) });
      else report.violations.push(`${item.tag} (${item.provider === 'google' ? `Google ${item.kind}, ` : ''}${item.origin}, ${item.state}): ${what}; outlook=${JSON.stringify(es.map((e) => [e.subject, e.categories, e.id]))} crm=${JSON.stringify(withTagActivities.map((a) => [a.subject, a.status, a.objectId, a.kind]))} known=${JSON.stringify([item.eventId, item.objectId])}`);
    };
    if (es.length > 1) {
      report.violations.push(`${item.tag}: ${es.length} Outlook items (duplicate)`);
      continue;
    }
    if (as.length > 1) {
      report.violations.push(`${item.tag}: ${as.length} C4C activities (duplicate)`);
      continue;
    }
    if (refusedAsPrivateVisit(item)) {
      checkPrivateVisit(item, es[0], liveOfKind, report);
      if (report.converged > convergedBefore) {
        family.converged += 1;
        if (provider) provider.converged += 1;
      }
      continue;
    }
    if (oldKindLive.length > 0) {
      fail(`a kind switch left the ${oldKindLive.map((a) => a.kind).join(', ')} record live (now ${item.kind})`);
      continue;
    }
    const [event] = es;
    const [activity] = as;
    switch (item.state) {
      case 'live': {
        if (!event || !activity) {
          fail('missing on one side');
          break;
        }
        if (activity.status === CANCELLED) {
          fail('C4C activity cancelled while the item lives');
          break;
        }
        if (event.subject !== activity.subject) {
          fail('sides differ');
          break;
        }
        if (event.subject !== item.lastOutlookSubject && event.subject !== item.lastCrmSubject) {
          fail(`lost edit (expected ${item.lastOutlookSubject} or ${item.lastCrmSubject})`);
          break;
        }
        if (item.linkedAccount && activity.mainAccountPartyId !== item.linkedAccount) {
          fail(`link lost (expected account ${item.linkedAccount}, C4C has ${activity.mainAccountPartyId || 'none'})`);
          break;
        }
        if (item.linkedContact && activity.mainContactPartyId !== item.linkedContact) {
          fail(`contact link lost (expected contact ${item.linkedContact}, C4C has ${activity.mainContactPartyId || 'none'})`);
          break;
        }
        const latest = item.lastEditSide === 'outlook' ? item.lastOutlookSubject : item.lastCrmSubject;
        if (event.subject !== latest) {
          report.notLatestEdit += 1;
          const keptSide = item.lastEditSide === 'outlook' ? 'crm' : 'outlook';
          report.olderEdits.push({ tag: item.tag, family: item.family, outlookId: event.id, crmObjectId: activity.objectId, keptSide, kept: event.subject, latest });
        }
        report.converged += 1;
        break;
      }
      case 'deletedInOutlook':
        if (event) fail('deleted in Outlook but the item is back');
        else if (activity && activity.status !== CANCELLED) fail('deleted in Outlook but the C4C activity is not cancelled');
        else report.converged += 1;
        break;
      case 'deletedInCrm':
        if (activity) fail('deleted in C4C but the activity is still there');
        else if (event) fail('deleted in C4C but the Outlook item the service created stays');
        else report.converged += 1;
        break;
      case 'cancelledInCrm':
        // R11: a C4C cancel removes the Outlook item the service created from C4C; the activity stays cancelled.
        if (event) fail('cancelled in C4C but the Outlook item the service created stays');
        else if (activity && activity.status !== CANCELLED) fail('cancelled in C4C but the activity is live again');
        else report.converged += 1;
        break;
      case 'untagged':
        // R2: mirroring ends; the C4C record stays. Only duplicates (above) would be wrong.
        if (!event) fail('untagged item vanished from Outlook');
        else report.converged += 1;
        break;
    }
    if (report.converged > convergedBefore) {
      family.converged += 1;
      if (provider) provider.converged += 1;
    }
  }
  return report;
}

/**
 * R5: C4C's Visit has no sensitivity, so a private Google event in "SAP Visits" is not synced: it shows the error
 * mark with the reason (R9). Moved there from "SAP Appointments", the switch is not carried over (R2): the old
 * Appointment stays as it was, unlinked, also when the event is deleted later (docs/sync-rules.md, R2 and R5).
 */
function refusedAsPrivateVisit(item: TrackedItem): boolean {
  return item.provider === 'google' && item.private === true && item.kind === 'visit';
}

function checkPrivateVisit(item: TrackedItem, event: SideEvent | undefined, liveVisits: readonly SideActivity[], report: CheckReport): void {
  // The error mark is this item's expected state, so it excuses nothing here: each breach is a violation.
  const breach = (what: string): void => {
    report.violations.push(`${item.tag} (Google private visit, ${item.state}): ${what}`);
  };
  if (liveVisits.length > 0) return breach('a private event reached C4C as a Visit (R5)');
  if (item.state === 'live' && !event) return breach('the private event in "SAP Visits" vanished');
  if (item.state === 'live' && !event?.categories.includes(DEFAULT_CATEGORIES.error)) return breach('a private event in "SAP Visits" shows no error mark (R5, R9)');
  if (item.state === 'deletedInOutlook' && event) return breach('deleted in Google but the event is back');
  report.refusals.push(`${item.tag}: private event in "SAP Visits"${item.kindSwitches > 0 ? ' (moved there; the Appointment stays, unlinked)' : ''}, ${item.state}: refused by R5`);
  report.converged += 1;
}
