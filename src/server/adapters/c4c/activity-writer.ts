// CrmActivities.write: creates (idempotent upserts keyed by GroupwareItemID), updates and cancels, sent as
// OData $batch requests with one change set per request, so one rejected request rolls back only itself.
// Before any create, existing activities with the same GroupwareItemID are looked up (a create whose response
// was lost is found here and updated instead of duplicated).
import type { Logger } from 'pino';
import type { SyncKind } from '../../../shared/categories.js';
import type { CalendarItemPatch, NormalizedCalendarItem, TwoWayFields } from '../../domain/calendar-item.js';
import { hashItem } from '../../domain/hash.js';
import { organizerWrite, partyRows, toC4cCreate, toC4cDeepInsertBody, toC4cUpdate } from '../../domain/c4c-payloads.js';
import { c4cVersionOf } from '../../domain/normalize-c4c.js';
import type { CrmWriteRequest } from '../../ports/crm-activities.js';
import type { WriteResult } from '../../ports/write-results.js';
import { readAllByGroupwareItemIds, readByIds, toActivity } from './activity-reader.js';
import { mayRace, winnerOf, type CreateRequest } from './raced-creates.js';
import type { C4cActivityCodes } from '../../domain/c4c-codes.js';
import { C4C_FIELDS } from '../../domain/c4c-fields.js';
import { keyPredicate } from './odata-literals.js';
import type { BatchWrite } from './batch-format.js';
import { cancelChangeSet, createChangeSet, joinChangeSet, updateChangeSet } from './change-sets.js';
import type { ODataHttp } from './odata-http.js';
import { asPortError, sendChangeSets, writeFailure as failure } from './send-change-sets.js';
import { isExactMatchable } from './odata-literals.js';
import { chunks, type ODataEntity } from './odata-read.js';
import type { StatusCodes } from './status-codes.js';
import { unwritableLinksError, unwritableZoneError, type ActivityCodes } from './activity-codes.js';
import type { C4cWrite } from '../../domain/c4c-payloads.js';
import { PortFailure } from '../../ports/write-results.js';

/** Change sets per $batch request. */
export const CHANGE_SETS_PER_BATCH = 50;

interface Planned {
  index: number;
  kind: SyncKind;
  writes: BatchWrite[];
  /** Known for updates and cancels; for creates it comes from the 201 body. */
  objectId: string | null;
  rereadVersion: boolean;
  /** The activity's fields once the write is done (what a re-read must show for its version to be ours). */
  after: NormalizedCalendarItem | null;
  /**
   * R8: an attendee's copy joined an existing activity (only party rows added). Its version is whatever a re-read
   * shows (the copy is never merged, so a concurrent edit cannot be mistaken for ours); with nothing to add, the
   * version read before.
   */
  joined?: { version: string };
  /** A new activity (not found by its GroupwareItemID before): looked at again if it may have raced another copy's. */
  created?: true;
}

const touchesChildren = (patch: CalendarItemPatch): boolean => patch.attendees !== undefined || patch.links !== undefined || patch.body !== undefined;

