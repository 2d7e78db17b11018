// write(): creates, updates, deletes and category edits through $batch (≤ 20 per batch, ≤ N concurrent per
// mailbox, throttled members retried after Retry-After). Creates carry transactionId, so a retried create returns
// the first item; if that item differs from what was asked, it is patched to the asked fields (idempotent upsert).
// Updates and deletes carry If-Match: a stale changeKey is a `conflict`, never a silent overwrite. setCategories
// replaces the list without If-Match. Category edits are read-modify-write, guarded by the changeKey just read
// and repeated when the user changed the item meanwhile.
import { TWO_WAY_FIELDS, type NormalizedCalendarItem } from '../../domain/calendar-item.js';
import { fieldEqual } from '../../domain/canonical.js';
import { toGraphCreatePayload, toGraphPatchPayload } from '../../domain/graph-payloads.js';
import type { Mailbox } from '../../domain/mailbox.js';
import { normalizeGraphEvent, type GraphEvent } from '../../domain/normalize-graph.js';
import type { CalendarWriteRequest } from '../../ports/calendar-source.js';
import type { WriteResult } from '../../ports/write-results.js';
import { runBatched } from './batch.js';
import { applyCategoryEdit, sameCategories } from './category-edit.js';
import { eventPath, isGraphEvent, isPortError, readEventsById, retryAfterOf, userPath, type EventReadOutcome } from './event-reads.js';
import { isItemGone, portErrorOf } from './graph-errors.js';
import { EVENT_PREFER, type GraphHttp, type GraphRequest, type GraphResponse } from './graph-http.js';

/** Rounds of read-modify-write for a category edit racing with the user's own edits. */
const CATEGORY_EDIT_ROUNDS = 3;

/** Graph wants the etag form `W/"<changeKey>"` in If-Match; the port carries the bare changeKey. */
export function ifMatchHeader(version: string): string {
  return /^(W\/)?"/.test(version) ? version : `W/"${version}"`;
}

function bareVersion(version: string): string {
  return /^(?:W\/)?"(.*)"$/.exec(version)?.[1] ?? version;
}

/** The item's changeKey (or the key inside its `W/"…"` etag). */
export function changeKeyOf(event: GraphEvent): string | null {
  return event.changeKey ?? /^W\/"(.*)"$/.exec(event['@odata.etag'] ?? '')?.[1] ?? null;
}

/** Whether an existing item (returned for a repeated transactionId) still differs from the create's fields. */
function differsFromCreate(response: GraphResponse, fields: NormalizedCalendarItem, categories: readonly string[], addinId: string): boolean {
  if (!isGraphEvent(response.body)) return false;
  const item = normalizeGraphEvent(response.body, { addinId });
  if (item.removed) return false;
  // POST responses carry no extended properties, so links cannot be compared here.
  const comparable = TWO_WAY_FIELDS.filter((f) => f !== 'links');
  return comparable.some((f) => !fieldEqual(item.fields, fields, f)) || !sameCategories(item.categories, categories);
}

function success(id: string, response: GraphResponse): WriteResult {
  return isGraphEvent(response.body) ? { ok: true, id: response.body.id, version: changeKeyOf(response.body) } : { ok: true, id, version: null };
}

function failure(response: GraphResponse): WriteResult {
  return { ok: false, error: portErrorOf(response.status, response.body, retryAfterOf(response.headers)) };
}

const ok2xx = (status: number) => status >= 200 && status < 300;
const notFound = (id: string): WriteResult => ({ ok: false, error: { code: 'notFound', message: `Graph event ${id} not found` } });

type Update = Extract<CalendarWriteRequest, { op: 'update' }>;
type EditCategories = Extract<CalendarWriteRequest, { op: 'editCategories' }>;

class EventWriter {
  private readonly userId: string;
  private readonly scope: string;
  private readonly addinId: string;
  private readonly results: (WriteResult | undefined)[];
  private readonly headers = { prefer: EVENT_PREFER };

  constructor(
    private readonly http: GraphHttp,
    private readonly mailbox: Mailbox,
    private readonly requests: readonly CalendarWriteRequest[],
  ) {
    this.userId = http.options.userIdOf(mailbox);
    this.scope = this.userId.toLowerCase();
    this.addinId = http.options.addinId;
    this.results = requests.map(() => undefined);
  }

  async run(): Promise<WriteResult[]> {
    // Category edits need the item's current categories; read those items first (one batch for all).
    const needCurrent = this.requests.flatMap((r, i) => ((r.op === 'update' && r.categoryEdit) || r.op === 'editCategories' ? [i] : []));
    const current = needCurrent.length > 0 ? await this.read(needCurrent.map((i) => (this.requests[i] as Update | EditCategories).id)) : new Map<string, EventReadOutcome>();

    const pending: { index: number; request: GraphRequest }[] = [];
    this.requests.forEach((r, index) => {
      const request = this.buildRequest(r, index, current);
      if (request) pending.push({ index, request });
    });
    const responses = await runBatched(this.http, this.scope, pending.map((p) => p.request));
    const reconcile: number[] = [];
    const retryEdits: number[] = [];
    pending.forEach(({ index }, k) => {
      const request = this.requests[index]!;
      const response = responses[k]!;
      if (request.op === 'delete') {
        this.results[index] = ok2xx(response.status) || isItemGone(response.status, response.body) ? { ok: true, id: request.id, version: null } : failure(response);
      } else if (request.op === 'editCategories' && response.status === 412) {
        retryEdits.push(index);
      } else if (!ok2xx(response.status)) {
        this.results[index] = failure(response);
      } else {
        this.results[index] = success(request.op === 'create' ? '' : request.id, response);
        if (request.op === 'create' && differsFromCreate(response, request.fields, request.categories, this.addinId)) reconcile.push(index);
      }
    });
    await this.reconcileCreates(reconcile);
    await this.repeatCategoryEdits(retryEdits);
    return this.results.map((r, i) => r ?? { ok: false, error: { code: 'temporary', message: `no result for write ${i}` } });
  }

