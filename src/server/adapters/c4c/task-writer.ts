// CrmPort<CrmTask>.write: creates (idempotent upserts keyed by the To Do reference entry), updates and cancels,
// sent as OData $batch requests with one change set per request, so one rejected request rolls back only itself.
// Before any create, tasks carrying the same To Do key are looked up: a create whose response was lost is found
// here and updated instead of duplicated.
import type { Logger } from 'pino';
import { MAX_TASK_KEY_LENGTH } from '../../domain/c4c-task-fields.js';
import { fullTaskPatch, taskZoneCode, toC4cTaskCreate, toC4cTaskUpdate } from '../../domain/c4c-task-payloads.js';
import type { SapZones } from '../../domain/sap-time-zones.js';
import type { PortError } from '../../domain/errors.js';
import { canonicalJson } from '../../domain/hash.js';
import { c4cVersionOf } from '../../domain/normalize-c4c.js';
import { normalizeC4cTaskFields } from '../../domain/normalize-c4c-task.js';
import type { NormalizedTask, TaskKind } from '../../domain/task-item.js';
import type { CrmWriteRequestOf } from '../../ports/crm-port.js';
import type { WriteResult } from '../../ports/write-results.js';
import { CHANGE_SETS_PER_BATCH } from './activity-writer.js';
import type { BatchWrite } from './batch-format.js';
import type { ODataHttp } from './odata-http.js';
import { asPortError, sendChangeSets, writeFailure as failure } from './send-change-sets.js';
import { isExactMatchable } from './odata-literals.js';
import { chunks, type ODataEntity } from './odata-read.js';
import { cancelTaskChangeSet, createTaskChangeSet, updateTaskChangeSet } from './task-change-sets.js';
import { readTasksByIds, readTasksByKeys } from './task-reader.js';

export type TaskWriteRequest = CrmWriteRequestOf<NormalizedTask, TaskKind>;

interface Planned {
  index: number;
  writes: BatchWrite[];
  /** Known for updates and cancels; for creates it comes from the 201 body. */
  objectId: string | null;
  rereadVersion: boolean;
  /** The task's fields once the write is done (what a re-read must show for its version to be ours). */
  after: NormalizedTask | null;
}

type Results = (WriteResult | undefined)[];

function unwritableTaskZoneError(zone: string): PortError {
  return {
    code: 'invalid',
    message: `C4C has no time-zone code for the task's zone`,
    detail: `SAP Cloud for Customer has no time-zone code for ${zone}, so the task is not synced rather than given UTC dates. Set its dates in another time zone, or ask your administrator.`,
  };
}

const validKey = (key: string) => key.length > 0 && key.length <= MAX_TASK_KEY_LENGTH && isExactMatchable(key);
/** The fields a To Do write sets (links and crmRef flow C4C → To Do only; the zone is display). */
const written = (task: NormalizedTask) => canonicalJson({ ...fullTaskPatch(task), timeZone: undefined });

/** The task whose dates a write sets, when they are set (a cancel writes none). */
function datedTask(req: TaskWriteRequest): NormalizedTask | null {
  if (req.op === 'cancel') return null;
  if (req.op === 'create') return req.fields;
  const touchesDates = req.patch.startUtc !== undefined || req.patch.dueUtc !== undefined || req.patch.timeZone !== undefined;
  return touchesDates ? req.after : null;
}

export class TaskWriter {
  constructor(
    private readonly http: ODataHttp,
    private readonly logger: Logger,
    /** The tenant's time-zone codes (cached by the code lists). */
    private readonly zones: () => Promise<SapZones>,
  ) {}

  async write(requests: readonly TaskWriteRequest[]): Promise<WriteResult[]> {
    const results: Results = requests.map(() => undefined);
    const zones = await this.zones();
    // R9: a task whose zone the tenant has no code for is refused, never written with UTC dates.
    for (const [index, req] of requests.entries()) {
      const task = datedTask(req);
      if (task && (task.startUtc !== null || task.dueUtc !== null) && taskZoneCode(task, zones) === null) results[index] = failure(unwritableTaskZoneError(task.timeZone));
    }
    const existingByKey = await this.lookUpCreates(requests, results);
    const currentById = await this.readUpdateTargets(requests, results);
    const planned: Planned[] = [];
    for (const [index, req] of requests.entries()) {
      if (!results[index]) planned.push(this.plan(index, req, existingByKey, currentById, zones));
    }
    for (const group of chunks(planned, CHANGE_SETS_PER_BATCH)) await this.send(group, results);
    await this.rereadVersions(planned, results);
    return results.map((r) => r ?? failure({ code: 'temporary', message: 'no result recorded' }));
  }

