// Item-level rules of DESIGN §2 that do not depend on sync state: which items may sync (R4, R5), where a C4C
// activity lands (R7), and category list edits (R1, R9).
import type { SyncKind } from '../../shared/categories.js';
import type { NormalizedCalendarItem, UnknownZone } from './calendar-item.js';
import type { ItemError } from './errors.js';
import type { Mailbox } from './mailbox.js';
import type { SyncSettings } from './settings.js';
import type { CrmActivity } from './snapshots.js';
import { parseIsoUtc } from './time.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A private item never becomes a public record. C4C Appointments carry InformationSensitivityCode and stay private
 * (R5); the Visit entity has no sensitivity field at all (c4codataapi $metadata), so a private Visit would be shown
 * to everyone who sees the account's visits. SSI's choice, and ours: keep it out of C4C with a reason the user can
 * act on (R9), rather than publish it, or publish a stripped copy that would then flow back over the user's item.
 */
export const PRIVATE_VISIT_ERROR: ItemError = {
  code: 'privateVisit',
  message: 'Private items are not synced as Visits: a Visit in SAP Cloud for Customer cannot be marked private. Tag it as an Appointment (it stays private there) or make it not private.',
};

/**
 * R9: an item whose zone the sync cannot place. Its instants may be right, but its dates (all-day items, occurrences)
 * and the zone written to the other side would not be: it is reported rather than synced in UTC. Zone names and SAP
 * codes are not content (they may be quoted).
 */
export function unknownZoneError(zone: UnknownZone): ItemError {
  return zone.side === 'outlook'
    ? {
        code: 'unknownTimeZone',
        message: `The time zone "${zone.name}" of this item is not one the sync knows (Windows or IANA), so it is not synced to SAP Cloud for Customer. Choose another time zone for the item.`,
      }
    : {
        code: 'unknownTimeZone',
        message: `SAP Cloud for Customer gives this activity the time-zone code "${zone.name}", which the sync cannot map to a time zone, so it is not synced. Choose another time zone for it in SAP Cloud for Customer, or ask your administrator to map the code.`,
      };
}

/** Why an item cannot sync (R4, R5, R9 unknown zone, invalid data), or null when it can. `kind`: what it syncs as. */
export function syncBlocker(item: NormalizedCalendarItem, settings: SyncSettings, kind?: SyncKind): ItemError | null {
  if (item.unknownZone) return unknownZoneError(item.unknownZone);
  const start = parseIsoUtc(item.startUtc);
  const end = parseIsoUtc(item.endUtc);
  if (end < start) return { code: 'invalidItem', message: 'The item ends before it starts.' };
  if (item.isAllDay && end - start > DAY_MS) {
    return { code: 'allDayTooLong', message: 'All-day events longer than 24 hours are not synced to SAP Cloud for Customer.' };
  }
  if (item.sensitivity === 'private' && item.seriesId !== null && !settings.syncPrivateRecurring) {
    return { code: 'privateRecurringNotAllowed', message: 'Private recurring items are not synced (tenant setting).' };
  }
  if (item.sensitivity === 'private' && kind === 'visit') return PRIVATE_VISIT_ERROR;
  return null;
}

function isMe(mailbox: Mailbox, partyId: string | null, email: string | null): boolean {
  if (partyId !== null && mailbox.employeePartyId !== null && partyId === mailbox.employeePartyId) return true;
  return email !== null && email.toLowerCase() === mailbox.email.toLowerCase();
}

/**
 * Whether this mailbox's user organizes the activity: its organizer (by party id or e-mail) is them, or it names no
 * organizer and no one else owns it.
 */
export function organizedBy(activity: CrmActivity, mailbox: Mailbox): boolean {
  const organizer = activity.organizerPartyId ?? activity.organizerEmail ?? activity.fields.organizerEmail;
  if (organizer !== null) return isMe(mailbox, activity.organizerPartyId, activity.organizerEmail ?? activity.fields.organizerEmail);
  return !ownedByOther(activity, mailbox);
}

/** Whether the activity names an owner, and it is someone other than this mailbox's user. */
export function ownedByOther(activity: CrmActivity, mailbox: Mailbox): boolean {
  if (activity.ownerPartyId === null && activity.ownerEmail === null) return false;
  return !isMe(mailbox, activity.ownerPartyId, activity.ownerEmail);
}

/**
 * R7: whether a C4C-created activity belongs in this mailbox's calendar. Appointments go to the organizer;
 * Visits to the organizer or the owner per the tenant setting. Without an organizer, the owner's calendar.
 */
export function isTargetMailbox(activity: CrmActivity, mailbox: Mailbox, settings: SyncSettings): boolean {
  const hasOrganizer = activity.organizerPartyId !== null || activity.organizerEmail !== null;
  const useOwner = !hasOrganizer || (activity.kind === 'visit' && settings.visitSyncTo === 'owner');
  return useOwner
    ? isMe(mailbox, activity.ownerPartyId, activity.ownerEmail)
    : isMe(mailbox, activity.organizerPartyId, activity.organizerEmail);
}

/** The category that tags an item for this kind (R1). */
export function syncCategoryFor(kind: SyncKind, settings: SyncSettings): string {
  return kind === 'visit' ? settings.categories.visit : settings.categories.appointment;
}

function hasCategory(categories: readonly string[], name: string): boolean {
  return categories.some((c) => c.toLowerCase() === name.toLowerCase());
}

export function hasErrorCategory(categories: readonly string[], settings: SyncSettings): boolean {
  return hasCategory(categories, settings.categories.error);
}

/** R9: the list with the error category added, or null when it is already there. */
export function withErrorCategory(categories: readonly string[], settings: SyncSettings): string[] | null {
  return hasErrorCategory(categories, settings) ? null : [...categories, settings.categories.error];
}

/** R9: the list without the error category, or null when it was not there. */
export function withoutErrorCategory(categories: readonly string[], settings: SyncSettings): string[] | null {
  return hasErrorCategory(categories, settings) ? categories.filter((c) => c.toLowerCase() !== settings.categories.error.toLowerCase()) : null;
}

/** R11: the list without the sync categories and the error category. */
export function withoutSyncCategories(categories: readonly string[], settings: SyncSettings): string[] {
  const drop = new Set([settings.categories.appointment, settings.categories.visit, settings.categories.error].map((c) => c.toLowerCase()));
  return categories.filter((c) => !drop.has(c.toLowerCase()));
}
