// In-memory fakes of the ports the HTTP layer uses, and a token minter, for tests of src/server/http.
import type { SyncListPeople } from '../../src/server/ports/sync-list-people.js';
import type { CrmAttendees } from '../../src/server/ports/crm-attendees.js';
import { SignJWT, exportJWK, generateKeyPair, createLocalJWKSet, type JWK } from 'jose';
import type { AdminDeps } from '../../src/server/http/admin-routes.js';
import { buildApp, type AppDeps } from '../../src/server/http/app.js';
import { Metrics } from '../../src/server/http/metrics.js';
import { createTokenVerifier } from '../../src/server/http/token-verifier.js';
import type { PortError } from '../../src/server/domain/errors.js';
import type { Mailbox } from '../../src/server/domain/mailbox.js';
import type { OutlookItem, OutlookItemPresent } from '../../src/server/domain/snapshots.js';
import type { SyncPair } from '../../src/server/domain/sync-pair.js';
import { emptyCalendarItem } from '../../src/server/domain/calendar-item.js';
import type { CalendarWriteRequest } from '../../src/server/ports/calendar-source.js';
import type { CrmSearch, CrmSearchCaller } from '../../src/server/ports/crm-search.js';
import type { JobQueue, SessionReason } from '../../src/server/ports/job-queue.js';
import type { SyncList } from '../../src/server/ports/sync-list.js';

export const TENANT = 'tenant-1';
export const ISSUER = `https://login.example/${TENANT}/v2.0`;
export const AUDIENCE = 'api://crm-sync';
export const ADMIN_ROLE = 'CrmSync.Admin';
/** The HTTP Basic credentials of C4C's Event Notification consumer. */
export const C4C_CONSUMER = { user: 'C4C_EVENTS', password: 'c4c-consumer-password-0001' };

