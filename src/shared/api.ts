// The contract between the task pane / ribbon commands and the sync service's `/api` (DESIGN §3).
// The client validates every response with these schemas; the service validates every request with them and
// must answer in exactly these shapes. Every request carries `Authorization: Bearer <token>` whose audience is
// the service app (`<appIdUri>/access_as_user`). All timestamps are ISO 8601 with an offset (UTC `Z` is fine).
import { z } from 'zod';
import { C4C_UI_OBJECT_TYPES, type C4cUiObjectType } from './c4c-ui-links.js';
import { crmObjectTypeSchema, crmObjectTypes, type CrmObjectType } from './crm-links.js';

const isoDateTime = z.iso.datetime({ offset: true });
/** A link the pane opens for the user: http(s) only, never `javascript:` or `data:`. */
const webUrl = z.url({ protocol: /^https?$/ });

/** How an item syncs, or `null` when it carries neither sync category (R1). */
export const syncKindSchema = z.enum(['appointment', 'visit']);
export type ApiSyncKind = z.infer<typeof syncKindSchema>;

// ---------------------------------------------------------------------------------------------------------
// Errors: every non-2xx answer has this body.

export const API_ERROR_CODES = [
  'bad_request', // 400: request failed schema validation
  'unauthorized', // 401: no token, bad or expired token
  'forbidden', // 403: signed in, but not a user of this tenant / mailbox not enabled for sync
  'not_found', // 404: the item does not exist in the user's mailbox (status of an unknown item is NOT 404)
  'conflict', // 409: e.g. category change raced with another change; the client may retry
  'rate_limited', // 429: too many requests; honour Retry-After
  'upstream_unavailable', // 502/503/504: Graph, Google or C4C could not be reached
  'internal', // 500
] as const;
export const apiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorBodySchema = z.object({
  error: z.object({
    /** One of API_ERROR_CODES; unknown codes from a newer service are tolerated by clients. */
    code: z.string().min(1),
    /** Human-readable, English, safe to show; never contains tokens or stack traces. */
    message: z.string(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

// ---------------------------------------------------------------------------------------------------------
// GET /api/me → 200 MeResponse

export const meResponseSchema = z.object({
  user: z.object({
    /** Entra object id (Graph user id) or the Google account's subject. */
    id: z.string().min(1),
    displayName: z.string(),
    mail: z.string(),
  }),
  mailbox: z.object({
    /** SMTP address of the mailbox the service syncs for this user. */
    address: z.string(),
    provider: z.enum(['exchange', 'google']),
    /** Whether the tenant has enabled sync for this mailbox. The pane still works read-only when false. */
    syncEnabled: z.boolean(),
  }),
  /** Tenant settings the user may see. */
  settings: z.object({
    /** Category names (R1/R9); the tenant may rename them, so the client never hard-codes them. */
    categories: z.object({
      appointment: z.string().min(1),
      visit: z.string().min(1),
      error: z.string().min(1),
    }),
    /** R12: who wins when both sides changed the same field. */
    conflictWinner: z.enum(['groupware', 'crm']),
    /** R7: where Visits created in C4C are written. */
    visitSyncTo: z.enum(['organizer', 'owner']),
    /**
     * How the pane builds "Open in SAP Cloud for Customer" links to linked objects (shared/c4c-ui-links.ts): the C4C
     * UI's origin, single sign-on, and the tenant's thing types. Null or absent: the pane shows no such links.
     */
    c4cUi: z
      .object({
        origin: webUrl,
        sso: z.boolean(),
        thingTypes: z.partialRecord(z.enum(C4C_UI_OBJECT_TYPES as [C4cUiObjectType, ...C4cUiObjectType[]]), z.string().regex(/^[A-Za-z0-9_]{1,60}$/)),
      })
      .nullable()
      .optional(),
  }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// GET /api/crm/search?q=&types=&top= → 200 CrmSearchResponse

export const CRM_SEARCH_DEFAULT_TOP = 20;
export const CRM_SEARCH_MAX_TOP = 50;
export const CRM_SEARCH_MIN_QUERY = 2;

/**
 * Query string as the service parses it. `types` is a comma-separated list of CRM object types; missing or
 * empty means all linkable types. `top` caps the total number of results (no paging).
 */
export const crmSearchQuerySchema = z.object({
  q: z.string().trim().min(CRM_SEARCH_MIN_QUERY).max(200),
  types: z
    .string()
    .optional()
    .transform((value, ctx): CrmObjectType[] => {
      const parts = (value ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      const parsed: CrmObjectType[] = [];
      for (const part of parts) {
        const result = crmObjectTypeSchema.safeParse(part);
        if (!result.success) {
          ctx.addIssue({ code: 'custom', message: `unknown CRM object type: ${part}` });
          return z.NEVER;
        }
        if (!parsed.includes(result.data)) parsed.push(result.data);
      }
      return parsed.length > 0 ? parsed : [...crmObjectTypes];
    }),
  top: z.coerce.number().int().min(1).max(CRM_SEARCH_MAX_TOP).default(CRM_SEARCH_DEFAULT_TOP),
});
export type CrmSearchQuery = z.output<typeof crmSearchQuerySchema>;

export const crmSearchResultSchema = z.object({
  type: crmObjectTypeSchema,
  /** Readable C4C id (AccountID, ContactID, ID …): what a CrmLink stores. */
  id: z.string().min(1),
  name: z.string(),
  /** A second line that tells look-alikes apart: city, account of a contact, status … */
  subtitle: z.string().optional(),
  /** Opens the object in the C4C UI (never the OData API). */
  url: webUrl.optional(),
});
export type CrmSearchResult = z.infer<typeof crmSearchResultSchema>;

export const crmSearchResponseSchema = z.object({
  results: z.array(crmSearchResultSchema),
});
export type CrmSearchResponse = z.infer<typeof crmSearchResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// GET /api/items/:itemId/status → 200 ItemStatus
// `itemId` is the Graph/REST id of the item in the caller's mailbox (Office.js ids converted with
// convertToRestId v2.0). An item the service has never seen is 200 with state `notSynced`, not 404.

export const SYNC_STATES = ['notSynced', 'pending', 'synced', 'error'] as const;
export const syncStateSchema = z.enum(SYNC_STATES);
export type SyncState = z.infer<typeof syncStateSchema>;

export const itemSyncErrorSchema = z.object({
  /** Stable machine code from the service's domain error codes (e.g. `allDayTooLong`, `c4cRejected`). */
  code: z.string().min(1),
  /** The reason kept for the user (R9). */
  message: z.string(),
  /** When the item first failed with this error. */
  since: isoDateTime,
});
export type ItemSyncError = z.infer<typeof itemSyncErrorSchema>;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A link the pane opens for the user: https, or http on this machine (the sandbox). Never `javascript:`, `data:` or
 * any other scheme, whatever the service (or anyone between it and the pane) sends.
 */
export const webLinkSchema = z.url({ protocol: /^https?$/ }).refine((value) => {
  const { protocol, hostname } = new URL(value);
  return protocol === 'https:' || LOOPBACK_HOSTS.has(hostname);
}, 'must be an https link');

export const itemStatusSchema = z.object({
  itemId: z.string().min(1),
  state: syncStateSchema,
  /** The sync category the service last saw on the item; null when none. */
  kind: syncKindSchema.nullable(),
  /** C4C ObjectID (the OData key) of the mirrored activity. */
  c4cObjectId: z.string().nullable(),
  /** Readable C4C activity ID shown to the user. */
  c4cId: z.string().nullable(),
  /** Deep link that opens the activity in C4C. */
  c4cUrl: webLinkSchema.nullable(),
  /** Last successful sync of this item. */
  syncedAt: isoDateTime.nullable(),
  /** Present exactly when state is `error`. */
  error: itemSyncErrorSchema.nullable(),
});
export type ItemStatus = z.infer<typeof itemStatusSchema>;

// ---------------------------------------------------------------------------------------------------------
// POST /api/items/:itemId/sync (body: {} or empty) → 202 SyncAccepted
// Enqueues an insta-sync session for the caller's mailbox, covering this item.

export const syncRequestSchema = z.object({}).strict();
export type SyncRequest = z.infer<typeof syncRequestSchema>;

export const syncAcceptedSchema = z.object({ state: z.literal('pending') });
export type SyncAccepted = z.infer<typeof syncAcceptedSchema>;

// ---------------------------------------------------------------------------------------------------------
// POST /api/items/:itemId/category {kind} → 200 CategoryResponse
// Fallback for clients where Office.js can't set categories (compose in OWA / new Outlook, meetings organised
// by someone else): the service sets the item's categories through Graph. `kind: null` removes both sync
// categories (R2: the C4C record stays). The service ensures the master category exists with its colour.

export const categoryRequestSchema = z.object({ kind: syncKindSchema.nullable() });
export type CategoryRequest = z.infer<typeof categoryRequestSchema>;

export const categoryResponseSchema = z.object({
  kind: syncKindSchema.nullable(),
  /** The item's full category list after the change. */
  categories: z.array(z.string()),
});
export type CategoryResponse = z.infer<typeof categoryResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Path params and path builders (the client calls these; the service registers API_ROUTES).

export const itemParamsSchema = z.object({ itemId: z.string().min(1).max(1024) });
export type ItemParams = z.infer<typeof itemParamsSchema>;

export const API_PREFIX = '/api';

/** Route templates in fastify syntax, with method and status code, for the service's registration. */
export const API_ROUTES = {
  me: { method: 'GET', url: `${API_PREFIX}/me`, status: 200 },
  crmSearch: { method: 'GET', url: `${API_PREFIX}/crm/search`, status: 200 },
  itemStatus: { method: 'GET', url: `${API_PREFIX}/items/:itemId/status`, status: 200 },
  itemSync: { method: 'POST', url: `${API_PREFIX}/items/:itemId/sync`, status: 202 },
  itemCategory: { method: 'POST', url: `${API_PREFIX}/items/:itemId/category`, status: 200 },
} as const;

export interface CrmSearchParams {
  q: string;
  types?: readonly CrmObjectType[];
  top?: number;
}

/** Builds request paths (relative to the service origin). Item ids are encoded: REST ids may hold `/+=`. */
export const apiPaths = {
  me: (): string => API_ROUTES.me.url,
  crmSearch: ({ q, types, top }: CrmSearchParams): string => {
    const query = new URLSearchParams({ q });
    if (types && types.length > 0) query.set('types', types.join(','));
    if (top !== undefined) query.set('top', String(top));
    return `${API_ROUTES.crmSearch.url}?${query.toString()}`;
  },
  itemStatus: (itemId: string): string => `${API_PREFIX}/items/${encodeURIComponent(itemId)}/status`,
  itemSync: (itemId: string): string => `${API_PREFIX}/items/${encodeURIComponent(itemId)}/sync`,
  itemCategory: (itemId: string): string => `${API_PREFIX}/items/${encodeURIComponent(itemId)}/category`,
} as const;
