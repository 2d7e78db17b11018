// Which mailboxes an enrolment policy syncs (issue 17), as pure functions: provisioning decides each new or known
// mailbox with `isEnrolled`, and the admin console's preview compares a proposed policy with what syncs now.
import type { EnrolmentPerson, EnrolmentPolicy, EnrolmentPreview } from '../../shared/admin-enrolment-api.js';

export type { EnrolmentPolicy } from '../../shared/admin-enrolment-api.js';

export const DEFAULT_ENROLMENT: EnrolmentPolicy = { mode: 'all' };

/** An admin's decision for one mailbox; it wins over the policy until the next policy is applied. */
export type EnrolmentOverride = 'enrolled' | 'removed';

/** A C4C employee the service knows a mailbox for (or is about to make one for). */
export interface EnrolmentCandidate {
  mailboxId: string;
  email: string;
}

/**
 * A group's members as ids and addresses (lower-cased): a Graph user id is the id of its Microsoft 365 mailbox, and
 * a Google mailbox is matched by its address.
 */
export interface GroupMembers {
  ids: ReadonlySet<string>;
  emails: ReadonlySet<string>;
}

/** Whether the policy takes the candidate in. `members`: the policy's group (needed for `group` only). */
export function inPolicy(policy: EnrolmentPolicy, candidate: EnrolmentCandidate, members: GroupMembers | null): boolean {
  const email = candidate.email.toLowerCase();
  if (policy.mode === 'all') return true;
  if (policy.mode === 'list') return policy.emails.includes(email);
  if (!members) throw new Error('inPolicy: a group policy needs the group members');
  return members.ids.has(candidate.mailboxId) || members.emails.has(email);
}

/** The admin's decision for the mailbox if there is one, else the policy's. */
export function isEnrolled(policy: EnrolmentPolicy, candidate: EnrolmentCandidate, members: GroupMembers | null, override: EnrolmentOverride | null): boolean {
  if (override === 'enrolled') return true;
  if (override === 'removed') return false;
  return inPolicy(policy, candidate, members);
}

export interface KnownMailbox extends EnrolmentCandidate {
  displayName: string;
  enabled: boolean;
}

/** People listed per group in a preview. */
export const PREVIEW_NAMES = 20;

/**
 * What applying `policy` would change. Applying a policy clears the per-mailbox decisions (the new policy is the
 * admin's whole answer), so the proposal is compared with what syncs now, mailbox by mailbox.
 */
export function previewPolicy(policy: EnrolmentPolicy, mailboxes: readonly KnownMailbox[], members: GroupMembers | null): EnrolmentPreview & { addedIds: string[]; removedIds: string[] } {
  const sorted = [...mailboxes].sort((a, b) => a.email.localeCompare(b.email) || a.mailboxId.localeCompare(b.mailboxId));
  const added: KnownMailbox[] = [];
  const removed: KnownMailbox[] = [];
  const stays: KnownMailbox[] = [];
  for (const mailbox of sorted) {
    const wanted = inPolicy(policy, mailbox, members);
    if (wanted && !mailbox.enabled) added.push(mailbox);
    else if (!wanted && mailbox.enabled) removed.push(mailbox);
    else if (wanted) stays.push(mailbox);
  }
  const known = new Set(mailboxes.map((m) => m.email.toLowerCase()));
  const person = (m: KnownMailbox): EnrolmentPerson => ({ mailboxId: m.mailboxId, email: m.email, displayName: m.displayName });
  const group = (list: KnownMailbox[]) => ({ count: list.length, first: list.slice(0, PREVIEW_NAMES).map(person) });
  return {
    policy,
    added: group(added),
    removed: group(removed),
    stays: group(stays),
    unknownAddresses: policy.mode === 'list' ? policy.emails.filter((e) => !known.has(e)) : [],
    addedIds: added.map((m) => m.mailboxId),
    removedIds: removed.map((m) => m.mailboxId),
  };
}