  /** To Do key → existing task, for every create (a failed look-up fails those creates). */
  private async lookUpCreates(requests: readonly TaskWriteRequest[], results: Results): Promise<Map<string, ODataEntity>> {
    const creates = requests.flatMap((req, index) => (req.op === 'create' ? [{ key: req.groupwareItemId, index }] : []));
    for (const c of creates) if (!validKey(c.key)) results[c.index] = failure({ code: 'invalid', message: 'the To Do key cannot be matched exactly in C4C' });
    const pending = creates.filter((c) => !results[c.index]);
    if (pending.length === 0) return new Map();
    try {
      return await readTasksByKeys(this.http, pending.map((c) => c.key));
    } catch (err) {
      for (const c of pending) results[c.index] = failure(asPortError(err));
      return new Map();
    }
  }

  /** Current tasks (with texts) of the updates that change text entries; header-only updates go without a read. */
  private async readUpdateTargets(requests: readonly TaskWriteRequest[], results: Results): Promise<Map<string, ODataEntity>> {
    const updates = requests.flatMap((req, index) => (req.op === 'update' && (req.patch.body !== undefined || req.groupwareItemId !== undefined) ? [{ req, index }] : []));
    for (const u of updates) {
      if (u.req.op === 'update' && u.req.groupwareItemId !== undefined && !validKey(u.req.groupwareItemId)) {
        results[u.index] = failure({ code: 'invalid', message: 'the To Do key cannot be matched exactly in C4C' });
      }
    }
    const pending = updates.filter((u) => !results[u.index]);
    if (pending.length === 0) return new Map();
    try {
      const byId = await readTasksByIds(this.http, pending.map((u) => (u.req.op === 'update' ? u.req.objectId : '')));
      for (const u of pending) {
        if (u.req.op === 'update' && !byId.has(u.req.objectId)) results[u.index] = failure({ code: 'notFound', message: `C4C has no task ${u.req.objectId}` });
      }
      return byId;
    } catch (err) {
      for (const u of pending) results[u.index] = failure(asPortError(err));
      return new Map();
    }
  }

  private plan(index: number, req: TaskWriteRequest, existingByKey: Map<string, ODataEntity>, currentById: Map<string, ODataEntity>, zones: SapZones): Planned {
    if (req.op === 'cancel') return { index, objectId: req.objectId, writes: cancelTaskChangeSet(req.objectId, req.ifMatch), rereadVersion: false, after: null };
    if (req.op === 'update') {
      const set = updateTaskChangeSet(req.objectId, req.ifMatch, toC4cTaskUpdate(req.patch, req.after, zones), currentById.get(req.objectId) ?? {}, req.groupwareItemId);
      return { index, objectId: req.objectId, writes: set.writes, rereadVersion: set.touchesChildren, after: req.after };
    }
    const existing = existingByKey.get(req.groupwareItemId);
    if (existing) {
      // The create already happened (a lost response, a crash before recording it): make it an update.
      const objectId = String(existing['ObjectID'] ?? '');
      this.logger.info({ objectId }, 'c4c task create found an existing task by its To Do key; updating it');
      const set = updateTaskChangeSet(objectId, c4cVersionOf(existing), toC4cTaskUpdate(fullTaskPatch(req.fields), req.fields, zones), existing);
      return { index, objectId, writes: set.writes, rereadVersion: set.touchesChildren, after: req.fields };
    }
    const body = toC4cTaskCreate(req.fields, { groupwareItemId: req.groupwareItemId, ownerPartyId: req.ownerPartyId }, zones);
    return { index, objectId: null, writes: createTaskChangeSet(body), rereadVersion: false, after: req.fields };
  }

  private send(group: Planned[], results: (WriteResult | undefined)[]): Promise<void> {
    return sendChangeSets(this.http, group, results);
  }

  /**
   * New ETags where the responses did not tell (text entries changed after the header PATCH, or no etag header).
   * The re-read is a separate request, so a user's edit may land in between: its ETag counts as ours only when
   * the task still holds what we wrote; otherwise the version stays unknown (null) and the next session compares
   * content and finds the user's edit.
   */
  private async rereadVersions(planned: readonly Planned[], results: Results): Promise<void> {
    const targets = planned.filter((p) => p.rereadVersion && p.objectId);
    if (targets.length === 0) return;
    try {
      const byId = await readTasksByIds(this.http, targets.map((p) => p.objectId ?? ''));
      for (const p of targets) {
        const result = results[p.index];
        const entity = byId.get(p.objectId ?? '');
        if (!result?.ok || !entity) continue;
        const ours = p.after !== null && written(normalizeC4cTaskFields(entity)) === written(p.after);
        if (!ours) this.logger.info({ objectId: p.objectId }, 'c4c task changed again right after our write; its version is left unknown');
        results[p.index] = { ...result, version: ours ? c4cVersionOf(entity) : null };
      }
    } catch (err) {
      // The writes succeeded; an unknown version only means the next session compares content once more.
      this.logger.warn({ err: asPortError(err).message }, 'c4c could not re-read task versions after writes');
    }
  }
}