function groupBy<T>(items: readonly T[], key: (item: T) => SyncKind): Map<SyncKind, T[]> {
  const map = new Map<SyncKind, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

/** A write the tenant can hold, or a refusal naming the links it has no code for (never a write without them). */
function writable(kind: SyncKind, write: C4cWrite): C4cWrite {
  if (write.unwritableLinks && write.unwritableLinks.length > 0) throw new PortFailure(unwritableLinksError(kind, write.unwritableLinks));
  if (write.unwritableZone !== undefined) throw new PortFailure(unwritableZoneError(kind, write.unwritableZone));
  return write;
}

export class ActivityWriter {
  constructor(
    private readonly http: ODataHttp,
    private readonly statusCodes: StatusCodes,
    private readonly codes: ActivityCodes,
    private readonly logger: Logger,
  ) {}

  async write(requests: readonly CrmWriteRequest[]): Promise<WriteResult[]> {
    const results: (WriteResult | undefined)[] = requests.map(() => undefined);
    const planned: Planned[] = [];
    const existingByGroupware = await this.lookUpCreates(requests, results);
    const currentById = await this.readUpdateTargets(requests, results);

    for (const [index, req] of requests.entries()) {
      if (results[index]) continue;
      try {
        planned.push(await this.plan(index, req, existingByGroupware, currentById));
      } catch (err) {
        results[index] = failure(asPortError(err));
      }
    }
    for (const p of planned.filter((p) => p.joined && p.writes.length === 0)) results[p.index] = { ok: true, id: p.objectId ?? '', version: p.joined?.version ?? null };
    const toSend = planned.filter((p) => p.writes.length > 0);
    for (const group of chunks(toSend, CHANGE_SETS_PER_BATCH)) await this.send(group, results);
    for (const p of toSend) {
      // A join's answer is the new party row's, not the activity's: its version comes from the re-read.
      const result = results[p.index];
      if (p.joined && result?.ok) results[p.index] = { ...result, version: null };
    }
    await this.settleRacedCreates(requests, toSend, results);
    await this.rereadVersions(toSend, results);
    return results.map((r) => r ?? failure({ code: 'temporary', message: 'no result recorded' }));
  }

  /**
   * GroupwareItemID → existing entity, for every create (a failed look-up fails those creates). A cancelled activity
   * is never written again: an item switched back to a kind whose activity a switch cancelled (R2) gets a new one.
   */
  private async lookUpCreates(requests: readonly CrmWriteRequest[], results: (WriteResult | undefined)[]): Promise<Map<string, ODataEntity>> {
    const found = new Map<string, ODataEntity>();
    const creates = requests.flatMap((req, index) => (req.op === 'create' ? [{ req, index }] : []));
    for (const { req, index } of creates) {
      if (!isExactMatchable(req.groupwareItemId) || req.groupwareItemId.length > 765) {
        results[index] = failure({ code: 'invalid', message: 'GroupwareItemID cannot be matched exactly in C4C' });
      }
    }
    for (const [kind, group] of groupBy(creates.filter((c) => !results[c.index]), (c) => c.req.kind)) {
      try {
        const byId = await readAllByGroupwareItemIds(this.http, kind, group.map((c) => c.req.groupwareItemId));
        const cancelled = byId.size > 0 ? await this.statusCodes.cancelledCode(kind) : null;
        for (const [gid, rows] of byId) {
          const live = winnerOf(rows.filter((row) => row[C4C_FIELDS[kind].status] !== cancelled));
          if (live) found.set(`${kind}:${gid}`, live);
        }
      } catch (err) {
        for (const c of group) results[c.index] = failure(asPortError(err));
      }
    }
    return found;
  }

  /**
   * Current entities (with children) of the updates that change child rows (attendees, links, body note): their
   * rows' ObjectIDs are needed to delete or patch them. Header-only updates go out without a read.
   */
  private async readUpdateTargets(requests: readonly CrmWriteRequest[], results: (WriteResult | undefined)[]): Promise<Map<string, ODataEntity>> {
    const found = new Map<string, ODataEntity>();
    const updates = requests.flatMap((req, index) => (req.op === 'update' && touchesChildren(req.patch) ? [{ req, index }] : []));
    for (const [kind, group] of groupBy(updates, (u) => u.req.kind)) {
      try {
        const byId = await readByIds(this.http, kind, group.map((u) => u.req.objectId));
        for (const [id, entity] of byId) found.set(`${kind}:${id}`, entity);
        for (const u of group) {
          if (!byId.has(u.req.objectId)) results[u.index] = failure({ code: 'notFound', message: `C4C has no ${kind} ${u.req.objectId}` });
        }
      } catch (err) {
        for (const u of group) results[u.index] = failure(asPortError(err));
      }
    }
    return found;
  }

  private async plan(index: number, req: CrmWriteRequest, existingByGroupware: Map<string, ODataEntity>, currentById: Map<string, ODataEntity>): Promise<Planned> {
    if (req.op === 'cancel') {
      const code = await this.statusCodes.cancelledCode(req.kind);
      return { index, kind: req.kind, objectId: req.objectId, writes: cancelChangeSet(req.kind, req.objectId, req.ifMatch, code), rereadVersion: false, after: null };
    }
    const codes = await this.codes.of(req.kind);
    if (req.op === 'update') {
      const current = currentById.get(`${req.kind}:${req.objectId}`) ?? {};
      const write = writable(req.kind, toC4cUpdate(req.kind, req.patch, req.after, req.parties, codes));
      if (req.groupwareItemId !== undefined) write.header.GroupwareItemID = req.groupwareItemId;
      const set = updateChangeSet(req.kind, req.objectId, req.ifMatch, write, current, codes);
      return { index, kind: req.kind, objectId: req.objectId, writes: set.writes, rereadVersion: set.touchesChildren, after: req.after };
    }
    const existing = existingByGroupware.get(`${req.kind}:${req.groupwareItemId}`);
    if (existing) return this.planOnExisting(index, req, existing, codes);
    const create = writable(req.kind, toC4cCreate(req.kind, req.fields, { groupwareItemId: req.groupwareItemId, ownerPartyId: req.ownerPartyId, parties: req.parties, organizer: req.organizer ?? null, codes }));
    return { index, kind: req.kind, objectId: null, writes: createChangeSet(req.kind, toC4cDeepInsertBody(req.kind, create)), rereadVersion: false, after: req.fields, created: true };
  }

  /** A create whose activity exists already (by GroupwareItemID): an attendee's copy joins it, else it is updated. */
  private planOnExisting(index: number, req: CreateRequest, existing: ODataEntity, codes: C4cActivityCodes): Planned {
    if (req.joinOnly) {
      // R8: an attendee's copy of an activity that exists (the organizer's): it only joins it, it writes nothing of
      // itself (its links, which custom properties do not bring to attendees, would blank the organizer's).
      const objectId = String(existing['ObjectID'] ?? '');
      const writes = joinChangeSet(req.kind, objectId, partyRows(req.kind, req.joinOnly, codes), existing);
      return { index, kind: req.kind, objectId, writes, rereadVersion: writes.length > 0, after: null, joined: { version: c4cVersionOf(existing) } };
    }
    // The create already happened (a lost response, a crash before recording it): make it an update.
    const objectId = String(existing['ObjectID'] ?? '');
    this.logger.info({ kind: req.kind, objectId }, 'c4c create found an existing activity by GroupwareItemID; updating it');
    const f = req.fields;
    const patch: Partial<TwoWayFields> & { attendees: typeof f.attendees } = {
      subject: f.subject, startUtc: f.startUtc, endUtc: f.endUtc, isAllDay: f.isAllDay, location: f.location,
      body: f.body, sensitivity: f.sensitivity, links: f.links, attendees: f.attendees,
    };
    const write = writable(req.kind, toC4cUpdate(req.kind, patch, f, req.parties, codes));
    const organizer = organizerWrite(req.kind, req.organizer, codes);
    Object.assign(write.header, organizer.header);
    if (organizer.organizer) write.organizer = organizer.organizer;
    const set = updateChangeSet(req.kind, objectId, c4cVersionOf(existing), write, existing, codes);
    return { index, kind: req.kind, objectId, writes: set.writes, rereadVersion: set.touchesChildren, after: f };
  }

  /**
   * Meetings this write created: looked up again by GroupwareItemID, and where another copy's create raced ours and
   * made the earlier activity, ours is deleted and the earlier one joined or updated instead (raced-creates.ts). A
   * look or a settle that fails leaves the create as it was (a duplicate, logged), never a failed write.
   */
  private async settleRacedCreates(requests: readonly CrmWriteRequest[], toSend: Planned[], results: (WriteResult | undefined)[]): Promise<void> {
    const created = toSend.flatMap((p) => {
      const req = requests[p.index];
      const result = results[p.index];
      return req?.op === 'create' && p.created && result?.ok && result.id && result.version && mayRace(req) ? [{ p, req, id: result.id, version: result.version }] : [];
    });
    for (const [kind, group] of groupBy(created, (c) => c.req.kind)) {
      try {
        const rowsById = await readAllByGroupwareItemIds(this.http, kind, group.map((c) => c.req.groupwareItemId));
        const cancelled = await this.statusCodes.cancelledCode(kind);
        const codes = await this.codes.of(kind);
        const settles: Planned[] = [];
        for (const c of group) {
          const live = (rowsById.get(c.req.groupwareItemId) ?? []).filter((row) => row[C4C_FIELDS[kind].status] !== cancelled);
          const winner = winnerOf(live);
          if (!winner || winner['ObjectID'] === c.id) continue;
          const onWinner = this.planOnExisting(c.p.index, c.req, winner, codes);
          const dropOurs: BatchWrite = { method: 'DELETE', path: `${C4C_FIELDS[kind].entitySet}${keyPredicate(c.id)}`, headers: { 'If-Match': c.version } };
          settles.push({ ...onWinner, writes: [dropOurs, ...onWinner.writes], rereadVersion: true });
          this.logger.info({ kind, duplicate: c.id, kept: winner['ObjectID'] }, 'c4c: another copy of this meeting was created at the same time; ours is deleted, theirs kept');
        }
        const settled: (WriteResult | undefined)[] = results.map(() => undefined);
        for (const batch of chunks(settles, CHANGE_SETS_PER_BATCH)) await this.send(batch, settled);
        for (const s of settles) {
          const outcome = settled[s.index];
          if (outcome?.ok) {
            results[s.index] = { ...outcome, version: null };
            const at = toSend.findIndex((p) => p.index === s.index);
            if (at >= 0) toSend[at] = s;
          } else this.logger.warn({ kind, kept: s.objectId, err: outcome && !outcome.ok ? outcome.error : null }, 'c4c: a duplicate of a meeting could not be removed; it stays');
        }
      } catch (err) {
        this.logger.warn({ kind, err: asPortError(err) }, 'c4c: could not look again for meetings created at the same time; a duplicate may stay');
      }
    }
  }

  private send(group: Planned[], results: (WriteResult | undefined)[]): Promise<void> {
    return sendChangeSets(this.http, group, results);
  }

  /**
   * New ETags where the responses did not tell (child rows changed after the header PATCH, or no etag header).
   * The re-read is a separate request, so a user's edit may land between our change set and it: its ETag counts
   * as ours only when the activity still holds what we wrote. Otherwise the version stays unknown (null), the pair
   * keeps the version it had, and the next session compares content and finds the user's edit.
   */
  private async rereadVersions(planned: readonly Planned[], results: (WriteResult | undefined)[]): Promise<void> {
    for (const [kind, group] of groupBy(planned.filter((p) => p.rereadVersion && p.objectId), (p) => p.kind)) {
      try {
        const byId = await readByIds(this.http, kind, group.map((p) => p.objectId ?? ''));
        const codes = await this.codes.of(kind);
        for (const p of group) {
          const result = results[p.index];
          const entity = byId.get(p.objectId ?? '');
          if (!result?.ok || !entity) continue;
          const seen = toActivity(entity, kind, codes);
          const ours = p.joined !== undefined || (p.after !== null && hashItem(seen.fields, 'crm', kind) === hashItem(p.after, 'crm', kind));
          if (!ours) this.logger.info({ kind, objectId: p.objectId }, 'c4c activity changed again right after our write; its version is left unknown');
          results[p.index] = { ...result, version: ours ? seen.version : null };
        }
      } catch (err) {
        // The writes succeeded; an unknown version only means the next session compares hashes once more.
        this.logger.warn({ kind, err: asPortError(err).message }, 'c4c could not re-read versions after writes');
      }
    }
  }
}
