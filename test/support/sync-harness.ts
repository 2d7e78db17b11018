/**
 * End-to-end sync over real HTTP: both sandboxes on ephemeral ports, the real Graph and C4C adapters pointed at
 * them, a SessionStore on a fresh test database, and the demo users registered as mailboxes (all five, or
 * `options.users`; fewer users make the first full sync of the seeded calendars faster).
 *
 *   const h = await startSyncHarness('pglite', { users: [AVA, BEN] });
 *   await h.settle();                            // the seeded data, once per file
 *   const event = await h.graph.createEvent(AVA.id, { subject, categories: ['SAP Cloud for Customer'], … });
 *   await h.cycle(AVA.id);                       // pollTenant + runSession for every mailbox the poll names
 *   const [activity] = await h.c4c.bySubject('AppointmentCollection', subject);
 *   await h.resetCounters(); …; expect((await h.counters()).c4cWrites).toEqual({});   // no echo
 *   await h.close();
 *
 * `h.graph` / `h.c4c` act as the user in Outlook and in C4C (sync-harness-http.ts); `h.graphControl` /
 * `h.c4cControl` reach the sandboxes' control planes (faults, delta expiry, counters).
 *
 * Mailbox id = Graph user id; tenant = DEMO_TENANT.tenantId; employeePartyId = the C4C employee id.
 */
import { calendarSync, taskSync, type FamilySync } from '../../src/server/sync/family-sync.js';
import { contactSync } from '../../src/server/sync/contact-sync.js';
import { syncListRule, type SyncListRuleDeps } from '../../src/server/sync/sync-list-rule.js';
import type { SyncListRuleName } from '../../src/server/ports/sync-list-rule.js';
import pino from 'pino';
import { startC4cSandbox } from '../../src/sandbox/c4c/server.js';
import { DEMO_TENANT, DEMO_USERS, type DemoUser } from '../../src/sandbox/common/demo-tenant.js';
import { startGraphSandbox } from '../../src/sandbox/graph/server.js';
import { C4cCrmActivities, C4cCrmContacts, C4cCrmTasks, ReadBatcher } from '../../src/server/adapters/c4c/index.js';
import { GraphCalendarSource, GraphContactSource, GraphTaskSource } from '../../src/server/adapters/graph/index.js';
import { c4cUiLink } from '../../src/shared/c4c-ui-links.js';
import { createSessionStore, SqlSyncList, type Database, type SqlSessionStore } from '../../src/server/adapters/store/index.js';
import type { Mailbox } from '../../src/server/domain/mailbox.js';
import { withDefaults, type SyncSettings } from '../../src/server/domain/settings.js';
import { systemClock, type Clock } from '../../src/server/ports/clock.js';
import type { SessionStore } from '../../src/server/ports/session-store.js';
import { runSession, type SessionReport } from '../../src/server/sync/run/session.js';
import { pollTenant, type TenantPollReport } from '../../src/server/sync/tenant/poll.js';
import { C4cClient, GraphClient, control, writeRequests, type Counters } from './sync-harness-http.js';
import { openTestDatabase, type TestDriver } from './test-database.js';
import { trustSandboxCertificate } from './net.js';
import { TEST_SEALER } from './test-sealer.js';

export const [AVA, BEN, CHLOE, DAN, EVE] = DEMO_USERS as [DemoUser, DemoUser, DemoUser, DemoUser, DemoUser];
export const TENANT_ID = DEMO_TENANT.tenantId;

export function mailboxOf(user: DemoUser): Mailbox {
  return {
    mailboxId: user.id,
    tenantId: TENANT_ID,
    provider: 'graph',
    email: user.mail,
    displayName: user.displayName,
    employeePartyId: user.c4cEmployeeId,
    enabled: true,
  };
}

export interface CycleResult {
  poll: TenantPollReport;
  sessions: SessionReport[];
}

