// The sync list's admin rule (R14): records the service adds to each user's list by itself, marked `rule`
// (ports/sync-list.ts applyRule). Off by default (SYNC_LIST_RULE). The C4C side of it is this port, implemented by
// adapters/c4c (account-contacts.ts); sync/sync-list-rule.ts decides when it runs and applies what it finds.

/** `off`: no rule (and the entries a rule added before are removed); `owned-account-contacts`: see below. */
export const SYNC_LIST_RULES = ['off', 'owned-account-contacts'] as const;
export type SyncListRuleName = (typeof SYNC_LIST_RULES)[number];

export interface SyncListRuleSource {
  /**
   * The readable ids (ContactID) of the active C4C contacts of the accounts the employee owns or is in the account
   * team of. `employeePartyId` is the mailbox's C4C employee. Fails with PortFailure like the other C4C reads.
   */
  contactsOfOwnedAccounts(employeePartyId: string): Promise<string[]>;
}
