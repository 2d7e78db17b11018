// The contact family's writes for one mailbox (R14), all of a session's step at once through JSON $batch (batch.ts:
// 20 members to a round trip; a throttled or transiently failed member is sent again after its Retry-After, a member
// that fails for good fails its own write only, R9). Each write's outcome is what the single request's would be:
// - create: POST in the service's folder; Graph answers 201 with the whole contact, its id and changeKey, which is
//   all the pair needs, so nothing is read back;
// - update: PATCH with If-Match (stale → `conflict`), without one for `*` (a write of what only the service owns,
//   the record link after a create: run/groupware-links.ts, since Graph documents no `If-Match: *` for contacts);
// - delete: DELETE with If-Match; one already gone is a success;
// - category edits: PATCH of the categories read just before, keeping those the user added meanwhile.
// What a write needs read first (the note and categories of an update that changes the record link, the categories
// an edit starts from) is read for all of them in one batched read; a contact gone meanwhile is `notFound`.
// A write with a notice (a contact released, known bug 11; R11's for a contact whose record C4C deleted or blocked)
// puts the notice in the note instead of the link line; one with an error (R9) puts it above the link line, or takes it
// off (graph-contact-payloads.ts notesWith).
import type { ContactKind, NormalizedContact } from '../../domain/contact-item.js';
import type { PortError } from '../../domain/errors.js';
import { contactErrorLine, contactReleaseLine, notesWith, toGraphContactCreate, toGraphContactUpdate } from '../../domain/graph-contact-payloads.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { ErrorNote, GroupwareWriteRequest } from '../../ports/groupware-port.js';
import type { WriteResult } from '../../ports/write-results.js';
import { runBatched } from './batch.js';
import { applyCategoryEdit } from './category-edit.js';
import { contactFoldersPath, contactPath, isContactReadError, readContactOutcomes, type ContactReadOutcome } from './contact-reads.js';
import { retryAfterOf } from './event-reads.js';
import { ifMatchHeader } from './event-writer.js';
import { isItemGone, portErrorOf } from './graph-errors.js';
import type { GraphHttp, GraphRequest, GraphResponse } from './graph-http.js';

export type ContactWriteRequest = GroupwareWriteRequest<NormalizedContact, ContactKind>;

export interface ContactWriteContext {
  /** The mailbox's contact folder (found or made once); asked only when the writes create something. */
  folderId(): Promise<string>;
  /** The note line naming a copy's record. */
  noteLine(fields: NormalizedContact): string;
}

const failure = (r: GraphResponse): WriteResult => ({ ok: false, error: portErrorOf(r.status, r.body, retryAfterOf(r.headers)) });
const failed = (error: PortError): WriteResult => ({ ok: false, error });
const versionOf = (body: unknown): string | null => {
  const b = body as { changeKey?: unknown; '@odata.etag'?: unknown } | undefined;
  return typeof b?.changeKey === 'string' ? b.changeKey : typeof b?.['@odata.etag'] === 'string' ? b['@odata.etag'] : null;
};

/** Whether an update rewrites the service's note lines: it changes the record link, or says why (a notice, an error). */
const rewritesNote = (request: Extract<ContactWriteRequest, { op: 'update' }>) => request.patch.crmRef !== undefined || request.notice !== undefined || request.error !== undefined;

/** The service's note lines a write asks for (notesWith): a notice's reason line, the error line, or neither. */
function noteLinesOf(request: { notice?: string; error?: ErrorNote }): { line?: string; error?: string | null } {
  return {
    ...(request.notice !== undefined ? { line: contactReleaseLine(request.notice) } : {}),
    ...(request.error !== undefined ? { error: request.error === null ? null : contactErrorLine(request.error) } : {}),
  };
}

/** Whether a write needs the contact's current state first (its note, or the categories an edit starts from). */
function readsFirst(request: ContactWriteRequest): string | null {
  if (request.op === 'update') return rewritesNote(request) || request.categoryEdit ? request.id : null;
  return request.op === 'editCategories' ? request.id : null;
}

