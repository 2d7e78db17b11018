// The composition root's building blocks (DESIGN §4: only main.ts, main-parts.ts and cli/main.ts import
// adapters): open the store, build the Graph and C4C adapters from the Config. Shared by the service (main.ts)
// and the CLI (cli/main.ts).
import { C4cCrmActivities, C4cCrmAttendees, C4cCrmContacts, C4cCrmTasks, C4cDoctorProbes, C4cOwnerSearch, C4cUserSearch, C4cUserSessions, ReadBatcher } from './adapters/c4c/index.js';
import { readFileSync } from 'node:fs';
import { GoogleCalendarSource, GoogleDoctorProbes, type ServiceAccountKey } from './adapters/google/index.js';
import { GraphCalendarSource, GraphContactSource, GraphDoctorProbes, GraphTaskSource } from './adapters/graph/index.js';
import { createSessionStore, openDatabase, sealLegacyBases, SqlAdminConsole, SqlDoctorProbe, SqlGoogleCalendars, SqlMailboxErasure, SqlSyncList, sqlExclusive, type Database, type SqlSessionStore } from './adapters/store/index.js';
import type { GoogleConfig } from './config/load-config.js';
import { withDefaults } from './domain/settings.js';
import type { CalendarSource } from './ports/calendar-source.js';
import { calendarByProvider } from './sync/provider-calendar.js';
import type { DoctorDeps } from './doctor/run-checks.js';
import { systemClock, type Clock } from './ports/clock.js';
import type { ProbeFailure } from './ports/doctor-probes.js';
import type { Config } from './config/index.js';
import { environmentDifferences } from './config/tenant-settings.js';
import { c4cUiLinkFor } from '../shared/c4c-ui-links.js';
import { calendarFamily } from './domain/calendar-family.js';
import { contactFamily } from './domain/contact-family.js';
import { taskFamily } from './domain/task-family.js';
import type { ItemFamily } from './domain/family.js';
import { legacyBaseSealer } from './domain/pair-base.js';
import { stateSealer, type StateSealer } from './domain/state-digest.js';
import type { Logger } from './log/index.js';
import type { SubscriptionResources } from './ports/change-subscriptions.js';
import type { CrmSearch } from './ports/crm-search.js';
import { contactSync } from './sync/contact-sync.js';
import { syncListRule } from './sync/sync-list-rule.js';
import { calendarSync, taskSync, type FamilySync } from './sync/family-sync.js';

export interface ServiceParts {
  db: Database;
  store: SqlSessionStore;
  calendar: GraphCalendarSource;
  /** R10: Google Calendar, when a service account is configured (GOOGLE_SERVICE_ACCOUNT_KEY[_FILE]). */
  google: GoogleCalendarSource | null;
  /** The calendar family's groupware side: each mailbox's calls go to its provider (Graph or Google). */
  calendars: CalendarSource;
  crm: C4cCrmActivities;
  /** The task family's sides (R13): To Do through Graph, C4C Tasks. */
  tasks: GraphTaskSource;
  crmTasks: C4cCrmTasks;
  /** The contact family's sides (R14): the service's Outlook contact folder, C4C's people and accounts, the sync list. */
  contacts: GraphContactSource;
  crmContacts: C4cCrmContacts;
  /** The task pane's matched attendees and its creates in C4C (contacts, leads, follow-up tasks). */
  crmAttendees: C4cCrmAttendees;
  /** The C4C adapters' shared reads: the tenant poll's change queries go out as one $batch. */
  crmReads: ReadBatcher;
  syncList: SqlSyncList;
  /** Each tenant's keyed hashing of the sync state (domain/state-digest.ts). */
  sealer: StateSealer;
  /** Erasing a mailbox's rows (admin route, CLI `erase`). */
  erasure: SqlMailboxErasure;
  /** The admin console's settings and audit trail. */
  adminConsole: SqlAdminConsole;
  close(): Promise<void>;
}

/** The item families the configuration turns on (SYNC_FAMILIES), each bound to its ports. */
export function syncFamilies(config: Config, parts: Pick<ServiceParts, 'calendars' | 'crm' | 'tasks' | 'crmTasks' | 'contacts' | 'crmContacts' | 'syncList'>, logger?: Logger): FamilySync[] {
  // The sync list's admin rule (SYNC_LIST_RULE); even when off it runs once per mailbox, to take away what it added.
  const rule = syncListRule({
    rule: config.sync.listRule,
    source: parts.crmContacts,
    syncList: parts.syncList,
    clock: systemClock,
    onError: (mailboxId, error) => logger?.warn({ mailboxId, err: String(error) }, 'the sync list rule could not be evaluated; the next session tries again'),
  });
  return [
    ...(config.sync.families.includes('calendar') ? [calendarSync({ calendar: parts.calendars, crm: parts.crm })] : []),
    ...(config.sync.families.includes('tasks') ? [taskSync({ tasks: parts.tasks, crm: parts.crmTasks }) as unknown as FamilySync] : []),
    ...(config.sync.families.includes('contacts') ? [contactSync({ contacts: parts.contacts, crm: parts.crmContacts, syncList: parts.syncList, rule }) as unknown as FamilySync] : []),
  ];
}

