// An in-memory C4C Tasks (TasksCollection) with the behaviour the task sync relies on (fake-c4c-store.ts: an ETag
// per write, the change query by EntityLastChangedOn, delete notifications for hard deletes, If-Match, cancel =
// Status cancelled, create upserts keyed by GroupwareItemID), routed by processor (R7 for tasks). A task reads
// with its own reference as `crmRef` (ObjectID and ID); C4C keeps links by type and id, no completion date for a
// task that is not completed, and no time window: the task query is not limited by dates.
import type { CrmLink } from '../../../src/shared/crm-links.js';
import { TASK_KIND, emptyTask, type CrmTask, type NormalizedTask, type TaskKind } from '../../../src/server/domain/task-item.js';
import { FakeC4cStore, iso, type CrmTime, type StoredC4cRecord } from './fake-c4c-store.js';
import type { FakeResult } from './fake-groupware-store.js';

export interface StoredC4cTask extends StoredC4cRecord<NormalizedTask, TaskKind> {
  processorPartyId: string | null;
  processorEmail: string | null;
}

/** A colleague of the mailbox's user: C4C tasks assigned to them never land in this mailbox. */
export const OTHER_PROCESSOR = { partyId: 'E-OTHER', email: 'zoe@contoso.example' };

const crmTaskLinks = (links: readonly CrmLink[]): CrmLink[] => links.map((l) => ({ type: l.type, id: l.id }));

export class FakeC4cTasks extends FakeC4cStore<NormalizedTask, TaskKind, StoredC4cTask, CrmTask> {
  constructor(
    private readonly user: { partyId: string; email: string },
    time: CrmTime,
  ) {
    super('TASK', 'tetag', time);
  }

  protected keep(fields: NormalizedTask): NormalizedTask {
    const completed = fields.progress === 'completed';
    return { ...structuredClone(fields), links: crmTaskLinks(fields.links), completedUtc: completed ? fields.completedUtc : null, crmRef: null };
  }

  protected inWindow(): boolean {
    return true;
  }

  protected snapshot(t: StoredC4cTask): CrmTask {
    const displayId = this.displayIdOf(t.objectId);
    return {
      objectId: t.objectId,
      displayId,
      kind: t.kind,
      version: t.version,
      groupwareItemId: t.groupwareItemId,
      // As C4C reads: Status 3 (completed) is the record's status too, not only its progress.
      status: t.status === 'cancelled' ? 'cancelled' : t.fields.progress === 'completed' ? 'completed' : 'open',
      removed: false,
      lastChangedOn: iso(t.changedOnMs),
      processorPartyId: t.processorPartyId,
      processorEmail: t.processorEmail,
      fields: { ...structuredClone(t.fields), crmRef: { objectId: t.objectId, displayId } },
    };
  }

  protected removedSnapshot(objectId: string, kind: TaskKind): CrmTask {
    return { objectId, kind, version: '', groupwareItemId: null, status: 'cancelled', removed: true, lastChangedOn: iso(0), processorPartyId: null, processorEmail: null, fields: emptyTask() };
  }

  // --- users in C4C ---

  /** A task a C4C user makes, assigned to the mailbox's user or (`forOther`) to a colleague. */
  userCreate(fields: NormalizedTask, forOther = false): string {
    const processor = forOther ? OTHER_PROCESSOR : this.user;
    return this.insert((objectId) => ({
      objectId, kind: TASK_KIND, version: '', groupwareItemId: null, status: 'open', fields: this.keep(fields), seq: 0, changedOnMs: 0, origin: 'user',
      processorPartyId: processor.partyId, processorEmail: processor.email,
    })).objectId;
  }

  // --- the service's writes ---

  /** The create upsert; the processor is the owner the request names (the mailbox's user). */
  create(groupwareItemId: string, fields: NormalizedTask, ownerPartyId: string | null): FakeResult {
    return this.upsert(TASK_KIND, groupwareItemId, fields, (objectId) => ({
      objectId, kind: TASK_KIND, version: '', groupwareItemId, status: 'open', fields: this.keep(fields), seq: 0, changedOnMs: 0, origin: 'service',
      processorPartyId: ownerPartyId, processorEmail: ownerPartyId === this.user.partyId ? this.user.email : null,
    }));
  }
}
