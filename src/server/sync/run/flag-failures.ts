// Phase 5 of a session: the outcome of every group becomes its pair row, and R9 — the groupware item of a failed
// group gets the error category. That category write is planned as a `markError` action and applied like any
// other (one batched write), not slipped in while recording.
import type { ActionGroup, MarkErrorAction } from '../../domain/actions.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncSettings } from '../../domain/settings.js';
import { digestsOf, type StateSeal } from '../../domain/state-digest.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { ResolvedParty } from '../../ports/crm-port.js';
import type { FamilySync } from '../family-sync.js';
import type { PairOf } from '../plan/plan-types.js';
import { applyGroups, type GroupOutcome } from './apply.js';
import { completeRecordedState, errorCategoryEdit, failedPairState } from './outcomes.js';

export interface Flagged<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>> {
  rows: PairOf<G, C>[];
  failed: { pairId: string; code: string; message: string }[];
}

export async function flagFailures<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  sync: FamilySync<G, C>,
  mailbox: Mailbox,
  settings: SyncSettings,
  input: { pairs: readonly PairOf<G, C>[]; outcomes: readonly GroupOutcome<G, C>[]; now: string; seal: StateSeal },
): Promise<Flagged<G, C>> {
  const digestsOfFields = (fields: G['fields']) => digestsOf(input.seal, sync.family.canonicalFields(fields));
  const previous = new Map(input.pairs.map((p) => [p.pairId, p]));
  const rows: PairOf<G, C>[] = [];
  const failed: Flagged<G, C>['failed'] = [];
  const flags: ActionGroup<G['fields'], C['kind']>[] = [];
  for (const { group, applied, failure } of input.outcomes) {
    if (!failure) {
      rows.push(completeRecordedState(group.record.pair, applied));
      continue;
    }
    const row = failedPairState(previous.get(group.pairId) ?? null, group.record.pair, applied, failure.error, input.now, group.steps, digestsOfFields);
    rows.push(row);
    failed.push({ pairId: group.pairId, code: failure.error.code, message: failure.error.message });
    const outlookGone = failure.side === 'outlook' && failure.error.code === 'notFound';
    if (row.outlookId && !outlookGone) {
      // The failed row keeps its last successful versions on purpose (the next session must see the pending change
      // again), so the version this category write produces is not recorded: the flag's own outcome is ignored.
      const flag: MarkErrorAction = { type: 'markError', pairId: row.pairId, mailboxId: mailbox.mailboxId, outlookId: row.outlookId, error: failure.error, categoryEdit: errorCategoryEdit(settings) };
      flags.push({ pairId: row.pairId, steps: [flag], record: { type: 'recordState', pairId: row.pairId, pair: row, intended: null } });
    }
  }
  if (flags.length > 0) await applyGroups(sync, mailbox, flags, new Map<string, ResolvedParty>());
  return { rows, failed };
}