/** The Graph request of one write, or its result when the current state already decides it. */
function requestOf(request: ContactWriteRequest, userId: string, context: { folderId: string; noteLine(f: NormalizedContact): string; current: Map<string, ContactReadOutcome> }): GraphRequest | WriteResult {
  const current = 'id' in request ? context.current.get(request.id) : undefined;
  if (isContactReadError(current)) return failed(current);
  const live = current && !current.removed ? current : undefined;
  switch (request.op) {
    case 'create': {
      const body = toGraphContactCreate(request.fields, { category: request.categories[0] ?? '', noteLine: context.noteLine(request.fields), notes: '' });
      body.categories = request.categories;
      return { method: 'POST', url: `${contactFoldersPath(userId)}/${encodeURIComponent(context.folderId)}/contacts`, body };
    }
    case 'update': {
      // The note is rewritten only when the record link changes (the note line names it) or the update says why it
      // was made (a release); it keeps the user's text.
      if (rewritesNote(request) && current?.removed) return failed({ code: 'notFound', message: `Graph has no contact ${request.id}` });
      const notes = rewritesNote(request) && live ? live.notes : null;
      const lines = noteLinesOf(request);
      const noteLine = lines.line ?? (request.patch.crmRef !== undefined ? context.noteLine(request.after) : undefined);
      const body = toGraphContactUpdate(request.patch, request.after, { category: '', notes: notes ?? '', ...(noteLine !== undefined ? { noteLine } : {}), ...('error' in lines ? { errorLine: lines.error } : {}) });
      if (notes === null) delete body.personalNotes;
      delete body.categories;
      if (request.categoryEdit) body.categories = applyCategoryEdit(live?.categories ?? [], request.categoryEdit);
      const headers: Record<string, string> = request.ifMatch === '*' ? {} : { 'if-match': ifMatchHeader(request.ifMatch) };
      return { method: 'PATCH', url: contactPath(userId, request.id), headers, body };
    }
    case 'delete':
      return { method: 'DELETE', url: contactPath(userId, request.id), headers: { 'if-match': ifMatchHeader(request.ifMatch) } };
    case 'editCategories': {
      const body: Record<string, unknown> = { categories: applyCategoryEdit(live?.categories ?? [], request.edit) };
      // R9's error and R11's notice come and go with the categories they explain.
      const notes = live ? notesWith(live.notes, noteLinesOf(request)) : null;
      if (live && notes !== live.notes) body.personalNotes = notes;
      return { method: 'PATCH', url: contactPath(userId, request.id), body };
    }
    case 'setCategories':
      return { method: 'PATCH', url: contactPath(userId, request.id), body: { categories: request.categories } };
  }
}

/** The result of one write from Graph's answer to its request, as the single request's would be. */
function resultOf(request: ContactWriteRequest, response: GraphResponse): WriteResult {
  if (request.op === 'create') {
    const id = (response.body as { id?: unknown } | undefined)?.id;
    return response.status === 201 && typeof id === 'string' ? { ok: true, id, version: versionOf(response.body) } : failure(response);
  }
  if (request.op === 'delete') {
    return response.status === 204 || isItemGone(response.status, response.body) ? { ok: true, id: request.id, version: null } : failure(response);
  }
  return response.status === 200 ? { ok: true, id: request.id, version: versionOf(response.body) } : failure(response);
}

export async function writeContacts(http: GraphHttp, mailbox: Mailbox, requests: readonly ContactWriteRequest[], context: ContactWriteContext): Promise<WriteResult[]> {
  if (requests.length === 0) return [];
  const userId = http.options.userIdOf(mailbox);
  const toRead = requests.map(readsFirst).filter((id): id is string => id !== null);
  const [current, folderId] = await Promise.all([
    toRead.length > 0 ? readContactOutcomes(http, mailbox, toRead) : Promise.resolve(new Map<string, ContactReadOutcome>()),
    requests.some((r) => r.op === 'create') ? context.folderId() : Promise.resolve(''),
  ]);
  const built = requests.map((r) => requestOf(r, userId, { folderId, noteLine: context.noteLine, current }));
  const sent = built.flatMap((b, index) => ('ok' in b ? [] : [{ index, request: b }]));
  const responses = await runBatched(http, userId.toLowerCase(), sent.map((s) => s.request));
  const results = built.map((b) => ('ok' in b ? b : undefined));
  sent.forEach(({ index }, k) => {
    results[index] = resultOf(requests[index]!, responses[k]!);
  });
  return results.map((r, i) => r ?? failed({ code: 'temporary', message: `no result for contact write ${i}` }));
}
