// Composition root (DESIGN §4): config → adapters → sync/jobs/http. Roles: `all` (one process, the default),
// `web` (API + webhooks) and `worker` (sessions and schedules); with DATABASE_URL any number of each can share
// one PostgreSQL. Graceful shutdown: stop taking requests and jobs, let running sessions finish (or hand them
// back to the queue when the grace period ends), then close the database.
import { PgBossQueue } from './adapters/queue/pg-boss-queue.js';
import { SqlAdminMailboxes, SqlEnrolment, SqlGoogleChannels, SqlRetention, SqlSubscriptionRecords, SqlTenantPairings } from './adapters/store/index.js';
import { ConfigError, loadConfig, redactedConfig, type Config } from './config/index.js';
import { adminPageConfig } from './http/admin-page.js';
import { buildApp } from './http/app.js';
import { HEALTH_COUNTERS, HealthHistory } from './http/health-history.js';
import { Metrics } from './http/metrics.js';
import { createTokenVerifier } from './http/token-verifier.js';
import { clientStateFor } from './http/webhook-secrets.js';
import { eraseNamedMailbox, findMailbox, forgetSyncState } from './jobs/erase-mailbox.js';
import { startFirstCycle } from './jobs/first-cycle.js';
import { syncNow } from './jobs/sync-now.js';
import { provisionMailboxes } from './jobs/provision-mailboxes.js';
import { registerJobs } from './jobs/register-jobs.js';
import { createSubscriptionKeeper } from './jobs/subscription-keeper.js';
import { createGoogleChannelKeeper } from './jobs/google-channel-keeper.js';
import { googleChannelToken } from './http/google-webhook.js';
import { createLogger, resolveLogFormat, type Logger } from './log/index.js';
import { runChecks } from './doctor/run-checks.js';
import { crmSearch, doctorDeps, openServiceParts, subscriptionResources, syncFamilies } from './main-parts.js';
import { systemClock } from './ports/clock.js';
import { withDefaults } from './domain/settings.js';
import { dryRunSession } from './sync/run/dry-run.js';
import { createMasterCategoryKeeper } from './sync/run/master-categories.js';
import { kindOfEntitySet } from './sync/tenant/delete-notes.js';
import { decideHold } from './sync/tenant/holds.js';
import { TenantPairingGate } from './sync/tenant/pairing.js';
import type { TenantPairingResponse } from '../shared/admin-api.js';

