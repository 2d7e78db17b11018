// A miniature session runner over the fakes, with injected faults: per-write failures (before or after the
// write took effect) and crashes that lose everything not yet committed. It follows the runner contract of
// src/server/domain/actions.ts and uses the helpers of src/server/sync/record-state.ts.
import { mulberry32 } from '../../../src/sandbox/common/mulberry32.js';
import type { Action } from '../../../src/server/domain/actions.js';
import type { NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { retriedByRereading, type ItemError } from '../../../src/server/domain/errors.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { SyncSettings } from '../../../src/server/domain/settings.js';
import type { CrmActivity, OutlookItem } from '../../../src/server/domain/snapshots.js';
import type { SyncPair } from '../../../src/server/domain/sync-pair.js';
import { plan } from '../../../src/server/sync/plan/planner.js';
import { writeIntentsOf } from '../../../src/server/sync/plan/write-intents.js';
import type { WriteIntent } from '../../../src/server/domain/write-intent.js';
import type { PlanOutput } from '../../../src/server/sync/plan/plan-types.js';
import { completeRecordedState, errorCategoryEdit, failedPairState, groupByPair, updateLanded, type AppliedWrite } from '../../../src/server/sync/run/outcomes.js';
import { applyEdit } from './edits.js';
import { FakeCrm } from './fake-crm.js';
import { FakeOutlook, type FakeResult } from './fake-outlook.js';

export interface Faults {
  /** Probability that a write fails without effect. */
  failBefore: number;
  /** Probability that a write takes effect but reports failure (a timeout). */
  failAfter: number;
  /** Probability that the session crashes before committing (after applying a random prefix of its groups). */
  crash: number;
  /** A crash comes only after every group's writes (the widest window between writing and recording). */
  crashAfterAllWrites?: boolean;
  /**
   * Probability that, just before a write, the user edits the item it goes to (the write then races that edit:
   * a guarded write meets a new version, an unguarded one lands on top of the edit).
   */
  concurrentEdit?: number;
}

export const NO_FAULTS: Faults = { failBefore: 0, failAfter: 0, crash: 0 };


export class World {
  readonly outlook = new FakeOutlook();
  readonly crm: FakeCrm;
  /** Committed state. */
  pairs = new Map<string, SyncPair>();
  outlookCursor = 0;
  crmHighWater = 0;
  sessions = 0;
  /** Write intents of sessions that crashed before their commit (domain/write-intent.ts). */
  readonly intents = new Map<string, WriteIntent>();
  /** Each pair's last committed status other than `closed` (a pair closed after R2's unlink keeps its activity). */
  readonly statusBeforeClosing = new Map<string, SyncPair['status']>();
  readonly random: () => number;

  constructor(
    readonly mailbox: Mailbox,
    readonly settings: SyncSettings,
    seed: number,
  ) {
    this.crm = new FakeCrm(mailbox.email);
    this.random = mulberry32(seed);
  }

  /** Reads, plans, applies, commits. Returns the plan. */
  runSession(faults: Faults): PlanOutput {
    this.sessions += 1;
    const now = new Date(Date.UTC(2026, 10, 21, 12, this.sessions)).toISOString();
    const outlookCursor = this.outlook.cursor;
    const crmHighWater = this.crm.highWater;
    const pairs = [...this.pairs.values()];
    const errorPairs = pairs.filter((p) => p.status === 'error' && retriedByRereading(p.lastError?.code));
    const outlookItems = dedupe<OutlookItem>(
      [...this.outlook.changesSince(this.outlookCursor), ...this.outlook.getItems(errorPairs.flatMap((p) => (p.outlookId ? [p.outlookId] : [])))],
      (i) => i.id,
    );
    const crmActivities = dedupe<CrmActivity>(
      [...this.crm.changedSince(this.crmHighWater), ...this.crm.getByIds(errorPairs.flatMap((p) => (p.crmObjectId ? [{ objectId: p.crmObjectId, kind: p.kind }] : [])))],
      (a) => a.objectId,
    );
    const output = plan({ mailbox: this.mailbox, settings: this.settings, pairs, outlookItems, crmActivities, now, intents: [...this.intents.values()] });

    const groups = groupByPair(output.actions);
    // Committed before the writes, like the runner's write intents; they outlive a crash.
    for (const intent of writeIntentsOf(this.mailbox.mailboxId, groups)) this.intents.set(intent.pairId, intent);
    const crashes = this.random() < faults.crash;
    const applyCount = crashes && !faults.crashAfterAllWrites ? Math.floor(this.random() * (groups.length + 1)) : groups.length;
    const staged = new Map(this.pairs);
    for (const group of groups.slice(0, applyCount)) {
      const applied: AppliedWrite[] = [];
      let failure: ItemError | null = null;
      for (const step of group.steps) {
        let result = this.apply(step, faults);
        if (result === 'noWrite') continue;
        if (!result.ok && result.code === 'temporary') {
          // Unknown outcome: re-read, as the runner does, to see whether the update landed.
          const landed = updateLanded(step, this.current(step));
          if (landed) result = { ok: true, id: landed.id, version: landed.version };
        }
        if (!result.ok) {
          failure = { code: result.code === 'conflict' ? 'conflictRetry' : result.code === 'notFound' ? 'notFound' : 'temporary', message: result.code };
          break;
        }
        applied.push({ action: step, result: { ok: true, id: result.id, version: result.version } });
      }
      if (failure) {
        const previous = this.pairs.get(group.pairId) ?? null;
        const row = failedPairState(previous, group.record.pair, applied, failure, now, group.steps);
        staged.set(row.pairId, row);
        // R9: the item shows the error category (best effort, like the real runner).
        if (row.outlookId) this.outlook.editCategories(row.outlookId, errorCategoryEdit(this.settings));
      } else {
        staged.set(group.pairId, completeRecordedState(group.record.pair, applied));
      }
    }
    if (crashes) return output;
    // Commit: pair rows, both cursors and the end of the write intents together.
    this.pairs = staged;
    this.intents.clear();
    for (const row of staged.values()) if (row.status !== 'closed') this.statusBeforeClosing.set(row.pairId, row.status);
    this.outlookCursor = outlookCursor;
    this.crmHighWater = crmHighWater;
    return output;
  }

  private current(action: Action): { version: string; fields: NormalizedCalendarItem } | null {
    if (action.type === 'updateCrm') {
      const [activity] = this.crm.getByIds([{ objectId: action.crmObjectId, kind: action.kind }]);
      return activity && !activity.removed ? activity : null;
    }
    if (action.type === 'updateOutlook') {
      const [item] = this.outlook.getItems([action.outlookId]);
      return item && !item.removed ? item : null;
    }
    return null;
  }

  private fault(faults: Faults): 'before' | 'after' | null {
    const r = this.random();
    if (r < faults.failBefore) return 'before';
    if (r < faults.failBefore + faults.failAfter) return 'after';
    return null;
  }

  private apply(action: Action, faults: Faults): FakeResult | 'noWrite' {
    if (action.type === 'unlink' || action.type === 'recordState') return 'noWrite';
    if ((action.type === 'markError' || action.type === 'clearError') && (action.categoryEdit === null || action.outlookId === null)) return 'noWrite';
    if ((faults.concurrentEdit ?? 0) > 0 && this.random() < (faults.concurrentEdit ?? 0)) this.userEditsTargetOf(action);
    const fault = this.fault(faults);
    if (fault === 'before') return { ok: false, code: 'temporary' };
    const result = this.write(action);
    return fault === 'after' ? { ok: false, code: 'temporary' } : result;
  }

  /** A user's subject edit (or, for an Outlook item, now and then its deletion) on the item a write is about to reach. */
  private userEditsTargetOf(action: Action): void {
    const value = Math.floor(this.random() * 1000);
    if (action.type === 'updateCrm' || action.type === 'cancelCrm') {
      this.crm.userEdit(action.crmObjectId, (f) => applyEdit(f, 'subject', 'crm', value));
    } else if ('outlookId' in action && action.outlookId) {
      if (value % 4 === 0) this.outlook.userDelete(action.outlookId);
      else this.outlook.userEdit(action.outlookId, (e) => (e.fields = applyEdit(e.fields, 'subject', 'outlook', value)));
    }
  }

  private write(action: Action): FakeResult {
    switch (action.type) {
      case 'createCrm':
        return this.crm.create(action.kind, action.groupwareItemId, action.fields);
      case 'updateCrm':
        return this.crm.update(action.crmObjectId, action.ifMatch, action.patch);
      case 'cancelCrm':
        return this.crm.cancel(action.crmObjectId, action.ifMatch);
      case 'createOutlook':
        return this.outlook.create(action.transactionId, action.fields, action.categories);
      case 'updateOutlook':
        return this.outlook.update(action.outlookId, action.ifMatch, action.patch, action.categoryEdit);
      case 'deleteOutlook':
        return this.outlook.delete(action.outlookId, action.ifMatch);
      case 'removeCategoryAndNotify':
        return this.outlook.editCategories(action.outlookId, action.categoryEdit);
      case 'markError':
      case 'clearError':
        if (!action.categoryEdit || !action.outlookId) throw new Error('no write');
        return this.outlook.editCategories(action.outlookId, action.categoryEdit);
      case 'unlink':
      case 'recordState':
        throw new Error('no write');
    }
  }

  /** Fault-free sessions until one plans nothing; returns how many it took (Infinity: it never settled). */
  converge(maxSessions = 6): number {
    for (let i = 1; i <= maxSessions; i++) {
      const output = this.runSession(NO_FAULTS);
      if (output.actions.length === 0 && output.held.length === 0) return i;
    }
    return Infinity;
  }
}

function dedupe<T>(items: readonly T[], key: (t: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return [...map.values()];
}