/** What each synced family subscribes to per mailbox: the calendar's events, each To Do list, the contact folder. */
export function subscriptionResources(config: Config, parts: Pick<ServiceParts, 'calendar' | 'tasks' | 'contacts'>): SubscriptionResources[] {
  const on = (family: 'calendar' | 'tasks' | 'contacts') => config.sync.families.includes(family);
  return [...(on('calendar') ? [parts.calendar] : []), ...(on('tasks') ? [parts.tasks] : []), ...(on('contacts') ? [parts.contacts] : [])];
}

/**
 * The task pane's CRM search (C4C_SEARCH_AS, README "Security"): as the user through C4C's OAuth 2.0 SAML bearer
 * flow (Entra ID on-behalf-of for a SAML assertion, then C4C's token endpoint), or as the technical user bounded to
 * the user's own objects.
 */
export function crmSearch(config: Config, parts: Pick<ServiceParts, 'crm'>, logger: Logger): CrmSearch {
  const search = config.c4c.search;
  if (search.as === 'owner') return new C4cOwnerSearch(parts.crm);
  const sessions = new C4cUserSessions({
    authority: config.graph.authority,
    tenantId: config.graph.tenantId,
    clientId: config.graph.clientId,
    clientSecret: config.graph.clientSecret.reveal(),
    samlEntityId: search.samlEntityId,
    tokenUrl: search.tokenUrl,
    oauthClientId: search.oauthClientId,
    oauthClientSecret: search.oauthClientSecret.reveal(),
    scope: search.scope,
    connection: { baseUrl: config.c4c.baseUrl, user: '', password: '', logger: logger.child({ component: 'c4c-user' }), timeoutMs: 15_000, retry: { maxAttempts: 2 } },
    logger,
  });
  return new C4cUserSearch(sessions);
}

/** The families whose pairs the store may hold (bases written before digests are sealed with them). */
const FAMILIES = [calendarFamily, taskFamily, contactFamily].map((f) => f as unknown as ItemFamily<never, never>);

/** Told of each answer Graph and C4C gave the service's adapters (main.ts counts them for /metrics). */
export interface ResponseObserver {
  graph(status: number): void;
  c4c(status: number): void;
}

export async function openServiceParts(config: Config, logger: Logger, responses?: ResponseObserver): Promise<ServiceParts> {
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
  // Precedence (docs/admin.md): the environment seeds the tenant's settings; once stored, the database's apply, and
  // the admin console changes them. An environment value that no longer applies is said so once per start.
  const adminConsole = new SqlAdminConsole(db);
  const settings = await adminConsole.seedSettings(config.graph.tenantId, config.sync.defaults);
  for (const d of environmentDifferences(settings, config.sync.defaults, config.sync.setInEnvironment)) {
    logger.warn({ setting: d.setting, environment: d.environment, stored: d.stored }, 'a setting of the environment differs from the stored one, which applies (change it in the admin console: PUT /api/admin/settings)');
  }
  const calendar = new GraphCalendarSource({
    graphBaseUrl: config.graph.baseUrl,
    authority: config.graph.authority,
    tenantId: config.graph.tenantId,
    clientId: config.graph.clientId,
    clientSecret: config.graph.clientSecret.reveal(),
    addinId: config.api.addinId,
    logger: logger.child({ component: 'graph' }),
    ...(responses ? { onResponse: (status: number) => responses.graph(status) } : {}),
  });
  const google = googleSource(config.google, db, store, logger);
  const calendars = calendarByProvider({ graph: calendar, google });
  const c4cConnection = { baseUrl: config.c4c.baseUrl, user: config.c4c.user, password: config.c4c.password.reveal(), logger: logger.child({ component: 'c4c' }), timeoutMs: 30_000, ...(responses ? { onResponse: (status: number) => responses.c4c(status) } : {}) };
  const crmReads = ReadBatcher.connectedTo(c4cConnection);
  const c4cOptions = { ...c4cConnection, reads: crmReads };
  const crm = new C4cCrmActivities(c4cOptions);
  const crmTasks = new C4cCrmTasks(c4cOptions);
  // One Graph connection and per-mailbox budget for both families (Graph throttles per app and mailbox).
  const tasks = new GraphTaskSource(calendar.http, { crmWebUrl: (type, id) => c4cUiLinkFor(config.c4c.ui, type, id), serviceListName: settings.tasks.listName, exclusive: sqlExclusive(db) });
  // Employees have no C4C screen a link can open by id: their copies' note names the id only.
  const contacts = new GraphContactSource(calendar.http, { folderName: settings.contacts.folderName, exclusive: sqlExclusive(db), crmWebUrl: (kind, id) => (kind === 'employee' ? null : c4cUiLinkFor(config.c4c.ui, kind, id)) });
  const crmContacts = new C4cCrmContacts(c4cOptions);
  const crmAttendees = new C4cCrmAttendees(c4cConnection);
  return { db, store, calendar, google, calendars, crm, tasks, crmTasks, contacts, crmContacts, crmAttendees, crmReads, syncList: new SqlSyncList(db), sealer, erasure: new SqlMailboxErasure(db), adminConsole, close: () => store.close() };
}