export interface RunningService {
  url: string | null;
  stop(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 25_000;

export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  logger.info({ config: redactedConfig(config) }, 'starting');
  const metrics = new Metrics();
  // Every answer of Graph and C4C, by status class: the request rates of /metrics and of the console's charts.
  const countResponse = (name: string, help: string) => (status: number) => metrics.inc(name, help, { status: `${Math.floor(status / 100)}xx` });
  const parts = await openServiceParts(config, logger, {
    graph: countResponse(HEALTH_COUNTERS.graphRequests, 'Requests answered by Microsoft Graph (retries included), by status class'),
    c4c: countResponse(HEALTH_COUNTERS.c4cRequests, 'Requests answered by C4C (retries and CSRF token fetches included), by status class'),
  });
  const { db, store, calendar, crm, erasure } = parts;
  const families = syncFamilies(config, parts, logger.child({ component: 'sync-list-rule' }));
  const queue = await PgBossQueue.start({
    ...(db.native.pgliteForQueue ? { pglite: db.native.pgliteForQueue } : { connectionString: db.native.connectionString }),
    logger: logger.child({ component: 'queue' }),
    sessionExpireSeconds: config.queue.sessionExpireSeconds,
    sessionHeartbeatSeconds: config.queue.sessionHeartbeatSeconds,
    superviseIntervalSeconds: config.queue.superviseSeconds,
    pollingIntervalSeconds: 0.5,
  });
  const tenantId = config.graph.tenantId;
  // The console's health charts: this process's last hour, sampled from the counters above (http/health-history.ts).
  // A worker serves no requests: nobody would read its samples.
  const health = new HealthHistory({ metrics, queueDepth: () => queue.depth(), role: config.role });
  if (config.role !== 'worker') health.start();
  // The sync categories in every mailbox's master list (Outlook's Categorize menu), put back when a user deletes them.
  const masterCategories = createMasterCategoryKeeper({ groupware: calendar, clock: systemClock, tasks: config.sync.families.includes('tasks') });
  const clientStateSecret = config.graph.webhookClientStateSecret.reveal();
  const subscriptions = createSubscriptionKeeper({
    records: new SqlSubscriptionRecords(db),
    store,
    graph: calendar,
    // What each family subscribes to: the calendar's events, each To Do list.
    resources: subscriptionResources(config, parts),
    queue,
    clock: systemClock,
    logger: logger.child({ component: 'subscriptions' }),
    publicUrl: config.http.publicUrl,
    clientStateOf: (mailboxId) => clientStateFor(clientStateSecret, mailboxId),
  });

  // Which C4C system the store's sync state belongs to: sync waits until it is checked, and stops on another one.
  const pairings = new SqlTenantPairings(db);
  let refusedSome = false;
  const pairing = new TenantPairingGate({
    tenantId,
    pairings,
    readIdentity: () => crm.systemIdentity(),
    clock: systemClock,
    logger: logger.child({ component: 'tenant' }),
    // Sync may run (again): catch up at once on what refused sessions and polls left (none refused: nothing to do;
    // a web process runs none, and must not enqueue on its own).
    onPaired: async () => {
      if (!refusedSome) return;
      refusedSome = false;
      await queue.enqueueTenantPoll(tenantId, 'scheduled');
      for (const mailbox of await store.listMailboxes({ enabledOnly: true })) await queue.enqueueMailboxSession(mailbox.mailboxId, 'scheduled');
    },
  });
  await pairing.start(10_000);
  const tenantStatus = async (): Promise<TenantPairingResponse> => {
    const status = pairing.status();
    const stored = status.state === 'unchecked' ? await pairings.get(tenantId) : status.pairing;
    return {
      tenantId,
      state: status.state,
      message: status.state === 'paired' ? null : status.message,
      pairedWith: stored ? { serviceRoot: stored.serviceRoot, systemId: stored.systemId, pairedAt: stored.pairedAt, pairedBy: stored.pairedBy } : null,
      found: status.state === 'mismatch' ? status.found : null,
    };
  };

  // The enrolment policy (issue 17): stored with the settings, read by provisioning and the admin routes; a removed
  // mailbox's sync state is forgotten the way an erasure forgets it, its registration kept.
  const enrolmentStore = new SqlEnrolment(db);
  const forget = (mailboxId: string) => forgetSyncState({ store, erasure, graph: calendar, logger: logger.child({ component: 'enrolment' }) }, mailboxId);

  let channelTimer: NodeJS.Timeout | undefined;
  let url: string | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  if (config.role !== 'worker') {
    app = await buildApp({
      logger: logger.child({ component: 'http' }),
      bodyLimit: config.http.bodyLimitBytes,
      rateLimits: config.http.rateLimits,
      trustProxy: config.http.trustProxy,
      api: {
        verifyToken: createTokenVerifier({
          jwksUrl: `${config.graph.authority}/${tenantId}/discovery/v2.0/keys`,
          issuer: `${config.graph.authority}/${tenantId}/v2.0`,
          audiences: [config.api.audience, config.graph.clientId],
          tenantId,
          requiredScope: 'access_as_user',
          allowedClientIds: config.api.clientIds,
        }),
        store,
        calendar,
        crm,
        search: crmSearch(config, parts, logger),
        queue,
        c4cUi: config.c4c.ui,
        masterCategories,
        syncList: parts.syncList,
        people: parts.crmContacts,
        attendees: parts.crmAttendees,
      },
      admin: {
        adminRole: config.api.adminRole,
        healthHistory: () => health.history(),
        // Read stage and plan of a session, nothing written (sync/run/dry-run.ts); any role may answer it.
        dryRun: {
          findMailbox: (idOrEmail) => findMailbox(store, idOrEmail),
          storedSettings: async () => withDefaults((await store.getSettings(tenantId)) ?? {}),
          run: (mailbox, settings, rereads) => dryRunSession({ store, families, sealer: parts.sealer, clock: systemClock }, mailbox, settings, rereads),
        },
        eraseMailbox: (idOrEmail) =>
          eraseNamedMailbox({ store, erasure, graph: calendar, logger: logger.child({ component: 'erasure' }) }, idOrEmail),
        resolveMailbox: async (idOrEmail) => (await findMailbox(store, idOrEmail))?.mailboxId ?? null,
        listHolds: (filter) => store.listHolds(filter),
        decideHold: (holdId, decision, by) => decideHold({ store, queue, clock: systemClock }, holdId, decision, by),
        tenant: tenantStatus,
        syncMailbox: async (idOrEmail) => {
          const mailbox = await findMailbox(store, idOrEmail);
          return mailbox ? syncNow({ store, queue, clock: systemClock }, mailbox) : null;
        },
        // The doctor's checks with the configuration this process runs with (GET /api/admin/checks, `npm run doctor`).
        checks: () => runChecks(doctorDeps(config, logger, db, systemClock)),
        console: { tenantId, store: parts.adminConsole, environment: { settings: config.sync.defaults, setInEnvironment: config.sync.setInEnvironment } },
        mailboxes: {
          tenantId,
          mailboxes: new SqlAdminMailboxes(db),
          intervalMinutes: async () => (await store.getSettings(tenantId))?.intervalMinutes ?? config.sync.intervalMinutes,
          askSession: (mailboxId) => queue.enqueueMailboxSession(mailboxId, 'manual'),
          sessionRunning: (mailboxId) => queue.mailboxSessionRunning(mailboxId),
          now: () => systemClock.now(),
        },
        enrolment: {
          tenantId,
          store: enrolmentStore,
          groups: calendar,
          forget,
          askSession: (mailboxId) => queue.enqueueMailboxSession(mailboxId, 'manual'),
          logger: logger.child({ component: 'enrolment' }),
          mailboxes: new SqlAdminMailboxes(db),
          intervalMinutes: async () => (await store.getSettings(tenantId))?.intervalMinutes ?? config.sync.intervalMinutes,
          now: () => systemClock.now(),
        },
        repairTenant: async (by) => {
          const { pairing: paired, pairsForgotten } = await pairing.repair(by);
          return { pairedWith: { serviceRoot: paired.serviceRoot, systemId: paired.systemId, pairedAt: paired.pairedAt, pairedBy: paired.pairedBy }, pairsForgotten };
        },
      },
      adminPage: {
        dir: config.api.adminPageDir,
        config: adminPageConfig({
          sandbox: config.sandbox,
          graphBaseUrl: config.graph.baseUrl,
          authority: config.graph.authority,
          tenantId,
          audience: config.api.audience,
          adminRole: config.api.adminRole,
          clientIds: config.api.clientIds,
        }),
      },
      webhooks: {
        queue,
        store,
        graphClientStateSecret: clientStateSecret,
        // Google channel tokens are keyed with the same secret under their own label (http/google-webhook.ts).
        ...(parts.google ? { googleChannelSecret: clientStateSecret } : {}),
        c4cCredentials: config.c4c.webhook ? { user: config.c4c.webhook.user, password: config.c4c.webhook.password.reveal() } : null,
        tenantId,
        mailboxOfSubscription: (subscriptionId) => subscriptions.mailboxOfSubscription(subscriptionId),
        onCrmDeleted: async (entitySet, objectId) => {
          // Only for a family this service runs: no poll would ever settle a note of another family's kind.
          const kind = kindOfEntitySet(entitySet);
          if (kind && families.some((f) => f.family.kinds.includes(kind))) await store.noteCrmDelete(tenantId, kind, objectId);
        },
      },
      health: {
        ready: async () => (await db.query('SELECT 1 AS ok')).rowCount === 1,
        crmSystem: () => {
          const status = pairing.status();
          return status.state === 'paired' ? { state: status.state } : { state: status.state, message: status.message };
        },
        withoutSubscription: () => subscriptions.withoutLiveSubscription(),
        metrics,
        queueDepth: () => queue.depth(),
      },
    });
    url = await app.listen({ host: config.http.host, port: config.http.port });
    logger.info({ url }, 'listening');
    if (!config.c4c.webhook) logger.warn('C4C notifications are accepted without authentication (sandbox mode without C4C_WEBHOOK_USER)');
  }

  if (config.role !== 'web') {
    const google = parts.google ? { enrolment: config.google, calendars: parts.google } : undefined;
    await provisionMailboxes({ store, users: calendar, crm, logger, masterCategories, enrolment: { store: enrolmentStore, groups: calendar, forget }, ...(google ? { google } : {}) }, tenantId).catch((error: unknown) =>
      logger.error({ err: (error as Error).message }, 'mailbox provisioning failed; the next start retries'),
    );
    await registerJobs({
      worker: queue,
      queue,
      store,
      families,
      sealer: parts.sealer,
      clock: systemClock,
      logger: logger.child({ component: 'jobs' }),
      intervalMinutes: config.sync.intervalMinutes,
      sessionConcurrency: 4,
      subscriptions,
      retention: { store: new SqlRetention(db), days: config.retention.days },
      refusal: () => {
        const why = pairing.refusal();
        if (why !== null) refusedSome = true;
        return why;
      },
      masterCategories,
      readTogether: (fn) => parts.crmReads.together(fn),
      observer: {
        sessionFinished: (report, job) => {
          metrics.inc(HEALTH_COUNTERS.sessions, 'Sync sessions run', { outcome: 'ok' });
          if (job.reason === 'insta' && job.requestedAt !== undefined && report.skipped === null) {
            const seconds = Math.max(0, (Date.now() - Date.parse(job.requestedAt)) / 1000);
            metrics.observe('crmsync_insta_sync_seconds', 'From a change notification asking for a session to its end (queue wait included)', seconds);
            health.observeInsta(seconds * 1000);
          }
          metrics.observe('crmsync_session_seconds', 'Sync session duration', report.durationMs / 1000);
          const applied = Object.values(report.applied).reduce((a, b) => a + b, 0);
          metrics.inc('crmsync_items_synced_total', 'Actions applied by sessions', {}, applied);
          metrics.inc('crmsync_item_errors_total', 'Items that failed in a session', {}, report.failed.length);
        },
        sessionFailed: () => metrics.inc(HEALTH_COUNTERS.sessions, 'Sync sessions run', { outcome: 'error' }),
      },
    });
    await startFirstCycle({ subscriptions, queue, store, logger, tenantId });
    if (parts.google) {
      // R10 insta-sync from Google: push channels on every Google mailbox's calendars, renewed before they end.
      const channels = createGoogleChannelKeeper({
        api: parts.google,
        store,
        channels: new SqlGoogleChannels(parts.db),
        address: `${config.http.publicUrl}/webhooks/google`,
        tokenFor: (channelId, mailboxId) => googleChannelToken(clientStateSecret, channelId, mailboxId),
        clock: systemClock,
        logger: logger.child({ component: 'google-channels' }),
      });
      void channels.tick();
      channelTimer = setInterval(() => void channels.tick(), GOOGLE_CHANNEL_CHECK_MS);
      channelTimer.unref();
    }
  }

  return {
    url,
    stop: async () => {
      logger.info('shutting down');
      pairing.stop();
      health.stop();
      clearInterval(channelTimer);
      // fastify closes idle keep-alive connections; one whose response its client left unread would hold close() for
      // the keep-alive timeout (72 s), past an orchestrator's kill. Requests get a few seconds to finish, no more.
      const dropConnections = setTimeout(() => app?.server.closeAllConnections(), HTTP_CLOSE_GRACE_MS);
      dropConnections.unref();
      await app?.close();
      clearTimeout(dropConnections);
      await queue.stop(SHUTDOWN_GRACE_MS);
      await parts.close();
    },
  };
}

/** How often the Google push channels are checked (each is renewed an hour before it ends). */
const GOOGLE_CHANNEL_CHECK_MS = 60_000;

/** How long requests in flight may take to finish when the service stops. */
const HTTP_CLOSE_GRACE_MS = 5_000;

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  let config: Config;
  try {
    const roleArg = process.argv.indexOf('--role');
    const env = roleArg > 0 && process.argv[roleArg + 1] ? { ...process.env, ROLE: process.argv[roleArg + 1] } : process.env;
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, name: config.role, format: resolveLogFormat(config.logFormat, process.stdout.isTTY) });
  const service = await startService(config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'signal received');
    await service.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
