// The composition root's building blocks (DESIGN §4: only main.ts, main-parts.ts and cli/main.ts import
// adapters): open the store, build the Graph and C4C adapters from the Config. Shared by the service (main.ts)
// and the CLI (cli/main.ts).
import { C4cCrmActivities } from './adapters/c4c/index.js';
import { GraphCalendarSource } from './adapters/graph/index.js';
import { createSessionStore, openDatabase, sealLegacyBases, SqlMailboxErasure, type Database, type SqlSessionStore } from './adapters/store/index.js';
import type { Config } from './config/index.js';
import { calendarFamily } from './domain/calendar-family.js';
import type { ItemFamily } from './domain/family.js';
import { legacyBaseSealer } from './domain/pair-base.js';
import { stateSealer, type StateSealer } from './domain/state-digest.js';
import type { Logger } from './log/index.js';

export interface ServiceParts {
  db: Database;
  store: SqlSessionStore;
  calendar: GraphCalendarSource;
  crm: C4cCrmActivities;
  /** Each tenant's keyed hashing of the sync state (domain/state-digest.ts). */
  sealer: StateSealer;
  /** Erasing a mailbox's rows (admin route, CLI `erase`). */
  erasure: SqlMailboxErasure;
  close(): Promise<void>;
}

/** The families whose pairs the store may hold (bases written before digests are sealed with them). */
const FAMILIES = [calendarFamily as unknown as ItemFamily<never, never>];

export async function openServiceParts(config: Config, logger: Logger): Promise<ServiceParts> {
  const { db, migrations } = await openDatabase({
    databaseUrl: config.store.databaseUrl?.reveal(),
    dataDir: config.store.dataDir,
    maxConnections: config.store.poolSize,
    onIdleError: (error) => logger.error({ err: error }, 'database connection failed while idle'),
  });
  if (migrations && migrations.applied.length > 0) logger.info({ applied: migrations.applied }, 'database migrated');
  const sealer = stateSealer(config.privacy.stateDigestSecret.reveal());
  const sealed = await sealLegacyBases(db, legacyBaseSealer(FAMILIES, sealer));
  if (sealed > 0) logger.info({ sealed }, 'sync state sealed: stored field values replaced by keyed digests');
  const store = createSessionStore(db);
  // Tenants that never saved settings of their own run on the configured defaults.
  if (!(await store.getSettings(config.graph.tenantId))) {
    await store.transaction((tx) => tx.saveSettings(config.graph.tenantId, config.sync.defaults));
  }
  const calendar = new GraphCalendarSource({
    graphBaseUrl: config.graph.baseUrl,
    authority: config.graph.authority,
    tenantId: config.graph.tenantId,
    clientId: config.graph.clientId,
    clientSecret: config.graph.clientSecret.reveal(),
    addinId: config.api.addinId,
    logger: logger.child({ component: 'graph' }),
  });
  const crm = new C4cCrmActivities({
    baseUrl: config.c4c.baseUrl,
    user: config.c4c.user,
    password: config.c4c.password.reveal(),
    logger: logger.child({ component: 'c4c' }),
    timeoutMs: 30_000,
  });
  return { db, store, calendar, crm, sealer, erasure: new SqlMailboxErasure(db), close: () => store.close() };
}
