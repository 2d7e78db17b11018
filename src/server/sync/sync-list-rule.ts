// The sync list's admin rule (R14, SYNC_LIST_RULE): with `owned-account-contacts`, the contacts of the accounts a
// user's C4C employee owns or is in the account team of join their list, marked `rule`. The store keeps the rule's
// promises (ports/sync-list.ts applyRule): a record the user took off is not put back, entries the user added are
// never taken away, and with the rule `off` the entries it added go. Run by the contact family at the start of a
// mailbox's session (contact-sync.ts), at most once per `refreshMs` per mailbox and process: account ownership and
// teams change seldom, and the family's idle cost stays one Graph delta call per folder between evaluations.
import type { Mailbox } from '../domain/mailbox.js';
import type { Clock } from '../ports/clock.js';
import { isSyncListC4cId, type SyncList, type SyncListEntryRef } from '../ports/sync-list.js';
import type { SyncListRuleName, SyncListRuleSource } from '../ports/sync-list-rule.js';

/** How long an evaluation holds per mailbox (a new process, or the first session of a mailbox, evaluates at once). */
export const SYNC_LIST_RULE_REFRESH_MS = 15 * 60_000;

export interface SyncListRuleDeps {
  rule: SyncListRuleName;
  source: SyncListRuleSource;
  syncList: Pick<SyncList, 'applyRule'>;
  clock: Clock;
  refreshMs?: number;
  /** A failed evaluation (C4C unreachable…): the session goes on with the list as it is, the next one tries again. */
  onError?: (mailboxId: string, error: unknown) => void;
}

export interface SyncListRule {
  /** Whether a rule adds entries (not `off`). */
  readonly active: boolean;
  /** Brings the mailbox's rule entries up to date when they are due; null when they were not due or it failed. */
  refresh(mailbox: Mailbox): Promise<{ added: number; removed: number } | null>;
}

export function syncListRule(deps: SyncListRuleDeps): SyncListRule {
  const refreshMs = deps.refreshMs ?? SYNC_LIST_RULE_REFRESH_MS;
  const evaluatedAt = new Map<string, number>();

  async function refsFor(mailbox: Mailbox): Promise<SyncListEntryRef[]> {
    if (deps.rule === 'off') return [];
    // A mailbox without a C4C employee owns nothing and is in no team.
    if (!mailbox.employeePartyId) return [];
    const ids = await deps.source.contactsOfOwnedAccounts(mailbox.employeePartyId);
    return ids.filter(isSyncListC4cId).map((c4cId) => ({ type: 'contact', c4cId }));
  }

  return {
    active: deps.rule !== 'off',
    async refresh(mailbox) {
      const now = deps.clock.now().getTime();
      const last = evaluatedAt.get(mailbox.mailboxId);
      if (last !== undefined && now - last < refreshMs) return null;
      try {
        const outcome = await deps.syncList.applyRule(mailbox.mailboxId, await refsFor(mailbox));
        evaluatedAt.set(mailbox.mailboxId, now);
        return outcome;
      } catch (error) {
        deps.onError?.(mailbox.mailboxId, error);
        return null;
      }
    },
  };
}
