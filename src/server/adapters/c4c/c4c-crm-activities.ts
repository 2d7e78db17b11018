// The CrmActivities port over SAP C4C's c4codataapi (OData v2). One instance serves one C4C tenant (one service
// root and technical user); `tenantId` only labels log lines.
import type { CrmSystemIdentity } from '../../ports/tenant-pairing.js';
import { readSystemIdentity } from './system-identity.js';
import type { Logger } from 'pino';
import type { SyncKind } from '../../../shared/categories.js';
import type { CrmObjectType } from '../../../shared/crm-links.js';
import type { CrmActivity } from '../../domain/snapshots.js';
import { toIsoUtc } from '../../domain/time.js';
import type { CrmActivities, CrmChanges, CrmSearchHit, CrmWriteRequest, ResolvedParty } from '../../ports/crm-activities.js';
import { PortFailure, type WriteResult } from '../../ports/write-results.js';
import { SYNC_KINDS, readAllByGroupwareItemIds, readByIds, readChangedEntities, removedActivity, toActivity } from './activity-reader.js';
import { C4C_FIELDS } from '../../domain/c4c-fields.js';
import { winnerOf } from './raced-creates.js';
import { ActivityCodes } from './activity-codes.js';
import { ActivityWriter } from './activity-writer.js';
import { CodeLists } from './code-lists.js';
import { CLOCK_SKEW_MARGIN_MS, guarded, lastChangedMs } from './change-query.js';
import { EmployeeDirectory } from './employee-directory.js';
import { searchLinkable } from './linkable-search.js';
import { readPreview } from './record-preview.js';
import type { CrmPreview, PreviewType } from '../../../shared/preview-api.js';
import { ODataHttp } from './odata-http.js';
import type { ODataEntity } from './odata-read.js';
import type { C4cActivityCodes } from '../../domain/c4c-codes.js';
import { warnOnce } from '../../log/once.js';
import { resolveParties } from './party-resolver.js';
import type { ReadBatcher } from './read-batcher.js';
import type { RetryPolicy } from './retry-policy.js';
import { StatusCodes } from './status-codes.js';

export interface C4cAdapterOptions {
  /** c4codataapi service root, e.g. `https://my123456.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/`. */
  baseUrl: string;
  /** Technical user (C4C_USER) and its password (C4C_PASSWORD) for Basic auth. */
  user: string;
  password: string;
  logger: Logger;
  /** Per HTTP request. */
  timeoutMs: number;
  /** Backoff for 429/503/network errors; defaults to 4 attempts, 0.5 s doubling, 30 s cap. */
  retry?: Partial<RetryPolicy>;
  /** One per C4C system, shared by its adapters: their reads inside `reads.together` share a $batch. */
  reads?: ReadBatcher;
}



export class C4cCrmActivities implements CrmActivities {
  private readonly http: ODataHttp;
  private readonly logger: Logger;
  private readonly employees: EmployeeDirectory;
  private readonly statusCodes: StatusCodes;
  private readonly writer: ActivityWriter;
  /** The tenant's party roles and BTD reference types, from its code lists (cached). */
  private readonly codes: ActivityCodes;

  constructor(options: C4cAdapterOptions) {
    this.logger = options.logger.child({ adapter: 'c4c' });
    this.http = new ODataHttp({ ...options, logger: this.logger });
    this.employees = new EmployeeDirectory(this.http);
    this.codes = new ActivityCodes(new CodeLists(this.http, this.logger), this.logger);
    this.statusCodes = new StatusCodes(this.http, this.logger);
    this.writer = new ActivityWriter(this.http, this.statusCodes, this.codes, this.logger);
  }

  /** An entity as an activity; a zone code the tenant's list lacks is logged once per code (the item is reported, R9). */
  private activity(entity: ODataEntity, kind: SyncKind, codes: C4cActivityCodes): CrmActivity {
    const activity = toActivity(entity, kind, codes);
    const zone = activity.fields.unknownZone;
    if (zone) warnOnce(this.logger, `sapZone:${zone.name}`, { zoneCode: zone.name }, 'c4c time-zone code maps to no IANA zone; items in it are reported, not synced');
    return activity;
  }