export async function tokenMinter() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  const other = await generateKeyPair('RS256');
  const mint = async (claims: Record<string, unknown>, opts: { expiresIn?: string | number; key?: 'good' | 'foreign' } = {}) =>
    new SignJWT({ tid: TENANT, scp: 'access_as_user', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer((claims.iss as string) ?? ISSUER)
      .setAudience((claims.aud as string) ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(opts.expiresIn ?? '10m')
      .sign(opts.key === 'foreign' ? other.privateKey : privateKey);
  return { jwks: createLocalJWKSet({ keys: [jwk] }), jwk, mint };
}

export function item(id: string, categories: string[], version = 'v1'): OutlookItemPresent {
  return { removed: false, id, version, iCalUId: null, transactionId: null, categories, isOrganizer: true, isCancelled: false, type: 'singleInstance', fields: emptyCalendarItem() };
}

export function mailbox(id: string): Mailbox {
  return { mailboxId: id, tenantId: TENANT, provider: 'graph', email: `${id}@contoso.example`, displayName: id, employeePartyId: null, enabled: true };
}

const unused = async (): Promise<never> => {
  throw new Error('this test app has no sync list (pass buildTestApp({ syncList }))');
};
const noSyncList: SyncList = { list: unused, add: unused, remove: unused, holders: unused, applyRule: unused };
const noAttendees: CrmAttendees = { match: async () => [], findByEmail: async () => null, createContact: unused, createLead: unused, createFollowUpTask: unused };

export async function buildTestApp(options: {
  items: Record<string, OutlookItemPresent[]>;
  pairs?: SyncPair[];
  /** The admin routes' erasure (default: no mailbox is known to it). */
  eraseMailbox?: AdminDeps['eraseMailbox'];
  /** Other admin dependencies to replace (holds, tenant). */
  admin?: Partial<AdminDeps>;
  /** The C4C consumer's credentials (default C4C_CONSUMER; null: none, as in sandbox mode without them). */
  c4cCredentials?: { user: string; password: string } | null;
  /** Other /api dependencies to replace (the CRM's reads, the C4C UI). */
  api?: Partial<AppDeps['api']>;
  /** The /api rate limits (default: 1,000 a minute for both kinds of caller). */
  rateLimits?: AppDeps['rateLimits'];
  trustProxy?: AppDeps['trustProxy'];
  /** The client ids /api accepts tokens of (default: any). */
  allowedClientIds?: string[];
  /** The sync lists (default: none; a test of the sync-list routes passes the SQL one). */
  syncList?: SyncList;
  /** The admin console page (default: not served). */
  adminPage?: AppDeps['adminPage'];
  /** A meeting's attendees as C4C people (default: nobody is recognised). */
  people?: SyncListPeople;
  /** The pane's attendee look-ups and creates (default: nobody is recognised, creates fail). */
  attendees?: CrmAttendees;
  /** The C4C employee of a mailbox (default: none). */
  employees?: Record<string, string>;
  /** The CRM search (default: one account per query, callers recorded in `searches`). */
  search?: CrmSearch;
  /** How Graph answers category writes (default: every write succeeds). */
  writeFailure?: PortError;
  /** The app's logger (default none). */
  logger?: AppDeps['logger'];
  /** Our Graph subscriptions: id → mailbox (default: `sub-<mailbox>` for every mailbox of `items`), or a look-up. */
  subscriptions?: Record<string, string> | ((subscriptionId: string) => Promise<string | null>);
}) {
  const { jwks, mint } = await tokenMinter();
  const enqueued: { mailboxId?: string; tenantId?: string; reason: SessionReason }[] = [];
  const writes: { mailboxId: string; requests: readonly CalendarWriteRequest[] }[] = [];
  /** C4C deletes noted from notifications: `entitySet:objectId`. */
  const crmDeletes: string[] = [];
  const subscriptionEvents: string[] = [];
  const searches: CrmSearchCaller[] = [];
  const known = typeof options.subscriptions === 'function' ? null : new Map(Object.entries(options.subscriptions ?? Object.fromEntries(Object.keys(options.items).map((id) => [`sub-${id}`, id]))));
  const mailboxOfSubscription = typeof options.subscriptions === 'function' ? options.subscriptions : async (id: string) => known?.get(id) ?? null;
  const mailboxes = new Map(Object.keys(options.items).map((id) => [id, { ...mailbox(id), employeePartyId: options.employees?.[id] ?? null }]));
  const queue: JobQueue = {
    enqueueMailboxSession: async (mailboxId, reason) => void enqueued.push({ mailboxId, reason }),
    enqueueTenantPoll: async (tenantId, reason) => void enqueued.push({ tenantId, reason }),
    enqueueSubscriptionEvent: async (subscriptionId, event) => void subscriptionEvents.push(`${subscriptionId}:${event}`),
    depth: async () => enqueued.length,
  };
  const deps: AppDeps = {
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    rateLimits: options.rateLimits ?? { perUserPerMinute: 1000, anonymousPerAddressPerMinute: 1000 },
    trustProxy: options.trustProxy ?? false,
    api: {
      verifyToken: createTokenVerifier({ jwksUrl: 'http://unused', issuer: ISSUER, audiences: [AUDIENCE], tenantId: TENANT, requiredScope: 'access_as_user', keyResolver: jwks, allowedClientIds: options.allowedClientIds }),
      store: {
        getMailbox: async (id) => mailboxes.get(id) ?? null,
        getSettings: async () => null,
        findPairByOutlookId: async (mb, outlookId) => options.pairs?.find((p) => p.mailboxId === mb && p.outlookId === outlookId) ?? null,
      },
      calendar: {
        getItems: async (mb, ids): Promise<OutlookItem[]> =>
          ids.map((id) => options.items[mb.mailboxId]?.find((i) => i.id === id) ?? { removed: true, id }),
        write: async (mb, requests) => {
          writes.push({ mailboxId: mb.mailboxId, requests });
          if (options.writeFailure) return requests.map(() => ({ ok: false as const, error: options.writeFailure as PortError }));
          return requests.map((r) => ({ ok: true, id: 'id' in r ? r.id : 'new', version: 'v2' }));
        },
      },
      crm: {},
      search: options.search ?? {
        mode: 'owner',
        search: async (caller, query) => (searches.push(caller), [{ type: 'account', id: '1001', name: `Match for ${query.text}`, detail: 'Berlin' }]),
        preview: async () => null,
      },
      queue,
      c4cUi: { origin: 'https://my000000.crm.ondemand.com', sso: false, thingTypes: {} },
      syncList: options.syncList ?? noSyncList,
      people: options.people ?? { matchByEmail: async () => [] },
      attendees: options.attendees ?? noAttendees,
      ...options.api,
    },
    admin: {
      adminRole: ADMIN_ROLE,
      eraseMailbox: options.eraseMailbox ?? (async () => null),
      resolveMailbox: async (idOrEmail) => [...mailboxes.values()].find((m) => m.mailboxId === idOrEmail || m.email === idOrEmail)?.mailboxId ?? null,
      listHolds: async () => [],
      decideHold: async () => null,
      tenant: () => ({ tenantId: TENANT, state: 'paired', message: null, pairedWith: { serviceRoot: 'https://c4c.example/sap/c4c/odata/v1/c4codataapi/', systemId: 'sys-1', pairedAt: '2026-12-01T00:00:00.000Z', pairedBy: null }, found: null }),
      repairTenant: async (by) => ({ pairedWith: { serviceRoot: 'https://c4c.example/sap/c4c/odata/v1/c4codataapi/', systemId: 'sys-2', pairedAt: '2026-12-06T00:00:00.000Z', pairedBy: by }, pairsForgotten: 0 }),
      syncMailbox: async () => null,
      ...options.admin,
    },
    webhooks: {
      queue,
      store: { getMailbox: async (id) => mailboxes.get(id) ?? null },
      graphClientStateSecret: 'graph-secret',
      c4cCredentials: options.c4cCredentials === undefined ? C4C_CONSUMER : options.c4cCredentials,
      tenantId: TENANT,
      mailboxOfSubscription,
      onCrmDeleted: async (entitySet, objectId) => void crmDeletes.push(`${entitySet}:${objectId}`),
    },
    health: { ready: async () => true, metrics: new Metrics(), queueDepth: async () => enqueued.length },
    ...(options.adminPage ? { adminPage: options.adminPage } : {}),
  };
  const app = await buildApp(deps);
  return { app, mint, enqueued, writes, subscriptionEvents, searches, crmDeletes };
}