  private async read(ids: string[]): Promise<Map<string, EventReadOutcome>> {
    return readEventsById(this.http, this.scope, this.userId, [...new Set(ids)]);
  }

  /** The current event for a category edit, or the result that ends the request (gone, or unreadable). */
  private currentOf(id: string, index: number, current: Map<string, EventReadOutcome>): GraphEvent | undefined {
    const outcome = current.get(id);
    if (isPortError(outcome)) return void (this.results[index] = { ok: false, error: outcome });
    if (!outcome) return void (this.results[index] = notFound(id));
    return outcome;
  }

  /** The Graph request for one write, or undefined when its result is already known. */
  private buildRequest(r: CalendarWriteRequest, index: number, current: Map<string, EventReadOutcome>): GraphRequest | undefined {
    const options = { addinId: this.addinId };
    switch (r.op) {
      case 'create':
        return { method: 'POST', url: `${userPath(this.userId)}/events`, headers: this.headers, body: toGraphCreatePayload(r.fields, { categories: r.categories, transactionId: r.transactionId }, options) };
      case 'update': {
        let categories: string[] | undefined;
        if (r.categoryEdit) {
          const event = this.currentOf(r.id, index, current);
          if (!event) return undefined;
          if (changeKeyOf(event) !== bareVersion(r.ifMatch)) {
            return void (this.results[index] = { ok: false, error: { code: 'conflict', message: `Graph event ${r.id} changed since version ${r.ifMatch}` } });
          }
          categories = applyCategoryEdit(event.categories ?? [], r.categoryEdit);
        }
        const body = toGraphPatchPayload(r.patch, r.after, options, categories);
        if (Object.keys(body).length === 0) return void (this.results[index] = { ok: true, id: r.id, version: bareVersion(r.ifMatch) });
        return { method: 'PATCH', url: eventPath(this.userId, r.id), headers: { ...this.headers, 'if-match': ifMatchHeader(r.ifMatch) }, body };
      }
      case 'delete':
        return { method: 'DELETE', url: eventPath(this.userId, r.id), headers: { 'if-match': ifMatchHeader(r.ifMatch) } };
      case 'editCategories': {
        const event = this.currentOf(r.id, index, current);
        if (!event) return undefined;
        const categories = applyCategoryEdit(event.categories ?? [], r.edit);
        const version = changeKeyOf(event);
        if (sameCategories(categories, event.categories ?? [])) return void (this.results[index] = { ok: true, id: r.id, version });
        const guard: Record<string, string> = version ? { 'if-match': ifMatchHeader(version) } : {};
        return { method: 'PATCH', url: eventPath(this.userId, r.id), headers: { ...this.headers, ...guard }, body: { categories } };
      }
      case 'setCategories':
        return { method: 'PATCH', url: eventPath(this.userId, r.id), headers: this.headers, body: { categories: [...new Set(r.categories)] } };
      default: {
        const unknown: never = r;
        throw new Error(`unsupported calendar write ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Repeated creates that returned an older item with other fields: bring it to the requested fields. */
  private async reconcileCreates(indexes: number[]): Promise<void> {
    if (indexes.length === 0) return;
    this.http.options.logger.info({ mailboxId: this.mailbox.mailboxId, items: indexes.length }, 'repeated creates returned existing items; updating them to the requested fields');
    const requests = indexes.map((index) => {
      const r = this.requests[index] as Extract<CalendarWriteRequest, { op: 'create' }>;
      const id = (this.results[index] as { id: string }).id;
      const { transactionId: _omit, ...body } = toGraphCreatePayload(r.fields, { categories: r.categories, transactionId: r.transactionId }, { addinId: this.addinId });
      return { method: 'PATCH' as const, url: eventPath(this.userId, id), headers: this.headers, body };
    });
    const responses = await runBatched(this.http, this.scope, requests);
    indexes.forEach((index, k) => {
      const id = (this.results[index] as { id: string }).id;
      this.results[index] = ok2xx(responses[k]!.status) ? success(id, responses[k]!) : failure(responses[k]!);
    });
  }

  /** Category edits that lost a race with a user edit (412): read again and re-apply, a few times. */
  private async repeatCategoryEdits(indexes: number[]): Promise<void> {
    let pending = indexes;
    for (let round = 2; pending.length > 0; round++) {
      if (round > CATEGORY_EDIT_ROUNDS) {
        for (const index of pending) this.results[index] = { ok: false, error: { code: 'conflict', message: 'the item kept changing while its categories were edited' } };
        return;
      }
      const current = await this.read(pending.map((i) => (this.requests[i] as EditCategories).id));
      const batch: { index: number; request: GraphRequest }[] = [];
      for (const index of pending) {
        const request = this.buildRequest(this.requests[index]!, index, current);
        if (request) batch.push({ index, request });
      }
      const responses = await runBatched(this.http, this.scope, batch.map((b) => b.request));
      const again: number[] = [];
      batch.forEach(({ index }, k) => {
        const response = responses[k]!;
        if (response.status === 412) again.push(index);
        else this.results[index] = ok2xx(response.status) ? success((this.requests[index] as EditCategories).id, response) : failure(response);
      });
      pending = again;
    }
  }
}

export function writeCalendarItems(http: GraphHttp, mailbox: Mailbox, requests: readonly CalendarWriteRequest[]): Promise<WriteResult[]> {
  return new EventWriter(http, mailbox, requests).run();
}