  /** Which C4C system this is (sync/tenant/pairing.ts). */
  systemIdentity(): Promise<CrmSystemIdentity> {
    return readSystemIdentity(this.http);
  }

  changedSince(tenantId: string, highWater: string | null, window: { startUtc: string; endUtc: string }): Promise<CrmChanges> {
    return guarded(async () => {
      const sinceMs = highWater === null ? null : Date.parse(highWater);
      if (sinceMs !== null && Number.isNaN(sinceMs)) throw new PortFailure({ code: 'cursor', message: `unreadable high-water mark ${highWater}` });
      const startedMs = Date.now();
      let newestMs = Number.NEGATIVE_INFINITY;
      const activities: CrmActivity[] = [];
      // Both sets at once: inside a tenant poll their queries share one $batch (read-batcher.ts).
      const perKind = await Promise.all(SYNC_KINDS.map(async (kind) => ({ kind, codes: await this.codes.of(kind), entities: await readChangedEntities(this.http, kind, sinceMs, window) })));
      for (const { kind, codes, entities } of perKind) {
        for (const entity of entities) {
          newestMs = Math.max(newestMs, lastChangedMs(entity) ?? newestMs);
          activities.push(this.activity(entity, kind, codes));
        }
      }
      const withFanOut = await this.employees.completeFanOut(activities);
      // Seconds, rounded down: the bound is inclusive, so re-reading the newest second is harmless. Nothing
      // read: the old mark stays; a first read that found nothing starts from our clock less a skew margin.
      const nextHighWater = Number.isFinite(newestMs) ? toIsoUtc(newestMs) : (highWater ?? toIsoUtc(startedMs - CLOCK_SKEW_MARGIN_MS));
      this.logger.info({ tenantId, changed: withFanOut.length, nextHighWater }, 'c4c change query read');
      return { activities: withFanOut, nextHighWater };
    });
  }

  getByIds(_tenantId: string, refs: readonly { kind: SyncKind; objectId: string }[]): Promise<CrmActivity[]> {
    return guarded(async () => {
      const found = new Map<string, CrmActivity>();
      for (const kind of SYNC_KINDS) {
        const ids = refs.filter((r) => r.kind === kind).map((r) => r.objectId);
        if (ids.length === 0) continue;
        const codes = await this.codes.of(kind);
        for (const [id, entity] of await readByIds(this.http, kind, ids)) found.set(`${kind}:${id}`, this.activity(entity, kind, codes));
      }
      const activities = refs.map((r) => found.get(`${r.kind}:${r.objectId}`) ?? removedActivity(r.kind, r.objectId));
      return this.employees.completeFanOut(activities);
    });
  }

  findByGroupwareItemId(_tenantId: string, kind: SyncKind, groupwareItemId: string): Promise<CrmActivity | null> {
    return guarded(async () => {
      // An item switched back to a kind (R2) has a cancelled activity of that kind beside its live one: the live one.
      const rows = (await readAllByGroupwareItemIds(this.http, kind, [groupwareItemId])).get(groupwareItemId) ?? [];
      const cancelled = rows.length > 1 ? await this.statusCodes.cancelledCode(kind) : null;
      const entity = winnerOf(rows.filter((row) => row[C4C_FIELDS[kind].status] !== cancelled)) ?? winnerOf(rows);
      if (!entity) return null;
      const [activity] = await this.employees.completeFanOut([this.activity(entity, kind, await this.codes.of(kind))]);
      return activity ?? null;
    });
  }

  write(_tenantId: string, requests: readonly CrmWriteRequest[]): Promise<WriteResult[]> {
    return guarded(() => this.writer.write(requests));
  }

  resolveParties(_tenantId: string, emails: readonly string[]): Promise<ResolvedParty[]> {
    return guarded(() => resolveParties(this.http, emails));
  }

  searchLinkable(_tenantId: string, query: { text: string; types: readonly CrmObjectType[]; top: number; ownerPartyId?: string }): Promise<CrmSearchHit[]> {
    return guarded(() => searchLinkable(this.http, query.text, query.types, query.top, query.ownerPartyId));
  }

  previewRecord(_tenantId: string, query: { type: PreviewType; id: string; ownerPartyId: string }): Promise<CrmPreview | null> {
    return guarded(() => readPreview(this.http, query.type, query.id, query.ownerPartyId));
  }
}
