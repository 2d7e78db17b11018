// The CrmPort of the tasks family (R13) over SAP C4C's c4codataapi TasksCollection: the same transport as the
// calendar adapter (Basic auth, CSRF token and session cookies, retries with backoff, $batch, SAP error mapping).
// One instance serves one C4C tenant; `tenantId` only labels log lines.
import type { Logger } from 'pino';
import { btdTypeCodesFrom, type BtdTypeCodes } from '../../domain/c4c-codes.js';
import { normalizeC4cTask, removedTask } from '../../domain/normalize-c4c-task.js';
import type { CrmTask, TaskKind } from '../../domain/task-item.js';
import { toIsoUtc } from '../../domain/time.js';
import type { CrmChangesOf, CrmPort, ResolvedParty } from '../../ports/crm-port.js';
import { PortFailure, type WriteResult } from '../../ports/write-results.js';
import { CLOCK_SKEW_MARGIN_MS, guarded, lastChangedMs } from './change-query.js';
import type { C4cAdapterOptions } from './c4c-crm-activities.js';
import { CodeLists } from './code-lists.js';
import { tenantZones } from './activity-codes.js';
import type { ODataEntity } from './odata-read.js';
import type { SapZones } from '../../domain/sap-time-zones.js';
import { warnOnce } from '../../log/once.js';

/** The value-help collection of a task's zone codes (TasksCollection's DueDatetimeZoneCode, $metadata). */
const TASK_ZONE_CODE_LIST = 'TasksDueDatetimeZoneCodeCollection';
import { ODataHttp } from './odata-http.js';
import { readChangedTasks, readTasksByIds, readTasksByKeys } from './task-reader.js';
import { TaskWriter, type TaskWriteRequest } from './task-writer.js';



export class C4cCrmTasks implements CrmPort<CrmTask> {
  private readonly http: ODataHttp;
  private readonly logger: Logger;
  private readonly writer: TaskWriter;
  /** The tenant's code lists (cached): a task's links name their documents by its BTD reference type codes. */
  private readonly codeLists: CodeLists;

  constructor(options: C4cAdapterOptions) {
    this.logger = options.logger.child({ adapter: 'c4c', family: 'task' });
    this.http = new ODataHttp({ ...options, logger: this.logger });
    this.codeLists = new CodeLists(this.http, this.logger);
    this.writer = new TaskWriter(this.http, this.logger, () => this.zones());
  }

  private async btdTypes(): Promise<BtdTypeCodes> {
    return btdTypeCodesFrom(await this.codeLists.read('TasksBTDReferenceTypeCodeCollection'));
  }

  /** The tenant's time-zone codes of tasks (the due zone's list; the start's is the same list). */
  private zones(): Promise<SapZones> {
    return tenantZones(this.codeLists, TASK_ZONE_CODE_LIST, this.logger);
  }

  /** An entity as a task; a zone code the tenant's list lacks is logged once per code (the task is reported, R9). */
  private task(entity: ODataEntity, btdTypes: BtdTypeCodes, zones: SapZones): CrmTask {
    const task = normalizeC4cTask(entity, btdTypes, zones);
    const zone = task.fields.unknownZone;
    if (zone) warnOnce(this.logger, `sapZone:${zone.name}`, { zoneCode: zone.name }, 'c4c time-zone code maps to no IANA zone; items in it are reported, not synced');
    return task;
  }

  /**
   * Tasks changed at or after the mark (inclusive, as the calendar's). Tasks have no span to intersect with the
   * window, so the window only bounds the first poll (no mark): tasks changed since the window's start. Reading
   * every task the tenant ever had (years of closed ones) would make the first session as long as a migration,
   * and a task nobody touched within the window is not one anybody is working on; any later change brings it in.
   */
  changedSince(tenantId: string, highWater: string | null, window: { startUtc: string; endUtc: string }): Promise<CrmChangesOf<CrmTask>> {
    return guarded(async () => {
      const sinceMs = Date.parse(highWater ?? window.startUtc);
      if (Number.isNaN(sinceMs)) throw new PortFailure({ code: highWater === null ? 'invalid' : 'cursor', message: `unreadable change mark ${highWater ?? window.startUtc}` });
      const startedMs = Date.now();
      let newestMs = Number.NEGATIVE_INFINITY;
      const tasks: CrmTask[] = [];
      const [btdTypes, zones] = await Promise.all([this.btdTypes(), this.zones()]);
      for (const entity of await readChangedTasks(this.http, sinceMs)) {
        newestMs = Math.max(newestMs, lastChangedMs(entity) ?? newestMs);
        tasks.push(this.task(entity, btdTypes, zones));
      }
      // Seconds, rounded down: the bound is inclusive, so re-reading the newest second is harmless. Nothing
      // read: the old mark stays; a first read that found nothing starts from our clock less a skew margin.
      const nextHighWater = Number.isFinite(newestMs) ? toIsoUtc(newestMs) : (highWater ?? toIsoUtc(startedMs - CLOCK_SKEW_MARGIN_MS));
      this.logger.info({ tenantId, changed: tasks.length, nextHighWater }, 'c4c task change query read');
      return { activities: tasks, nextHighWater };
    });
  }

  getByIds(_tenantId: string, refs: readonly { kind: TaskKind; objectId: string }[]): Promise<CrmTask[]> {
    return guarded(async () => {
      if (refs.length === 0) return [];
      const found = await readTasksByIds(this.http, refs.map((r) => r.objectId));
      const [btdTypes, zones] = await Promise.all([this.btdTypes(), this.zones()]);
      return refs.map((r) => {
        const entity = found.get(r.objectId);
        return entity ? this.task(entity, btdTypes, zones) : removedTask(r.objectId);
      });
    });
  }

  findByGroupwareItemId(_tenantId: string, _kind: TaskKind, groupwareItemId: string): Promise<CrmTask | null> {
    return guarded(async () => {
      const entity = (await readTasksByKeys(this.http, [groupwareItemId])).get(groupwareItemId);
      return entity ? this.task(entity, await this.btdTypes(), await this.zones()) : null;
    });
  }

  write(_tenantId: string, requests: readonly TaskWriteRequest[]): Promise<WriteResult[]> {
    return guarded(() => this.writer.write(requests));
  }

  /** Tasks carry no attendees: the processor comes from the create request's owner party, nothing to resolve. */
  resolveParties(_tenantId: string, _emails: readonly string[]): Promise<ResolvedParty[]> {
    return Promise.resolve([]);
  }
}
