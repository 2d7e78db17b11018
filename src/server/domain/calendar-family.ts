// The calendar family (DESIGN R1–R12): Outlook (or Google) calendar items ↔ C4C Appointments and Visits. Everything
// here is a rule of calendar items; the engine that runs it is family-blind (domain/family.ts).
import { syncKindOf, type SyncKind } from '../../shared/categories.js';
import { TWO_WAY_FIELDS, type NormalizedCalendarItem } from './calendar-item.js';
import { crmHasExtraAttendees, sameAttendees } from './canonical.js';
import type { ItemFamily } from './family.js';
import { calendarCanonicalFields, hashItem } from './hash.js';
import { attendeesForCrm, mergeThreeWay } from './merge.js';
import { isTargetMailbox, organizedBy, ownedByOther, syncBlocker, syncCategoryFor, unknownZoneError } from './rules.js';
import type { CrmActivity, OutlookItemPresent } from './snapshots.js';

export const CALENDAR_FAMILY_NAME = 'calendar';

/**
 * The lower-cased e-mails of a record's attendees as C4C holds them (attendeesForCrm), worked out once per record:
 * the tenant poll asks attendedBy for every record it read times every mailbox of the tenant (issue 18's profile:
 * with 1,000 mailboxes, a filtered and lower-cased copy of the attendees per mailbox was most of the poll's work).
 */
const attendeeEmails = new WeakMap<NormalizedCalendarItem, ReadonlySet<string>>();
function attendeeEmailsOf(fields: NormalizedCalendarItem): ReadonlySet<string> {
  let emails = attendeeEmails.get(fields);
  if (!emails) attendeeEmails.set(fields, (emails = new Set(attendeesForCrm(fields).map((a) => a.email.toLowerCase()))));
  return emails;
}

export const calendarFamily: ItemFamily<OutlookItemPresent, CrmActivity> = {
  name: CALENDAR_FAMILY_NAME,
  kinds: ['appointment', 'visit'] satisfies SyncKind[],

  scopeOf: (item, settings) => syncKindOf(item.categories, settings.categories),
  // Series masters are not items of their own (R6: each occurrence is); Graph's calendarView never returns them.
  ignores: (item) => item.type === 'seriesMaster',
  shareKeyOf: (item) => item.iCalUId,
  // Graph's calendarView lists the items that overlap the window.
  spanOf: (fields) => ({ startUtc: fields.startUtc, endUtc: fields.endUtc }),

  mergeFields: TWO_WAY_FIELDS,
  hash: hashItem,
  canonicalFields: calendarCanonicalFields,
  merge: ({ base, outlook, crm, kind, winner, ours }) => mergeThreeWay(base, outlook, crm, kind, winner, false, ours),
  fullPatch: (fields) => {
    const patch: Partial<NormalizedCalendarItem> = {};
    for (const field of TWO_WAY_FIELDS) (patch as Record<string, unknown>)[field] = fields[field];
    patch.attendees = attendeesForCrm(fields);
    return patch;
  },

  // R8: declined invitees and the organizer are not attendee parties.
  crmCreateFields: (fields) => ({ ...fields, attendees: attendeesForCrm(fields) }),
  // R2: Appointment ↔ Visit creates the other kind and cancels the old activity (C4C cannot change the type).
  carriesOverOnKindSwitch: true,
  // An attendee's copy may land on the organizer's activity (same GroupwareItemID): it must not take it over.
  createsAsOwner: (item) => item.isOrganizer,
  // R8 (Siebel: "synchronization through the Organizer's calendar only, provided that the Organizer is enabled"):
  // custom properties do not travel to attendees, so an attendee's copy lacks the links, and an attendee may edit
  // their copy locally. Written over the organizer's activity it would blank the account, contact and documents, and
  // the organizer's next session would take that into their own item. When the organizer syncs, or another user owns
  // the activity, the copy contributes only its user's participation.
  sharedOwnerOf: (item) => (item.isOrganizer ? null : item.fields.organizerEmail),
  joinsOnly: (item, crm, { mailbox, peers }) => {
    if (item.isOrganizer) return false;
    const organizer = item.fields.organizerEmail?.toLowerCase() ?? null;
    if (organizer !== null && organizer !== mailbox.email.toLowerCase() && peers.has(organizer)) return true;
    return crm !== undefined && !crm.removed && ownedByOther(crm, mailbox);
  },
  blocker: syncBlocker,
  // R9: C4C's zone code for the activity maps to no zone; its dates cannot be placed in Outlook.
  crmBlocker: (fields) => (fields.unknownZone ? unknownZoneError(fields.unknownZone) : null),
  isTarget: isTargetMailbox,
  categoryFor: syncCategoryFor,
  syncCategories: (settings) => [settings.categories.appointment, settings.categories.visit],
  crmGoneNotice: 'The activity was cancelled or deleted in SAP Cloud for Customer; this item is no longer synced.',

  // R8: an attendee who deletes (or declines) their copy of a meeting leaves the organizer's activity; it is not
  // cancelled. The activity as C4C holds it now says who organizes it and who attends. Without an organizer, the
  // owner's copy is the one whose removal cancels.
  patchForRemovedCopy: (mailbox, crm) => {
    if (organizedBy(crm, mailbox)) return null;
    const me = mailbox.email.toLowerCase();
    const attendees = attendeesForCrm(crm.fields);
    if (!attendees.some((a) => a.email.toLowerCase() === me)) return {};
    return { attendees: attendees.filter((a) => a.email.toLowerCase() !== me) };
  },
  // Exchange keeps an attendee's copy of a cancelled meeting, marked `isCancelled` ("Canceled: …"), until its user
  // removes it; the organizer's own cancel deletes theirs (Graph event-cancel moves it to Deleted Items).
  cancelledByOwner: (item) => !item.isOrganizer && item.isCancelled,
  attendedBy: (record, mailbox) => attendeeEmailsOf(record.fields).has(mailbox.email.toLowerCase()) && !organizedBy(record, mailbox),
  // C4C holds only the attendees it resolved, so its hash leaves them out. When C4C changed, its attendees are not
  // known to match the base (a write lost in a crash or timeout may have landed): resend Outlook's when they differ.
  // C4C holds only resolved attendees, so this can repeat an idempotent write; it happens only with a C4C change.
  oneWayPatch: ({ crmPatch, outlook, crm, crmChanged }) =>
    crmChanged && !crmPatch.attendees && !sameAttendees(outlook, crm) ? { ...crmPatch, attendees: attendeesForCrm(outlook) } : crmPatch,
  crmDrifted: crmHasExtraAttendees,
  // The C4C hash leaves attendees out: an attendee update counts as landed only when C4C shows exactly the wanted
  // attendees; otherwise it is simply sent again (it is idempotent).
  holdsUpdate: (side, current, after, patch) => side === 'outlook' || !patch.attendees || sameAttendees(current, after),
  organizerEmailOf: (fields) => fields.organizerEmail,
  partyEmails: (fields) => (fields.attendees === undefined ? null : fields.attendees.filter((a) => a.response !== 'declined').map((a) => a.email)),
};