/** The service account's key file (GOOGLE_SERVICE_ACCOUNT_KEY or …_FILE): only the fields the grant needs are kept. */
export function serviceAccountKeyOf(key: NonNullable<GoogleConfig['key']>): ServiceAccountKey {
  const where = 'json' in key ? 'GOOGLE_SERVICE_ACCOUNT_KEY' : `GOOGLE_SERVICE_ACCOUNT_KEY_FILE (${key.file})`;
  let parsed: Partial<ServiceAccountKey>;
  try {
    parsed = JSON.parse('json' in key ? key.json.reveal() : readFileSync(key.file, 'utf8')) as Partial<ServiceAccountKey>;
  } catch (error) {
    // The message of a JSON error can quote the key: only its kind is said.
    throw new Error(`${where} is not a readable JSON key file (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`);
  }
  if (typeof parsed.client_email !== 'string' || typeof parsed.private_key !== 'string') throw new Error(`${where} has no client_email or private_key: is it a service account's key file?`);
  return {
    client_email: parsed.client_email,
    private_key: parsed.private_key,
    ...(typeof parsed.private_key_id === 'string' ? { private_key_id: parsed.private_key_id } : {}),
    ...(typeof parsed.client_id === 'string' ? { client_id: parsed.client_id } : {}),
  };
}

function googleSource(google: GoogleConfig, db: Database, store: SqlSessionStore, logger: Logger): GoogleCalendarSource | null {
  if (google.key === null) return null;
  return new GoogleCalendarSource({
    key: serviceAccountKeyOf(google.key),
    apiRootUrl: google.apiRootUrl,
    tokenUrl: google.tokenUrl,
    // One settings read per session: the category names and the calendar names, both changed at run time by admins.
    settingsOf: async (tenantId) => {
      const settings = withDefaults((await store.getSettings(tenantId)) ?? {});
      return { categories: settings.categories, calendarNames: settings.google.calendarNames };
    },
    calendarIds: new SqlGoogleCalendars(db),
    exclusive: sqlExclusive(db),
    logger: logger.child({ component: 'google' }),
  });
}

/**
 * The doctor's probes (doctor/run-checks.ts) for a configuration: Graph and C4C with the service's credentials, and
 * the database `db` (the service's own, or one the CLI opened without migrating it), or why it could not be opened.
 */
export function doctorDeps(config: Config, logger: Logger, db: Database | ProbeFailure, clock: Clock): DoctorDeps {
  const graph = new GraphDoctorProbes({
    graphBaseUrl: config.graph.baseUrl,
    authority: config.graph.authority,
    tenantId: config.graph.tenantId,
    clientId: config.graph.clientId,
    clientSecret: config.graph.clientSecret.reveal(),
    logger: logger.child({ component: 'doctor-graph' }),
    requestTimeoutMs: 20_000,
  });
  const crm = new C4cDoctorProbes({ baseUrl: config.c4c.baseUrl, user: config.c4c.user, password: config.c4c.password.reveal(), logger: logger.child({ component: 'doctor-c4c' }), timeoutMs: 20_000 });
  const googleKey = config.google.key ? serviceAccountKeyOf(config.google.key) : null;
  const google = googleKey ? new GoogleDoctorProbes({ key: googleKey, apiRootUrl: config.google.apiRootUrl, tokenUrl: config.google.tokenUrl }) : null;
  return {
    graph,
    crm,
    google,
    store: 'ok' in db ? db : new SqlDoctorProbe(db, config.graph.tenantId),
    settings: {
      publicUrl: config.http.publicUrl,
      mailbox: config.doctor.mailbox,
      tasks: config.sync.families.includes('tasks'),
      webhook: config.c4c.webhook ? { user: config.c4c.webhook.user, password: config.c4c.webhook.password.reveal() } : null,
      usesPostgres: config.store.databaseUrl !== null,
      google: { users: config.google.users, domains: config.google.domains, clientId: googleKey?.client_id ?? null, mailbox: config.doctor.mailbox },
    },
    clock,
  };
}