export interface SyncHarness {
  driver: TestDriver;
  graphUrl: string;
  c4cUrl: string;
  graph: GraphClient;
  c4c: C4cClient;
  db: Database;
  store: SqlSessionStore;
  calendar: GraphCalendarSource;
  crm: C4cCrmActivities;
  /** The task family's adapters (used when `families` includes tasks). */
  tasks: GraphTaskSource;
  crmTasks: C4cCrmTasks;
  /** The contact family's adapters and the sync list (used when `families` includes contacts). */
  contacts: GraphContactSource;
  crmContacts: C4cCrmContacts;
  syncList: SqlSyncList;
  /** Changes the sync list's admin rule (with `syncListRule` set; evaluated at every session). */
  setSyncListRule(rule: SyncListRuleName): void;
  /** The C4C adapters' shared reads (the tenant poll's change queries in one $batch), as the service wires them. */
  crmReads: ReadBatcher;
  clock: Clock;
  /** Tenant poll, then a session for every mailbox the poll names plus `mailboxId` (in that order). */
  cycle(mailboxId: string, store?: SessionStore): Promise<CycleResult>;
  /** One session of the mailbox, without a tenant poll first (a fault on C4C's $batch then hits only writes). */
  session(mailboxId: string): Promise<SessionReport>;
  /** Cycles every registered mailbox until a round applies nothing (at most `rounds`). */
  settle(rounds?: number): Promise<CycleResult[]>;
  saveSettings(partial: Partial<SyncSettings>): Promise<void>;
  /** Request counters of both sandboxes since the last reset, and the writes among them. */
  counters(): Promise<{ graph: Counters; c4c: Counters; graphWrites: Record<string, number>; c4cWrites: Record<string, number> }>;
  resetCounters(): Promise<void>;
  graphControl: (method: string, path: string, body?: unknown) => ReturnType<typeof control>;
  c4cControl: (method: string, path: string, body?: unknown) => ReturnType<typeof control>;
  close(): Promise<void>;
}


function appliedCount(report: SessionReport): number {
  return Object.entries(report.applied).reduce((n, [type, count]) => (type === 'recordState' ? n : n + count), 0) + report.failed.length;
}

export interface SyncHarnessOptions {
  settings?: Partial<SyncSettings>;
  /** The demo users registered (and cycled by settle) as mailboxes; default all five. Fewer = faster baseline. */
  users?: readonly DemoUser[];
  /** The item families synced; default the calendar only. */
  families?: readonly ('calendar' | 'tasks' | 'contacts')[];
  /** How long the task source trusts a listing of To Do lists (default 0: every read lists them, so tests see new lists). */
  taskListRefreshMs?: number;
  /** The sync list's admin rule the contact family runs (evaluated at every session); unset: none. */
  syncListRule?: SyncListRuleName;
  /** Corporate accounts the C4C sandbox seeds (default 200; it seeds twice as many contacts, at most 4,000). */
  c4cAccounts?: number;
  /**
   * Sandboxes already running elsewhere (e.g. in a child process, so that a benchmark's CPU figures are the service's
   * alone); the harness then neither starts nor stops them. Their state is shared by every harness pointed at them.
   */
  sandboxes?: { graphUrl: string; c4cUrl: string };
  /** Wraps the test database before the store is built on it (e.g. to count its round trips). */
  wrapDatabase?: (db: Database) => Database;
}

async function startOwnSandboxes(accounts: number): Promise<{ graphUrl: string; c4cUrl: string; close(): Promise<void> }> {
  const graphSandbox = await startGraphSandbox({ port: 0 });
  const c4cSandbox = await startC4cSandbox({ port: 0, identityBaseUrl: graphSandbox.url, accounts });
  return {
    graphUrl: graphSandbox.url,
    c4cUrl: c4cSandbox.url,
    close: async () => void (await Promise.all([graphSandbox.close(), c4cSandbox.close()])),
  };
}

/** Where the harness's To Do links point (the C4C sandbox has no UI; the form is the real one). */
export const HARNESS_C4C_UI = 'https://my000000.crm.ondemand.com';

