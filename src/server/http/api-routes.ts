// /api for the task pane and the ribbon commands (contract: src/shared/api.ts). Every call verifies the bearer
// token and acts only on the caller's own mailbox: item ids are always looked up in that mailbox, so an id from
// somebody else's mailbox is simply not found there.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  API_ROUTES,
  categoryRequestSchema,
  crmSearchQuerySchema,
  itemParamsSchema,
  syncRequestSchema,
  type CategoryResponse,
  type CrmSearchResponse,
  type ItemStatus,
  type MeResponse,
} from '../../shared/api.js';
import { c4cUiLinkFor, type C4cUiSettings } from '../../shared/c4c-ui-links.js';
import { syncKindOf } from '../../shared/categories.js';
import type { Mailbox } from '../domain/mailbox.js';
import type { SyncPair } from '../domain/sync-pair.js';
import { withDefaults, type SyncSettings } from '../domain/settings.js';
import type { CalendarSource } from '../ports/calendar-source.js';
import type { CrmActivities } from '../ports/crm-activities.js';
import type { CrmSearch } from '../ports/crm-search.js';
import { PREVIEW_ROUTES, crmPreviewParamsSchema, type CrmPreviewResponse } from '../../shared/preview-api.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StateReader } from '../ports/state-store.js';
import type { SyncList } from '../ports/sync-list.js';
import { PortFailure } from '../ports/write-results.js';
import { HttpError } from './errors.js';
import type { MasterCategoryKeeper } from '../sync/run/master-categories.js';
import { statusOfItem } from './item-status.js';
import type { TokenVerifier, VerifiedCaller } from './token-verifier.js';
import type { SyncListPeople } from '../ports/sync-list-people.js';
import type { CrmAttendees } from '../ports/crm-attendees.js';

export interface ApiDeps {
  verifyToken: TokenVerifier;
  store: Pick<StateReader, 'getMailbox' | 'getSettings' | 'findPairByOutlookId'>;
  calendar: Pick<CalendarSource, 'getItems' | 'write'>;
  /** getByIds reads the readable C4C ID for the item status; without it the status carries no c4cId. */
  crm: Partial<Pick<CrmActivities, 'getByIds'>>;
  /** The CRM search, as the caller may see C4C (ports/crm-search.ts). */
  search: CrmSearch;
  queue: JobQueue;
  /** Where "Open in SAP Cloud for Customer" links point (the C4C UI, C4C_UI_URL); null: none are handed out. */
  c4cUi: C4cUiSettings | null;
  /** Creates the sync categories the caller's master list lacks before the category route sets one. */
  masterCategories?: MasterCategoryKeeper;
  /** The users' sync lists (R14; routes in sync-list-routes.ts). */
  syncList: SyncList;
  /** A meeting's attendees as C4C people, for the sync list (R14). */
  people: SyncListPeople;
  /** The pane's matched attendees, the contacts and leads it creates, its follow-up tasks (people-routes.ts). */
  attendees: CrmAttendees;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: VerifiedCaller;
  }
}

