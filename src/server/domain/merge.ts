// R12: three-way merge of the two sides against the last synced values. A field changed on one side only is
// taken from that side; a field changed on both sides to different values is a conflict decided by the tenant's
// winner. Start, end and all-day are one unit (mixing one side's start with the other's end could invert them).
import type { SyncKind } from '../../shared/categories.js';
import type { CrmLink } from '../../shared/crm-links.js';
import { twoWayFieldsFor, type Attendee, type CalendarItemPatch, type NormalizedCalendarItem, type TwoWayField } from './calendar-item.js';
import { canonicalLinks, fieldEqual, isCrmRepresentableLink, sameAttendees } from './canonical.js';
import type { ConflictWinner } from './settings.js';
import type { WriteIntent } from './write-intent.js';

const TIME_UNIT: readonly TwoWayField[] = ['startUtc', 'endUtc', 'isAllDay'];

type Unit = readonly TwoWayField[];

function unitsOf(kind: SyncKind): Unit[] {
  const rest = twoWayFieldsFor(kind).filter((f) => !TIME_UNIT.includes(f));
  return [TIME_UNIT, ...rest.map((f) => [f])];
}

function unitEqual(a: NormalizedCalendarItem, b: NormalizedCalendarItem, unit: Unit): boolean {
  return unit.every((f) => fieldEqual(a, b, f));
}

/**
 * Links written to Outlook from C4C: C4C's links, keeping Outlook's own version of an equal link (its name and
 * exact type) and the links C4C cannot hold (secondary accounts/contacts).
 */
export function linksForOutlook(crmLinks: readonly CrmLink[], outlookLinks: readonly CrmLink[]): CrmLink[] {
  const outlookByKey = new Map(outlookLinks.filter(isCrmRepresentableLink).map((l) => [canonicalLinks([l])[0], l]));
  const fromCrm = crmLinks.filter(isCrmRepresentableLink).map((l) => outlookByKey.get(canonicalLinks([l])[0]) ?? l);
  return [...fromCrm, ...outlookLinks.filter((l) => !isCrmRepresentableLink(l))];
}

/** R8: invitees who declined are not (or no longer) parties of the C4C activity; neither is the organizer. */
export function attendeesForCrm(item: NormalizedCalendarItem): Attendee[] {
  const organizer = item.organizerEmail?.toLowerCase() ?? null;
  return item.attendees.filter((a) => a.response !== 'declined' && a.response !== 'organizer' && a.email.toLowerCase() !== organizer);
}

function assign(patch: CalendarItemPatch, source: NormalizedCalendarItem, field: TwoWayField): void {
  (patch as Record<string, unknown>)[field] = source[field];
}

export interface MergeResult {
  /** What to write to Outlook (two-way fields only). */
  outlookPatch: CalendarItemPatch;
  /** What to write to C4C (two-way fields, plus attendees when Outlook's attendee set changed). */
  crmPatch: CalendarItemPatch;
  /** Fields changed on both sides to different values (decided by the winner). */
  conflicts: TwoWayField[];
}

/**
 * Merges `outlook` and `crm` against `base` (null: no common ancestor, so every difference is a conflict).
 * `forceAttendees`: send Outlook's attendees to C4C even if unchanged against base (first sync, reactivation).
 */
export function mergeThreeWay(
  base: NormalizedCalendarItem | null,
  outlook: NormalizedCalendarItem,
  crm: NormalizedCalendarItem,
  kind: SyncKind,
  winner: ConflictWinner,
  forceAttendees = false,
  /** Writes an interrupted session may have made (domain/write-intent.ts); they are not the users' changes. */
  ours: WriteIntent | null = null,
): MergeResult {
  const outlookPatch: CalendarItemPatch = {};
  const crmPatch: CalendarItemPatch = {};
  const conflicts: TwoWayField[] = [];
  for (const unit of unitsOf(kind)) {
    if (unitEqual(outlook, crm, unit)) continue;
    // A side that holds a write of ours the last session did not record: both sides last agreed on its value.
    const unitBase = ours && (holdsOurWrite(ours, 'outlook', outlook, unit) || holdsOurWrite(ours, 'crm', crm, unit)) ? ours.intended : base;
    const outlookChanged = unitBase === null || !unitEqual(outlook, unitBase, unit);
    const crmChanged = unitBase === null || !unitEqual(crm, unitBase, unit);
    let take: 'outlook' | 'crm';
    if (outlookChanged && !crmChanged) take = 'outlook';
    else if (crmChanged && !outlookChanged) take = 'crm';
    else {
      // Both changed (or neither, which means the sides drifted apart): the tenant's winner decides.
      take = winner;
      if (outlookChanged) conflicts.push(...unit);
    }
    for (const field of unit) {
      if (take === 'outlook') assign(crmPatch, outlook, field);
      else if (field === 'links') outlookPatch.links = linksForOutlook(crm.links, outlook.links);
      else assign(outlookPatch, crm, field);
    }
  }
  if (forceAttendees || base === null || !sameAttendees(outlook, base)) crmPatch.attendees = attendeesForCrm(outlook);
  return { outlookPatch, crmPatch, conflicts };
}

/**
 * Whether a side's value of a unit is one we wrote to it in a session that then died before recording it. The
 * write made both sides agree on the intended value, so that value, not the recorded base, is what a user's later
 * edit on either side changed.
 */
function holdsOurWrite(ours: WriteIntent, side: 'outlook' | 'crm', item: NormalizedCalendarItem, unit: readonly TwoWayField[]): boolean {
  const written = side === 'outlook' ? ours.outlookFields : ours.crmFields;
  return unit.every((field) => written.includes(field)) && unitEqual(item, ours.intended, unit);
}

/** The item after a patch. */
export function applyPatch(item: NormalizedCalendarItem, patch: CalendarItemPatch): NormalizedCalendarItem {
  const next: NormalizedCalendarItem = { ...item };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}

export function isEmptyPatch(patch: CalendarItemPatch): boolean {
  return Object.values(patch).every((v) => v === undefined);
}
