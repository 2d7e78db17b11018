// Shared meetings (R8): one synced user organizes, one to three other synced users are attendees, and each of them
// has a copy in their own calendar (Exchange keeps it in step with the organizer's item). The service makes one C4C
// activity of the meeting whoever tagged it (the checker's duplicate check covers the activity); here each attendee's
// copy is checked: exactly one while the meeting lives, with the organizer's subject (so the C4C edits the service
// wrote onto the organizer's item reached every copy, and no session wrote a second copy into an attendee's
// calendar), none live once the organizer deleted it (Exchange marks them cancelled: "Canceled: …").
import { DEFAULT_CATEGORIES } from '../../src/shared/categories.js';
import type { SideEvent } from './clients.js';
import type { TrackedItem } from './edits.js';

export interface SharedMeetingReport {
  /** Meetings with attendees, their attendee copies, how many copies converged, and how many attendees tagged theirs. */
  meetings: number;
  copies: number;
  copiesConverged: number;
  tagged: number;
  /** Live shared meetings with an account link, and how many of them carry it on their one C4C activity. */
  linked: number;
  linkedOnActivity: number;
  /** Of the linked ones, those whose link names a contact person too (it must be the activity's main contact). */
  linkedWithContact: number;
}

export const emptySharedReport = (): SharedMeetingReport => ({ meetings: 0, copies: 0, copiesConverged: 0, tagged: 0, linked: 0, linkedOnActivity: 0, linkedWithContact: 0 });

/**
 * Checks every attendee copy of one item (a no-op for items without attendees). `withTag` holds the item's events
 * in every mailbox; `organizer` is the organizer's event (if it is there). Returns what is wrong, one line per copy.
 */
export function checkAttendeeCopies(item: TrackedItem, withTag: readonly SideEvent[], organizer: SideEvent | undefined, linkReached: boolean, report: SharedMeetingReport): { violations: string[]; visibleErrors: string[][] } {
  // visibleErrors: per copy left with the error category, its ids (the run names the reasons from the store).
  const out = { violations: [] as string[], visibleErrors: [] as string[][] };
  if (item.attendees.length === 0) return out;
  report.meetings += 1;
  report.tagged += item.taggedBy.length;
  // Only a live meeting must carry its link (an untagged one's activity stays as it was; a deleted one's is cancelled).
  if (item.linkedAccount && item.state === 'live') {
    report.linked += 1;
    if (item.linkedContact) report.linkedWithContact += 1;
    if (linkReached) report.linkedOnActivity += 1;
  }
  for (const attendee of item.attendees) {
    report.copies += 1;
    const copies = withTag.filter((e) => e.mailboxId === attendee.id);
    const wrong = (what: string) => {
      if (copies.some((c) => c.categories.includes(DEFAULT_CATEGORIES.error))) out.visibleErrors.push(copies.filter((c) => c.categories.includes(DEFAULT_CATEGORIES.error)).map((c) => c.id));
      else out.violations.push(`${item.tag} (shared meeting, ${item.state}): ${attendee.mail}'s copy ${what}; copies=${JSON.stringify(copies.map((c) => [c.subject, c.categories]))} organizer=${JSON.stringify(organizer?.subject ?? null)}`);
    };
    if (copies.length > 1) {
      wrong(`is there ${copies.length} times (duplicate)`);
      continue;
    }
    const [copy] = copies;
    if (item.state === 'deletedInOutlook') {
      if (copy) wrong('is still live after the organizer deleted the meeting');
      else report.copiesConverged += 1;
      continue;
    }
    if (!copy) {
      wrong('is missing');
      continue;
    }
    if (organizer && copy.subject !== organizer.subject) {
      wrong('differs from the organizer\'s item');
      continue;
    }
    report.copiesConverged += 1;
  }
  return out;
}
