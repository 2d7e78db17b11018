// An item family: what one kind of thing that syncs (calendar items, tasks, contacts …) brings to the one engine.
// The engine (sync/plan, sync/run, sync/tenant) is family-blind: pairs, the 3-way merge, write intents, pending
// creates, early commits, the delete guard, the sync log, sessions and the tenant poll are shared. A family brings
// its normalized item type, its merge fields (R12), its hash, its scope rule, and the few rules that are truly its
// own (R4 blockers, R7 targets, R8 attendees for the calendar). Its groupware and CRM ports are bound to it at
// the composition root (ports/family-ports.ts).
import type { ItemError } from './errors.js';
import type { Mailbox } from './mailbox.js';
import type { ConflictWinner, SyncSettings } from './settings.js';
import type { CrmRecord, GroupwareItemPresent } from './snapshots.js';
import type { BaseView } from './state-digest.js';
import type { WriteIntent } from './write-intent.js';

export type HashSide = 'outlook' | 'crm';

/**
 * `shareKeyOf` of a family whose items no copy in another mailbox shares (tasks, contacts): the engine sees this very
 * function and skips what only a shared key needs (reading a new item back for its key: sync/run/groupware-ids.ts).
 */
export const noShareKey = (): null => null;

/** The normalized item of a family's groupware item type. */
export type FieldsOf<G extends GroupwareItemPresent> = G['fields'];
/** The kinds of a family's CRM record type. */
export type KindOf<C extends CrmRecord> = C['kind'];

export interface MergeResult<F extends object> {
  /** What to write to the groupware side. */
  outlookPatch: Partial<F>;
  /** What to write to the CRM side. */
  crmPatch: Partial<F>;
  /** Fields changed on both sides to different values (decided by the winner). */
  conflicts: string[];
}

export interface MergeInput<F extends object, K extends string> {
  /** The last synced values, as the stored digests can tell them (null: no common ancestor). */
  base: BaseView<F> | null;
  outlook: F;
  crm: F;
  kind: K;
  winner: ConflictWinner;
  /** Writes an interrupted session may have made (domain/write-intent.ts); they are not the users' changes. */
  ours: WriteIntent<F> | null;
}

/**
 * `G`: the family's groupware item (what its groupware port reads), `C`: its CRM record. Their `fields` are the
 * family's normalized item.
 */
export interface ItemFamily<G extends GroupwareItemPresent = GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>> = CrmRecord<FieldsOf<G>>> {
  /** Stored on every pair row (`sync_pairs.family`). */
  readonly name: string;
  /** The CRM kinds of this family; a kind belongs to exactly one family. The first carries every merge field. */
  readonly kinds: readonly KindOf<C>[];

  // --- Scope and identity ---
  /** R1 for this family: the kind an item syncs as, or null when it is out of scope (e.g. untagged). */
  scopeOf(item: G, settings: SyncSettings): KindOf<C> | null;
  /** Items that are not items of their own and never sync (calendar: series masters, R6). */
  ignores(item: G): boolean;
  /** The key every copy of one item shares (calendar: the iCalUId of a meeting), or null. */
  shareKeyOf(item: G): string | null;
  /**
   * When the item happens (calendar: its start and end), for a full read that lists only the items overlapping its
   * window; absent: a full read lists every item. The pair keeps only the days (domain/state-digest.ts).
   */
  spanOf?(fields: FieldsOf<G>): { startUtc: string; endUtc: string };

  // --- Comparing and merging (R2, R12) ---
  /** The fields a write intent may name, i.e. the fields merged both ways. */
  readonly mergeFields: readonly string[];
  /** Stable hash of what syncs of an item, as one side holds it (a side changed when its version AND hash differ). */
  hash(fields: FieldsOf<G>, side: HashSide, kind: KindOf<C>): string;
  /**
   * The canonical text of every field the merge compares with the base: the merge fields and the one-way fields
   * (calendar: attendees). Two values are equal for the merge exactly when their canonical texts are; the pair keeps
   * only keyed digests of them (domain/state-digest.ts), never the values.
   */
  canonicalFields(fields: FieldsOf<G>): Readonly<Record<string, string>>;
  merge(input: MergeInput<FieldsOf<G>, KindOf<C>>): MergeResult<FieldsOf<G>>;
  /** The groupware item's whole synced state as a CRM patch (a retagged item's state is pushed whole). */
  fullPatch(fields: FieldsOf<G>): Partial<FieldsOf<G>>;

