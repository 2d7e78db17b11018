// The enrolment policy in the store and the directory's groups (issue 17). Implemented by
// adapters/store/sql-enrolment.ts and adapters/graph/group-members.ts.
import type { EnrolmentOverride, EnrolmentPolicy, GroupMembers, KnownMailbox } from '../domain/enrolment.js';
import type { AuditRecord } from './admin-console.js';

export interface StoredEnrolment {
  policy: EnrolmentPolicy;
  /** When and by whom it was last applied; null while it is the default. */
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface KnownMailboxRow extends KnownMailbox {
  override: EnrolmentOverride | null;
}

export interface EnrolmentStore {
  readPolicy(tenantId: string): Promise<StoredEnrolment>;
  /** Every mailbox of the tenant, enrolled or not. */
  knownMailboxes(tenantId: string): Promise<KnownMailboxRow[]>;
  /**
   * In one transaction: stores the policy, clears every per-mailbox decision, enables `enable` and disables
   * `disable`, and writes the audit row.
   */
  applyPolicy(tenantId: string, policy: EnrolmentPolicy, change: { enable: readonly string[]; disable: readonly string[] }, audit: AuditRecord): Promise<StoredEnrolment>;
  /** An admin's decision for one mailbox (enabled accordingly) with its audit row; false when it was so already. */
  setMailboxEnrolment(tenantId: string, mailboxId: string, decision: EnrolmentOverride, audit: AuditRecord): Promise<boolean>;
}

/** The group does not exist in the directory (Graph answered 404). */
export class UnknownGroupError extends Error {
  constructor(readonly groupId: string) {
    super(`policy.groupId: no Entra group has the object id ${groupId}`);
    this.name = 'UnknownGroupError';
  }
}

export interface GroupDirectory {
  /** The users in the group, directly or through nested groups; throws UnknownGroupError for an unknown group. */
  groupMembers(groupId: string): Promise<GroupMembers>;
}
