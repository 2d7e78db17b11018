// The enrolment policy at work (issue 17): which C4C employees provisioning enrols, what a proposed policy would
// change (the admin console's preview) and applying it. A removed mailbox stops syncing at once (sessions, the
// scheduler and the subscription keeper read `enabled` from the database each time) and its sync state is forgotten.
import { isEnrolled, previewPolicy, type EnrolmentCandidate, type EnrolmentPolicy, type GroupMembers } from '../domain/enrolment.js';
import type { Logger } from '../log/index.js';
import type { EnrolmentStore, GroupDirectory } from '../ports/enrolment.js';

export interface EnrolmentDeciderDeps {
  store: Pick<EnrolmentStore, 'readPolicy' | 'knownMailboxes'>;
  groups: GroupDirectory;
}

/** The group's members, or null for a policy that needs none. */
export async function membersFor(groups: GroupDirectory, policy: EnrolmentPolicy): Promise<GroupMembers | null> {
  return policy.mode === 'group' ? groups.groupMembers(policy.groupId) : null;
}

/**
 * Decides each candidate of a provisioning run: the admin's decision for the mailbox if any; else the policy. Under
 * `all`, a known mailbox keeps its state (as before policies existed). When a group's members cannot be read (the
 * group was deleted, a missing permission), known mailboxes keep their state and new ones wait for the next run.
 */
export async function enrolmentDecider(deps: EnrolmentDeciderDeps, tenantId: string, logger: Logger): Promise<(candidate: EnrolmentCandidate, enabledNow: boolean | null) => boolean> {
  const { policy } = await deps.store.readPolicy(tenantId);
  const overrides = new Map((await deps.store.knownMailboxes(tenantId)).map((m) => [m.mailboxId, m.override]));
  let members: GroupMembers | null = null;
  try {
    members = await membersFor(deps.groups, policy);
  } catch (error) {
    logger.error({ policy: policy.mode, err: (error as Error).message }, "the enrolment policy's group could not be read; mailboxes keep their state and new ones wait for the next provisioning run");
    return (candidate, enabledNow) => {
      const override = overrides.get(candidate.mailboxId) ?? null;
      return override ? override === 'enrolled' : (enabledNow ?? false);
    };
  }
  return (candidate, enabledNow) => {
    const override = overrides.get(candidate.mailboxId) ?? null;
    if (!override && policy.mode === 'all') return enabledNow ?? true;
    return isEnrolled(policy, candidate, members, override);
  };
}

export interface EnrolmentActionsDeps {
  tenantId: string;
  store: EnrolmentStore;
  groups: GroupDirectory;
  /** Forgets a removed mailbox's sync state (jobs/erase-mailbox.ts forgetSyncState). */
  forget(mailboxId: string): Promise<unknown>;
  /** Asks the workers for a session of a newly enrolled mailbox. */
  askSession(mailboxId: string): Promise<void>;
  logger: Logger;
}

/** What applying the policy would change; writes nothing. */
export async function previewEnrolment(deps: Pick<EnrolmentActionsDeps, 'tenantId' | 'store' | 'groups'>, policy: EnrolmentPolicy) {
  const members = await membersFor(deps.groups, policy);
  return previewPolicy(policy, await deps.store.knownMailboxes(deps.tenantId), members);
}

/** Applies the policy (audited as `enrolment.apply`), then forgets the removed mailboxes' state and starts the added ones. */
export async function applyEnrolment(deps: EnrolmentActionsDeps, policy: EnrolmentPolicy, actor: string) {
  const before = await deps.store.readPolicy(deps.tenantId);
  const { addedIds, removedIds, ...preview } = await previewEnrolment(deps, policy);
  const stored = await deps.store.applyPolicy(deps.tenantId, policy, { enable: addedIds, disable: removedIds }, {
    actor,
    action: 'enrolment.apply',
    target: 'enrolment',
    detail: { from: before.policy, to: policy, added: addedIds.length, removed: removedIds.length },
  });
  for (const mailboxId of removedIds) await deps.forget(mailboxId).catch((error: unknown) => deps.logger.warn({ mailboxId, err: (error as Error).message }, "a removed mailbox's sync state could not be forgotten; it is disabled all the same"));
  for (const mailboxId of addedIds) await deps.askSession(mailboxId);
  deps.logger.info({ adminUserId: actor, policy: policy.mode, added: addedIds.length, removed: removedIds.length }, 'admin applied an enrolment policy');
  return { preview, stored };
}
