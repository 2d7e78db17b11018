// Writes to a Google mailbox's calendars, one request at a time per mailbox (the Calendar API's batch endpoint is
// not used: each write needs its own If-Match and answer, and Google counts batched requests one by one against
// the quota anyway). create: events.insert with the event id derived from the pair id (domain/google-event.ts), so a
// retried insert gets 409 duplicate and reads the existing event instead of making a second. update and delete:
// If-Match with the etag the engine last saw; 412 is a `conflict`, which the engine resolves on its normal path (a
// re-read and a merge, R12). Category edits become the R9 mark (colorId + description line) and moves between the
// calendars (domain/google-category-edits.ts).
import type { CategorySettings, SyncKind } from '../../../shared/categories.js';
import type { CategoryEdit } from '../../domain/actions.js';
import { googleCategoryChange } from '../../domain/google-category-edits.js';
import { googleEventIdFor, type GoogleEvent } from '../../domain/google-event.js';
import { googleInsertPayload, googlePatchPayload } from '../../domain/google-payloads.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { CalendarWriteRequest } from '../../ports/calendar-source.js';
import { PortFailure, type WriteResult } from '../../ports/write-results.js';
import { callGoogle } from './google-call.js';
import { asRequestBody } from './google-client.js';
import { locateEvent, type ReadContext } from './event-reads.js';

type Categories = Pick<CategorySettings, 'appointment' | 'visit' | 'error'>;

/** R9's line when the engine marks an event: the reason itself is in the sync state, shown by the task pane and admin. */
const ERROR_REASON = 'the next session tries again; an administrator sees the reason in the mailbox overview.';

export interface WriteContext extends ReadContext {
  mailbox: Mailbox;
  categories: Categories;
  /** The calendar an event was last seen in (reads and writes of this process), if known. */
  calendarOf(eventId: string): string | undefined;
}

const failed = (error: unknown): WriteResult => {
  if (error instanceof PortFailure) return { ok: false, error: error.error };
  return { ok: false, error: { code: 'temporary', message: `Google write failed: ${(error as Error).name}` } };
};

function ifMatch(etag: string): { headers: Record<string, string> } {
  return { headers: { 'If-Match': etag } };
}

/** A category edit on the event where it is: the mark's patch, then the move (events.move keeps the id). */
async function applyCategoryEdit(ctx: WriteContext, id: string, edit: CategoryEdit): Promise<WriteResult> {
  const where = await locateEvent(ctx, id, ctx.calendarOf(id));
  if (!where) return { ok: false, error: { code: 'notFound', message: `Google event ${id} not found` } };
  const change = googleCategoryChange(where.event, where.kind, edit, ctx.categories, ERROR_REASON);
  let etag = where.event.etag ?? '';
  if (change.patch) {
    const patched = await callGoogle('events.patch', ctx.retry, () => ctx.api.events.patch({ calendarId: where.calendarId, eventId: id, requestBody: asRequestBody(change.patch as GoogleEvent) }));
    etag = patched.etag ?? etag;
  }
  if (change.move) {
    const destination = change.move === 'out' ? ctx.mailbox.email : ctx.calendars[change.move];
    if (destination !== where.calendarId) {
      const moved = await callGoogle('events.move', ctx.retry, () => ctx.api.events.move({ calendarId: where.calendarId, eventId: id, destination }));
      etag = moved.etag ?? etag;
      ctx.seen(id, destination);
    }
  }
  return { ok: true, id, version: etag };
}

/** setCategories as an edit: what the list has is added, the sync and error categories it lacks are removed. */
function editFor(categories: readonly string[], names: Categories): CategoryEdit {
  const has = (name: string) => categories.some((c) => c.toLowerCase() === name.toLowerCase());
  return { add: [...categories], remove: [names.appointment, names.visit, names.error].filter((n) => !has(n)) };
}