export async function startSyncHarness(driver: TestDriver, options: SyncHarnessOptions = {}): Promise<SyncHarness> {
  const users = options.users ?? DEMO_USERS;
  trustSandboxCertificate();
  // Sandboxes given by the caller are the caller's to stop (only the URLs are kept).
  const sandboxes: { graphUrl: string; c4cUrl: string; close?: () => Promise<void> } = options.sandboxes
    ? { graphUrl: options.sandboxes.graphUrl, c4cUrl: options.sandboxes.c4cUrl }
    : await startOwnSandboxes(options.c4cAccounts ?? 200);
  const { graphUrl, c4cUrl } = sandboxes;
  const c4cInfo = (await control(c4cUrl, 'GET', '/info')).body as { serviceRoot: string; technicalUser: { user: string; password: string } };
  const logger = pino({ level: process.env['SYNC_TEST_LOG'] ?? 'silent' });
  const calendar = new GraphCalendarSource({
    graphBaseUrl: `${graphUrl}/v1.0`,
    authority: `https://127.0.0.1:${new URL(graphUrl).port}`,
    tenantId: TENANT_ID,
    clientId: DEMO_TENANT.serviceApp.clientId,
    clientSecret: DEMO_TENANT.serviceApp.clientSecret,
    addinId: DEMO_TENANT.addinId,
    logger,
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 500 },
  });
  const c4cConnection = { baseUrl: c4cInfo.serviceRoot, user: c4cInfo.technicalUser.user, password: c4cInfo.technicalUser.password, logger, timeoutMs: 15_000, retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 500 } };
  // As the service wires them: the families' change queries of a poll share one $batch.
  const crmReads = ReadBatcher.connectedTo(c4cConnection);
  const c4cOptions = { ...c4cConnection, reads: crmReads };
  const crm = new C4cCrmActivities(c4cOptions);
  const crmTasks = new C4cCrmTasks(c4cOptions);
  // Lists are listed on every read here (the service trusts a listing for 30 minutes), so a test's new list is seen.
  const tasks = new GraphTaskSource(calendar.http, { crmWebUrl: (type, id) => c4cUiLink(HARNESS_C4C_UI, type, id), serviceListName: withDefaults(options.settings ?? {}).tasks.listName, listRefreshMs: options.taskListRefreshMs ?? 0 });
  const names = options.families ?? ['calendar'];
  const families: FamilySync[] = [
    ...(names.includes('calendar') ? [calendarSync({ calendar, crm })] : []),
    ...(names.includes('tasks') ? [taskSync({ tasks, crm: crmTasks }) as unknown as FamilySync] : []),
  ];
  const opened = await openTestDatabase(driver);
  const db = options.wrapDatabase ? options.wrapDatabase(opened) : opened;
  const store = createSessionStore(db);
  const contacts = new GraphContactSource(calendar.http, { folderName: withDefaults(options.settings ?? {}).contacts.folderName, crmWebUrl: (kind, id) => (kind === 'employee' ? null : c4cUiLink(HARNESS_C4C_UI, kind, id)) });
  const crmContacts = new C4cCrmContacts(c4cOptions);
  const syncList = new SqlSyncList(db);
  const clock = systemClock;
  const ruleDeps: SyncListRuleDeps = { rule: options.syncListRule ?? 'off', source: crmContacts, syncList, clock, refreshMs: 0 };
  const rule = options.syncListRule === undefined ? undefined : syncListRule(ruleDeps);
  if (names.includes('contacts')) families.push(contactSync({ contacts, crm: crmContacts, syncList, ...(rule ? { rule } : {}) }) as unknown as FamilySync);
  await store.transaction(async (tx) => {
    await tx.saveSettings(TENANT_ID, withDefaults(options.settings ?? {}));
    for (const user of users) await tx.upsertMailbox(mailboxOf(user));
  });

  const cycle = async (mailboxId: string, sessionStore: SessionStore = store): Promise<CycleResult> => {
    const poll = await pollTenant({ store, families, clock, readTogether: (fn) => crmReads.together(fn) }, TENANT_ID);
    const sessions: SessionReport[] = [];
    for (const id of [...new Set([...poll.mailboxIds, mailboxId])]) {
      sessions.push(await runSession({ store: sessionStore, families, clock, sealer: TEST_SEALER }, id));
    }
    return { poll, sessions };
  };

  return {
    driver,
    graphUrl,
    c4cUrl,
    graph: new GraphClient(graphUrl),
    c4c: new C4cClient(c4cUrl),
    db,
    store,
    calendar,
    crm,
    tasks,
    crmTasks,
    contacts,
    crmContacts,
    syncList,
    crmReads,
    setSyncListRule: (name) => {
      ruleDeps.rule = name;
    },
    clock,
    cycle,
    session: (mailboxId) => runSession({ store, families, clock, sealer: TEST_SEALER }, mailboxId),
    async settle(rounds = 4) {
      const results: CycleResult[] = [];
      for (let round = 0; round < rounds; round += 1) {
        let applied = 0;
        for (const user of users) {
          const result = await cycle(user.id);
          results.push(result);
          applied += result.sessions.reduce((n, s) => n + appliedCount(s), 0);
        }
        if (applied === 0) return results;
      }
      throw new Error(`sync did not settle in ${rounds} rounds: ${JSON.stringify(results.at(-1))}`);
    },
    async saveSettings(partial) {
      const current = withDefaults((await store.getSettings(TENANT_ID)) ?? {});
      await store.transaction((tx) => tx.saveSettings(TENANT_ID, withDefaults({ ...current, ...partial })));
    },
    async counters() {
      const graph = (await control(graphUrl, 'GET', '/counters')).body as Counters;
      const c4c = (await control(c4cUrl, 'GET', '/counters')).body as Counters;
      return { graph, c4c, graphWrites: writeRequests(graph), c4cWrites: writeRequests(c4c) };
    },
    async resetCounters() {
      await control(graphUrl, 'DELETE', '/counters');
      await control(c4cUrl, 'DELETE', '/counters');
    },
    graphControl: (method, path, body) => control(graphUrl, method, path, body),
    c4cControl: (method, path, body) => control(c4cUrl, method, path, body),
    async close() {
      await store.close();
      await sandboxes.close?.();
    },
  };
}