  // --- Creating ---
  /** What a new CRM record gets from a groupware item's fields. */
  crmCreateFields(fields: FieldsOf<G>): FieldsOf<G>;
  /**
   * Whether the mailbox owner creates the CRM record as its owner (calendar: only from the organizer's copy). A copy
   * that does not (an attendee's) shares its record: when the record exists, its create only joins it (R8).
   */
  createsAsOwner(item: G): boolean;
  /**
   * R2: whether retagging an item as another kind carries its record over: the new kind's record is created from the
   * item, and the old record is cancelled in the same session (C4C cannot change an activity's type). Without it, the
   * old record stays as it is (it is only unlinked).
   */
  carriesOverOnKindSwitch?: boolean;
  /** Why an item cannot sync as `kind` (R4, R5, invalid data), or null. */
  blocker(fields: FieldsOf<G>, settings: SyncSettings, kind: KindOf<C>): ItemError | null;
  /**
   * Why the CRM side of a pair, as read now, cannot sync (R9: a time-zone code the tenant cannot map), or null. The
   * groupware item gets the error; without the hook, the CRM side never blocks.
   */
  crmBlocker?(fields: FieldsOf<G>): ItemError | null;
  /** R7: whether a CRM-created record lands in this mailbox. */
  isTarget(record: C, mailbox: Mailbox, settings: SyncSettings): boolean;
  /** The category that tags an item of this kind (R1). */
  categoryFor(kind: KindOf<C>, settings: SyncSettings): string;
  /** Every category that tags an item of this family (removed, with the error category, when the CRM side is gone: R11). */
  syncCategories(settings: SyncSettings): string[];
  /** R11: the notice an item that came from groupware gets when its CRM record is cancelled or deleted. */
  readonly crmGoneNotice: string;