/** Validates a request part with its zod schema; a failure is a 400 naming the fields. */
export function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.map(String).join('.') || 'request'}: ${i.message}`).join('; ');
  throw new HttpError(400, 'bad_request', detail);
}

function upstream(error: unknown): never {
  if (error instanceof PortFailure) {
    if (error.error.code === 'notFound') throw new HttpError(404, 'not_found', 'The item is not in your mailbox.');
    if (error.error.code === 'throttled') throw new HttpError(503, 'upstream_unavailable', 'The mail or CRM service is busy; try again shortly.', error.error.retryAfterSeconds);
    throw new HttpError(503, 'upstream_unavailable', 'The mail or CRM service could not be reached.');
  }
  throw error;
}

/** A search C4C would not run as the caller (no business user, trust or client not set up) is theirs to raise. */
function searchFailure(error: unknown): never {
  if (error instanceof PortFailure && error.error.code === 'auth') {
    throw new HttpError(403, 'forbidden', 'SAP Cloud for Customer did not accept your sign-in for the search; ask your administrator to check your C4C business user.');
  }
  return upstream(error);
}

export function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): void {
  /** The pair's C4C activity number; the status is still answered (without it) when C4C can't be read. */
  async function readableC4cId(tenantId: string, pair: SyncPair): Promise<string | null> {
    if (!pair.crmObjectId || !deps.crm.getByIds || pair.status === 'unlinked' || pair.status === 'closed') return null;
    try {
      const [activity] = await deps.crm.getByIds(tenantId, [{ kind: pair.kind, objectId: pair.crmObjectId }]);
      return activity && !activity.removed ? (activity.displayId ?? null) : null;
    } catch {
      return null;
    }
  }

  async function callerMailbox(req: FastifyRequest): Promise<{ mailbox: Mailbox; settings: SyncSettings }> {
    const caller = req.caller;
    if (!caller) throw new HttpError(401, 'unauthorized', 'Sign in first.');
    const mailbox = await deps.store.getMailbox(caller.userId);
    if (!mailbox) throw new HttpError(403, 'forbidden', 'Your mailbox is not set up for CRM sync; ask your administrator.');
    const settings = withDefaults((await deps.store.getSettings(mailbox.tenantId)) ?? {});
    return { mailbox, settings };
  }

  app.get(API_ROUTES.me.url, async (req): Promise<MeResponse> => {
    const { mailbox, settings } = await callerMailbox(req);
    return {
      user: { id: mailbox.mailboxId, displayName: mailbox.displayName, mail: mailbox.email },
      mailbox: { address: mailbox.email, provider: mailbox.provider === 'google' ? 'google' : 'exchange', syncEnabled: mailbox.enabled },
      settings: {
        categories: { appointment: settings.categories.appointment, visit: settings.categories.visit, error: settings.categories.error },
        conflictWinner: settings.conflictWinner === 'crm' ? 'crm' : 'groupware',
        visitSyncTo: settings.visitSyncTo,
        c4cUi: deps.c4cUi,
      },
    };
  });

  // A preview card's fields, read as the search reads (ports/crm-search.ts): what the caller may not find is a 404.
  app.get(PREVIEW_ROUTES.preview.url, async (req): Promise<CrmPreviewResponse> => {
    const params = parse(crmPreviewParamsSchema, req.params);
    const { mailbox } = await callerMailbox(req);
    const caller = req.caller as VerifiedCaller;
    const preview = await deps.search.preview({ userId: caller.userId, apiToken: caller.token, mailbox }, params.type, params.id).catch(searchFailure);
    if (!preview) throw new HttpError(404, 'not_found', 'No such record in SAP Cloud for Customer, or not one you may see.');
    return { preview };
  });

  app.get(API_ROUTES.crmSearch.url, async (req): Promise<CrmSearchResponse> => {
    const query = parse(crmSearchQuerySchema, req.query);
    const { mailbox } = await callerMailbox(req);
    const caller = req.caller as VerifiedCaller;
    const hits = await deps.search.search({ userId: caller.userId, apiToken: caller.token, mailbox }, { text: query.q, types: query.types, top: query.top }).catch(searchFailure);
    return {
      results: hits.slice(0, query.top).map((hit) => ({
        type: hit.type,
        id: hit.id,
        name: hit.name ?? hit.id,
        ...(hit.detail ? { subtitle: hit.detail } : {}),
        ...(deps.c4cUi ? { url: c4cUiLinkFor(deps.c4cUi, hit.type, hit.id) } : {}),
      })),
    };
  });

  app.get(API_ROUTES.itemStatus.url, async (req): Promise<ItemStatus> => {
    const { itemId } = parse(itemParamsSchema, req.params);
    const { mailbox, settings } = await callerMailbox(req);
    const [item] = await deps.calendar.getItems(mailbox, [itemId]).catch(upstream);
    if (!item || item.removed) throw new HttpError(404, 'not_found', 'The item is not in your mailbox.');
    const pair = await deps.store.findPairByOutlookId(mailbox.mailboxId, itemId);
    return statusOfItem(item, pair, settings, deps.c4cUi, pair ? await readableC4cId(mailbox.tenantId, pair) : null);
  });

  app.post(API_ROUTES.itemSync.url, async (req, reply) => {
    const { itemId } = parse(itemParamsSchema, req.params);
    parse(syncRequestSchema, req.body ?? {});
    const { mailbox } = await callerMailbox(req);
    const [item] = await deps.calendar.getItems(mailbox, [itemId]).catch(upstream);
    if (!item || item.removed) throw new HttpError(404, 'not_found', 'The item is not in your mailbox.');
    await deps.queue.enqueueMailboxSession(mailbox.mailboxId, 'manual');
    return reply.code(202).send({ state: 'pending' });
  });

  app.post(API_ROUTES.itemCategory.url, async (req): Promise<CategoryResponse> => {
    const { itemId } = parse(itemParamsSchema, req.params);
    const { kind } = parse(categoryRequestSchema, req.body);
    const { mailbox, settings } = await callerMailbox(req);
    const [item] = await deps.calendar.getItems(mailbox, [itemId]).catch(upstream);
    if (!item || item.removed) throw new HttpError(404, 'not_found', 'The item is not in your mailbox.');
    const { appointment, visit } = settings.categories;
    const syncNames = new Set([appointment.toLowerCase(), visit.toLowerCase()]);
    const categories = item.categories.filter((c) => !syncNames.has(c.toLowerCase()));
    if (kind) categories.push(kind === 'visit' ? visit : appointment);
    // The category this sets must be in the master list, or Outlook shows it without colour and the Categorize menu
    // lacks it. A failed check does not stop the change (the item syncs either way); the next session checks again.
    if (kind) await deps.masterCategories?.ensure(mailbox, settings, { force: true }).catch(() => null);
    const [result] = await deps.calendar.write(mailbox, [{ op: 'setCategories', id: itemId, categories }]).catch(upstream);
    if (!result?.ok) {
      if (result?.error.code === 'notFound') throw new HttpError(404, 'not_found', 'The item is not in your mailbox.');
      // Graph's answer stays in the log (our message: status and Graph's error code); the user gets ours only.
      req.log.warn({ code: result?.error.code ?? 'noResult', err: result?.error.message ?? 'no result' }, 'setting the category through Graph failed');
      throw new HttpError(503, 'upstream_unavailable', 'Outlook did not take the category; try again shortly.');
    }
    await deps.queue.enqueueMailboxSession(mailbox.mailboxId, 'manual');
    return { kind: syncKindOf(categories, settings.categories), categories };
  });
}
