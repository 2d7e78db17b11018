// R12 for the calendar family: the shared three-way merge (three-way-merge.ts) with the calendar's units and
// field forms. Start, end and all-day are one unit (mixing one side's start with the other's end could invert
// them); attendees flow Outlook → C4C only (R8).
import type { SyncKind } from '../../shared/categories.js';
import type { CrmLink } from '../../shared/crm-links.js';
import { twoWayFieldsFor, type Attendee, type CalendarItemPatch, type NormalizedCalendarItem, type TwoWayField } from './calendar-item.js';
import { canonicalLinks, fieldEqual, sameAttendees } from './canonical.js';
import type { MergeResult } from './family.js';
import type { ConflictWinner } from './settings.js';
import type { BaseView } from './state-digest.js';
import { baseOfItem, mergeUnits, type MergeRules } from './three-way-merge.js';
import type { WriteIntent } from './write-intent.js';

const TIME_UNIT: readonly TwoWayField[] = ['startUtc', 'endUtc', 'isAllDay'];

function unitsOf(kind: SyncKind): (readonly TwoWayField[])[] {
  const rest = twoWayFieldsFor(kind).filter((f) => !TIME_UNIT.includes(f));
  return [TIME_UNIT, ...rest.map((f) => [f])];
}

/**
 * Links written to Outlook from C4C: C4C's links, keeping Outlook's own version of an equal link (its name and exact
 * type: C4C tells an individual customer from an account by neither field nor party row).
 */
export function linksForOutlook(crmLinks: readonly CrmLink[], outlookLinks: readonly CrmLink[]): CrmLink[] {
  const outlookByKey = new Map(outlookLinks.map((l) => [canonicalLinks([l])[0], l]));
  return crmLinks.map((l) => outlookByKey.get(canonicalLinks([l])[0]) ?? l);
}

/** R8: invitees who declined are not (or no longer) parties of the C4C activity; neither is the organizer. */
export function attendeesForCrm(item: NormalizedCalendarItem): Attendee[] {
  const organizer = item.organizerEmail?.toLowerCase() ?? null;
  return item.attendees.filter((a) => a.response !== 'declined' && a.response !== 'organizer' && a.email.toLowerCase() !== organizer);
}

export type { MergeResult } from './family.js';

/** A calendar base backed by an item rather than digests (tests compare the two). */
export function calendarBaseOf(item: NormalizedCalendarItem): BaseView<NormalizedCalendarItem> {
  return {
    holds: (other, field) => (field === 'attendees' ? sameAttendees(other, item) : baseOfItem(calendarRules('appointment'), item).holds(other, field)),
  };
}

/** The calendar's merge rules: start, end and all-day as one unit; links written to Outlook keep its own. */
function calendarRules(kind: SyncKind): MergeRules<NormalizedCalendarItem> {
  return {
    units: unitsOf(kind),
    equal: (a, b, field) => fieldEqual(a, b, field as TwoWayField),
    toOutlook: (field, crm, outlook) => (field === 'links' ? linksForOutlook(crm.links, outlook.links) : crm[field as TwoWayField]),
  };
}

/**
 * Merges `outlook` and `crm` against `base` (null: no common ancestor, so every difference is a conflict).
 * `forceAttendees`: send Outlook's attendees to C4C even if unchanged against base (first sync, reactivation).
 */
export function mergeThreeWay(
  base: BaseView<NormalizedCalendarItem> | null,
  outlook: NormalizedCalendarItem,
  crm: NormalizedCalendarItem,
  kind: SyncKind,
  winner: ConflictWinner,
  forceAttendees = false,
  /** Writes an interrupted session may have made (domain/write-intent.ts); they are not the users' changes. */
  ours: WriteIntent | null = null,
): MergeResult<NormalizedCalendarItem> & { outlookPatch: CalendarItemPatch; crmPatch: CalendarItemPatch } {
  const merged = mergeUnits(calendarRules(kind), { base, outlook, crm, kind, winner, ours });
  const crmPatch: CalendarItemPatch = merged.crmPatch;
  if (forceAttendees || base === null || !base.holds(outlook, 'attendees')) crmPatch.attendees = attendeesForCrm(outlook);
  return { outlookPatch: merged.outlookPatch, crmPatch, conflicts: merged.conflicts };
}

export { applyPatch, isEmptyPatch } from './family.js';