  // --- Rules of its own (optional: a family without them gets the plain behaviour) ---
  /**
   * R8 for calendars: the CRM patch that takes the mailbox's user off a shared record when they delete (or decline)
   * their copy (an attendee's copy of a meeting), an empty patch when they are not on it, or null when the record is
   * theirs, to cancel it (R11). `crm`: the record as read now. Applies to an untagged copy too (R8 holds whatever
   * the categories say), but an untagged copy never cancels anything (R2).
   */
  patchForRemovedCopy?(mailbox: Mailbox, crm: C): Partial<FieldsOf<G>> | null;
  /**
   * R11 for shared records: whether the record's owner cancelled it, as this copy shows (calendar: an attendee's copy
   * of a meeting its organizer cancelled). A tagged copy in that state cancels the record, as the owner's delete
   * would: the owner's own copy may never have been synced (deleted before a session saw it), or its owner is not a
   * synced user. Such a copy is never created anew, and an untagged one cancels nothing (R2).
   */
  cancelledByOwner?(item: G): boolean;
  /**
   * R8: whether the mailbox's user takes part in this record without organizing it (calendar: an attendee party of
   * the activity). The tenant poll files its changes for them too, so that their copy is known even untagged, and
   * removing it takes them off the record.
   */
  attendedBy?(record: C, mailbox: Mailbox): boolean;
  /**
   * Shared records (calendar: meetings, R8): the e-mail of the person whose copy owns the record this copy shares,
   * when that is someone else (calendar: the organizer, on an attendee's copy), else null. The session finds which
   * of them are the tenant's synced users and hands them to `joinsOnly` as `peers`.
   */
  sharedOwnerOf?(item: G): string | null;
  /**
   * R8: whether this item is a participant's copy of a record another copy owns (calendar: an attendee's copy of a
   * meeting whose organizer is a synced user, or whose activity another user owns). Such a copy adds only its user's
   * participation: its create joins the existing record, its removal leaves it (`patchForRemovedCopy`), and it is
   * never merged either way. `crm`: the record as read in this session, if it was.
   */
  joinsOnly?(item: G, crm: C | undefined, who: { mailbox: Mailbox; peers: ReadonlySet<string> }): boolean;
  /**
   * Fields that flow groupware → CRM only and that the CRM hash leaves out (calendar: attendees, R8): after the
   * merge, the CRM patch they need, given what each side holds. `crmChanged`: the CRM side changed (or drifted),
   * so its copy of these fields is not known to match. Returns the patch to send.
   */
  oneWayPatch?(input: { crmPatch: Partial<FieldsOf<G>>; outlook: FieldsOf<G>; crm: FieldsOf<G>; crmChanged: boolean }): Partial<FieldsOf<G>>;
  /**
   * R9 for fields the CRM does not take from groupware (contacts: an employee's copy, a contact's company): why the
   * merge reverts the groupware item's edit of them, or null. The item gets the error category and this reason with
   * the revert, and keeps them until its user edits it again or the record changes.
   */
  revertReason?(input: Pick<MergeInput<FieldsOf<G>, KindOf<C>>, 'base' | 'outlook' | 'crm' | 'kind'>): ItemError | null;
  /** Whether the CRM side holds one-way data the groupware side does not have (a lost write of ours landed). */
  crmDrifted?(outlook: FieldsOf<G>, crm: FieldsOf<G>): boolean;
  /**
   * Whether a record a create answered with holds what the create sent. A create that may take an existing record
   * instead of making one (contacts: the duplicate check by e-mail) answers with that record, which may hold other
   * values: the pair is then recorded unmerged, and the next session merges both sides without a base (R12), as for
   * an adopted record. Absent: a create always makes the record it sent.
   */
  createdAsSent?(sent: FieldsOf<G>, record: C): boolean;
  /** Whether a re-read record holds what an update meant it to (its hash alone may leave one-way fields out). */
  holdsUpdate?(side: HashSide, current: FieldsOf<G>, after: FieldsOf<G>, patch: Partial<FieldsOf<G>>): boolean;
  /**
   * E-mails of the people a CRM write needs resolved to CRM parties (calendar: attendees who did not decline, R8),
   * or null when the fields (a patch) do not set the item's people.
   */
  partyEmails?(fields: Partial<FieldsOf<G>>): string[] | null;
  /**
   * E-mail of the person a new CRM record names as its organizer (calendar: the meeting's organizer, R8), resolved to
   * a party like `partyEmails`; null when there is none. The organizer is not among `partyEmails`.
   */
  organizerEmailOf?(fields: FieldsOf<G>): string | null;
  /**
   * The CRM record a groupware item names itself (tasks: the linked resource the service wrote), or null. A family
   * whose groupware side has no transactionId finds the item it created from the CRM by it (sync/plan/planner.ts).
   */
  crmObjectIdOf?(item: G): string | null;
  /**
   * What the groupware item gets, once its CRM record exists, to name that record (tasks: the C4C link), or null.
   * Written right after a CRM create (sync/run/groupware-links.ts); absent: the family names nothing.
   */
  groupwareLinkPatch?(record: C): Partial<FieldsOf<G>> | null;
  /**
   * One groupware item per CRM record in a mailbox: what takes the record's name off an item made in groupware whose
   * create took a record another item of the mailbox already mirrors (contacts: the duplicate check, R14). With the
   * sync categories removed and a notice, such an item is left to its user, unlinked (sync/plan/duplicate-links.ts).
   * Absent: the family's creates never take an existing record.
   */
  unlinkPatch?: Partial<FieldsOf<G>>;
  /** Why an item was released that way, for the sync log (R9's reason): it never quotes an item (privacy). */
  readonly duplicateNotice?: string;
  /**
   * Why an item was released that way, for its user, on the item itself (the write's notice): `holder` is what
   * mirrors the record (the item that keeps it, or the record), null when unknown. It may quote the holder, as a
   * reason shown to the user may; it is never logged.
   */
  releaseNotice?(holder: FieldsOf<G> | null): string;
}

/** The patch's value for every key it sets (undefined keys are not set). */
export function applyPatch<F extends object>(item: F, patch: Partial<F>): F {
  const next = { ...item };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

export function isEmptyPatch(patch: object): boolean {
  return Object.values(patch).every((v) => v === undefined);
}