async function create(ctx: WriteContext, r: Extract<CalendarWriteRequest, { op: 'create' }>): Promise<WriteResult> {
  const calendarId = ctx.calendars[r.kind as SyncKind];
  const body = googleInsertPayload(r.fields, r.transactionId);
  const id = googleEventIdFor(r.transactionId);
  const made = await callGoogle(
    'events.insert',
    ctx.retry,
    () => ctx.api.events.insert({ calendarId, requestBody: asRequestBody(body) }),
    // 409 duplicate: an earlier attempt of this create landed (its answer was lost); that event is the one.
    (info) => (info.status === 409 ? { value: null } : undefined),
  );
  if (made) {
    ctx.seen(id, calendarId);
    return { ok: true, id: made.id ?? id, version: made.etag ?? null };
  }
  const existing = await locateEvent(ctx, id, calendarId);
  if (!existing) return { ok: false, error: { code: 'conflict', message: `Google event ${id} exists but cannot be read (deleted)` } };
  ctx.seen(id, existing.calendarId);
  return { ok: true, id, version: existing.event.etag ?? null };
}

async function update(ctx: WriteContext, r: Extract<CalendarWriteRequest, { op: 'update' }>): Promise<WriteResult> {
  let calendarId = ctx.calendarOf(r.id);
  let description: string | null = null;
  // A new body keeps the R9 line on top while the event is marked: that needs the description as it is now.
  if (calendarId === undefined || r.patch.body !== undefined) {
    const where = await locateEvent(ctx, r.id, calendarId);
    if (!where) return { ok: false, error: { code: 'notFound', message: `Google event ${r.id} not found` } };
    if (where.event.etag !== r.ifMatch) return { ok: false, error: { code: 'conflict', message: `Google event ${r.id} changed since the version read` } };
    calendarId = where.calendarId;
    description = where.event.description ?? null;
  }
  const body = googlePatchPayload(r.patch, r.after, description);
  let version = r.ifMatch;
  if (Object.keys(body).length > 0) {
    const target = calendarId;
    const patched = await callGoogle('events.patch', ctx.retry, () => ctx.api.events.patch({ calendarId: target, eventId: r.id, requestBody: asRequestBody(body) }, ifMatch(r.ifMatch)));
    version = patched.etag ?? version;
  }
  if (r.categoryEdit && (r.categoryEdit.add.length > 0 || r.categoryEdit.remove.length > 0)) {
    const edited = await applyCategoryEdit(ctx, r.id, r.categoryEdit);
    if (!edited.ok) return edited;
    version = edited.version ?? version;
  }
  return { ok: true, id: r.id, version };
}

async function remove(ctx: WriteContext, r: Extract<CalendarWriteRequest, { op: 'delete' }>): Promise<WriteResult> {
  const known = ctx.calendarOf(r.id);
  const calendarId = known ?? (await locateEvent(ctx, r.id))?.calendarId;
  // Gone already: a delete's goal is reached.
  if (calendarId === undefined) return { ok: true, id: r.id, version: null };
  await callGoogle(
    'events.delete',
    ctx.retry,
    () => ctx.api.events.delete({ calendarId, eventId: r.id }, ifMatch(r.ifMatch)),
    (info) => (info.status === 404 || info.status === 410 ? { value: undefined } : undefined),
  );
  return { ok: true, id: r.id, version: null };
}

export async function writeGoogleEvents(ctx: WriteContext, requests: readonly CalendarWriteRequest[]): Promise<WriteResult[]> {
  const results: WriteResult[] = [];
  for (const r of requests) {
    try {
      if (r.op === 'create') results.push(await create(ctx, r));
      else if (r.op === 'update') results.push(await update(ctx, r));
      else if (r.op === 'delete') results.push(await remove(ctx, r));
      else if (r.op === 'editCategories') results.push(await applyCategoryEdit(ctx, r.id, r.edit));
      else results.push(await applyCategoryEdit(ctx, r.id, editFor(r.categories, ctx.categories)));
    } catch (error) {
      results.push(failed(error));
    }
  }
  return results;
}
