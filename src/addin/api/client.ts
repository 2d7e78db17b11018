// Typed client for the sync service's /api (contract: src/shared/api.ts). Every response is validated with
// zod; every call has a timeout and can be cancelled with an AbortSignal; failures become ApiError kinds.
import { z } from 'zod';
import {
  apiErrorBodySchema,
  apiPaths,
  categoryResponseSchema,
  crmSearchResponseSchema,
  itemStatusSchema,
  meResponseSchema,
  syncAcceptedSchema,
  type ApiSyncKind,
  type CategoryResponse,
  type CrmSearchParams,
  type CrmSearchResponse,
  type ItemStatus,
  type MeResponse,
  type SyncAccepted,
} from '../../shared/api.js';
import {
  syncListAddResponseSchema,
  syncListPaths,
  syncListPeopleResponseSchema,
  syncListResponseSchema,
  type SyncListAddResponse,
  type SyncListEntryRef,
  type SyncListPeopleResponse,
  type SyncListResponse,
} from '../../shared/sync-list-api.js';
import {
  PEOPLE_ROUTES,
  attendeeMatchResponseSchema,
  createAttendeeResponseSchema,
  followUpTaskResponseSchema,
  type AttendeeMatchResponse,
  type CreateAttendeeRequest,
  type CreateAttendeeResponse,
  type FollowUpTaskRequest,
  type FollowUpTaskResponse,
} from '../../shared/people-api.js';
import { crmPreviewResponseSchema, previewPath, type CrmPreview, type PreviewType } from '../../shared/preview-api.js';
import { NotSignedInError } from '../auth/errors.js';
import { ApiError, kindForStatus } from './errors.js';

export interface ApiClientOptions {
  /** Service origin (and path prefix); '' for the pane's own origin. */
  baseUrl: string;
  getToken: (options?: { interactive?: boolean }) => Promise<string>;
  /** Called when the service rejects a token, before the one retry with a fresh token. */
  invalidateToken?: () => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ApiClient {
  me(signal?: AbortSignal): Promise<MeResponse>;
  searchCrm(params: CrmSearchParams, signal?: AbortSignal): Promise<CrmSearchResponse>;
  itemStatus(itemId: string, signal?: AbortSignal): Promise<ItemStatus>;
  syncItem(itemId: string, signal?: AbortSignal): Promise<SyncAccepted>;
  setItemCategory(itemId: string, kind: ApiSyncKind | null, signal?: AbortSignal): Promise<CategoryResponse>;
  /** The signed-in user's sync list (R14): the C4C records kept in their Outlook contacts. */
  syncList(signal?: AbortSignal): Promise<SyncListResponse>;
  addToSyncList(ref: SyncListEntryRef, signal?: AbortSignal): Promise<SyncListAddResponse>;
  /** Which of these attendees' addresses are C4C employees or the user's contacts. */
  matchPeople(emails: readonly string[], signal?: AbortSignal): Promise<SyncListPeopleResponse>;
  /** Resolves when the entry is gone; a record that was not on the list fails with kind `notFound`. */
  removeFromSyncList(ref: SyncListEntryRef, signal?: AbortSignal): Promise<void>;
  /** A linked record's key fields for its preview card; one the user may not see fails with kind `notFound`. */
  previewCrm(type: PreviewType, id: string, signal?: AbortSignal): Promise<CrmPreview>;
  /** Which attendees C4C knows: employees, the user's own contacts and leads, each with its account. */
  matchAttendees(emails: readonly string[], signal?: AbortSignal): Promise<AttendeeMatchResponse>;
  /** A contact or lead for an unknown attendee; an existing record with the address is answered instead (`created: false`). */
  createAttendee(request: CreateAttendeeRequest, signal?: AbortSignal): Promise<CreateAttendeeResponse>;
  createFollowUpTask(request: FollowUpTaskRequest, signal?: AbortSignal): Promise<FollowUpTaskResponse>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** A 204 answer's body as call() reads it. */
const noContentSchema = z.null();

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function token(): Promise<string> {
    try {
      return await options.getToken();
    } catch (err) {
      if (err instanceof NotSignedInError) throw new ApiError('notSignedIn', err.message);
      throw new ApiError('notSignedIn', `could not get a token: ${(err as Error).message}`);
    }
  }

  async function send(method: 'GET' | 'POST' | 'DELETE', path: string, body: unknown, signal: AbortSignal | undefined): Promise<Response> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forward = () => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener('abort', forward, { once: true });
    try {
      const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${await token()}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (controller.signal.aborted) throw new DOMException('aborted while getting a token', 'AbortError');
      return await doFetch(`${options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (timedOut) throw new ApiError('timeout', `the service did not answer within ${Math.round(timeoutMs / 1000)} s`);
      if (signal?.aborted) throw new ApiError('aborted', 'cancelled');
      throw new ApiError('unreachable', `the service could not be reached: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
  }

  async function call<S extends z.ZodType>(method: 'GET' | 'POST' | 'DELETE', path: string, schema: S, body?: unknown, signal?: AbortSignal): Promise<z.output<S>> {
    let response = await send(method, path, body, signal);
    if (response.status === 401 && options.invalidateToken) {
      options.invalidateToken(); // the token may have expired or been revoked: one retry with a fresh one
      response = await send(method, path, body, signal);
    }
    let json: unknown = null;
    try {
      json = response.status === 204 ? null : await response.json();
    } catch {
      json = null;
    }
    if (!response.ok) {
      const parsed = apiErrorBodySchema.safeParse(json);
      const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
      throw new ApiError(kindForStatus(response.status), message, response.status, parsed.success ? parsed.data.error.code : null);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError('badResponse', `unexpected answer from ${method} ${path.split('?')[0]}`, response.status);
    return parsed.data;
  }

  return {
    me: (signal) => call('GET', apiPaths.me(), meResponseSchema, undefined, signal),
    searchCrm: (params, signal) => call('GET', apiPaths.crmSearch(params), crmSearchResponseSchema, undefined, signal),
    itemStatus: (itemId, signal) => call('GET', apiPaths.itemStatus(itemId), itemStatusSchema, undefined, signal),
    syncItem: (itemId, signal) => call('POST', apiPaths.itemSync(itemId), syncAcceptedSchema, {}, signal),
    setItemCategory: (itemId, kind, signal) => call('POST', apiPaths.itemCategory(itemId), categoryResponseSchema, { kind }, signal),
    syncList: (signal) => call('GET', syncListPaths.list(), syncListResponseSchema, undefined, signal),
    addToSyncList: (ref, signal) => call('POST', syncListPaths.add(), syncListAddResponseSchema, ref, signal),
    matchPeople: (emails, signal) => call('POST', syncListPaths.people(), syncListPeopleResponseSchema, { emails }, signal),
    previewCrm: async (type, id, signal) => (await call('GET', previewPath(type, id), crmPreviewResponseSchema, undefined, signal)).preview,
    matchAttendees: (emails, signal) => call('POST', PEOPLE_ROUTES.match.url, attendeeMatchResponseSchema, { emails }, signal),
    createAttendee: (request, signal) => call('POST', PEOPLE_ROUTES.create.url, createAttendeeResponseSchema, request, signal),
    createFollowUpTask: (request, signal) => call('POST', PEOPLE_ROUTES.followUp.url, followUpTaskResponseSchema, request, signal),
    removeFromSyncList: async (ref, signal) => {
      await call('DELETE', syncListPaths.remove(ref), noContentSchema, undefined, signal);
    },
  };
}
