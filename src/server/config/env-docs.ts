// What each setting means, in one line, for the people who set them (.env.example, `npm run env:example`). The
// schema (env-schema.ts) stays the single source of names, defaults and rules; this table only adds words, and its
// type makes a setting without a line here (or a line without a setting) a compile error.
import type { EnvName } from './env-schema.js';

export const ENV_GROUPS = {
  service: 'The service process',
  database: 'Database',
  graph: 'Microsoft Graph and Entra ID (the service app registration)',
  api: 'Task pane and admin API',
  c4c: 'SAP Cloud for Customer',
  privacy: 'Privacy',
  schedule: 'Sessions and the job queue',
  google: 'Google Workspace (R10: Google Calendar users, a service account with domain-wide delegation)',
  rules: 'Sync rules (tenant settings: stored in the database at the first start, then changed with PUT /api/admin/settings, see docs/admin.md)',
} as const;

export type EnvGroup = keyof typeof ENV_GROUPS;

export interface EnvDoc {
  group: EnvGroup;
  /** One line: what the setting does (its default, allowed values and secrecy are added from the schema). */
  meaning: string;
  /**
   * A tenant setting (config.sync.defaults, config/tenant-settings.ts): copied into the database at the first start,
   * and read from there afterwards; an admin changes it with PUT /api/admin/settings, not in the environment.
   */
  tenantSetting?: true;
}

export const ENV_DOCS: Record<EnvName, EnvDoc> = {
  ROLE: { group: 'service', meaning: 'What this process does: everything, the API and webhooks (web), or sessions and schedules (worker).' },
  SANDBOX: { group: 'service', meaning: 'Talk to the local sandboxes: allows http:// on 127.0.0.1 and makes PUBLIC_URL optional. Never in production.' },
  HOST: { group: 'service', meaning: 'Address to listen on; unset: 0.0.0.0, or 127.0.0.1 in sandbox mode.' },
  PORT: { group: 'service', meaning: 'Port to listen on (web and all roles).' },
  PUBLIC_URL: {
    group: 'service',
    meaning: 'The https address Graph and C4C reach this service at (…/webhooks/graph, …/webhooks/c4c).',
  },
  BODY_LIMIT_BYTES: { group: 'service', meaning: 'Largest request body accepted (webhook batches, API calls).' },
  TRUST_PROXY: { group: 'service', meaning: 'Proxies whose X-Forwarded-For is trusted: addresses, CIDR ranges, loopback/linklocal/uniquelocal; unset: none.' },
  LOG_LEVEL: { group: 'service', meaning: 'Least severe log level written (pino); request lines are at debug.' },
  LOG_FORMAT: { group: 'service', meaning: 'auto: readable lines on a terminal, JSON elsewhere; pretty or json to choose.' },

  DATA_DIR: { group: 'database', meaning: 'Folder of the embedded PGlite database, used when DATABASE_URL is unset; one process at a time.' },
  DATABASE_URL: { group: 'database', meaning: 'postgres:// URL of a PostgreSQL server instead of PGlite; needed for separate web and worker processes.' },
  DATABASE_POOL_SIZE: { group: 'database', meaning: 'Connections per process to the PostgreSQL server.' },

  GRAPH_BASE_URL: { group: 'graph', meaning: 'Microsoft Graph, with its version.' },
  GRAPH_AUTHORITY: { group: 'graph', meaning: 'Entra ID sign-in host; tokens come from <authority>/<TENANT_ID>.' },
  TENANT_ID: { group: 'graph', meaning: 'The Entra tenant id (a GUID): the one tenant this service syncs.' },
  CLIENT_ID: { group: 'graph', meaning: "Application (client) id of the service's app registration (Graph application permissions)." },
  CLIENT_SECRET: { group: 'graph', meaning: "A client secret of the service's app registration." },
  GRAPH_WEBHOOK_CLIENT_STATE_SECRET: {
    group: 'graph',
    meaning: 'Key the per-mailbox clientState of Graph change subscriptions is derived from (16 to 128 characters).',
  },
  DOCTOR_MAILBOX: { group: 'graph', meaning: "Mailbox npm run doctor checks Graph's permissions on (address or id); unset: the first enrolled one." },

  API_AUDIENCE: { group: 'api', meaning: "Application ID URI of the service's API (api://…), the audience of task pane tokens." },
  ADDIN_ID: { group: 'api', meaning: "The add-in manifest's <Id>: CRM links live in the item's custom properties for that id." },
  API_CLIENT_IDS: { group: 'api', meaning: 'Client ids (azp) whose tokens /api accepts, comma-separated: the add-in\'s app; unset: any app of the tenant.' },
  API_RATE_LIMIT_PER_MINUTE: { group: 'api', meaning: 'Requests a minute one signed-in caller (oid) may make to /api.' },
  API_ANONYMOUS_RATE_LIMIT_PER_MINUTE: { group: 'api', meaning: 'Requests a minute per client address for callers without a valid token.' },
  ADMIN_ROLE: { group: 'api', meaning: 'App role (roles claim) a token needs for /api/admin/* (holds, erasure, re-pairing).' },
  ADMIN_PAGE_DIR: { group: 'api', meaning: 'Folder of the add-in build (npm run build) whose admin page the service serves at /admin/.' },

  C4C_BASE_URL: { group: 'c4c', meaning: 'The c4codataapi service root, e.g. https://myNNNNNN.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/.' },
  C4C_USER: { group: 'c4c', meaning: 'The technical user the service reads and writes C4C as (Basic authentication).' },
  C4C_PASSWORD: { group: 'c4c', meaning: "The technical user's password." },
  C4C_SEARCH_AS: { group: 'c4c', meaning: "How the pane's CRM search respects C4C access: user (OAuth 2.0 SAML bearer, as the user) or owner (the user's own objects)." },
  C4C_OAUTH_CLIENT_ID: { group: 'c4c', meaning: 'OAuth 2.0 client registered in C4C, for C4C_SEARCH_AS=user.' },
  C4C_OAUTH_CLIENT_SECRET: { group: 'c4c', meaning: "That client's secret." },
  C4C_OAUTH_TOKEN_URL: { group: 'c4c', meaning: "C4C's OAuth 2.0 token endpoint (default: <C4C_BASE_URL origin>/sap/bc/sec/oauth2/token)." },
  C4C_OAUTH_SCOPE: { group: 'c4c', meaning: 'Scope of that client (C4C OData: UIWC:CC_HOME).' },
  C4C_SAML_ENTITY_ID: { group: 'c4c', meaning: "C4C's SAML entity id (its SSO service provider), the audience of the user's assertion from Entra ID." },
  C4C_UI_URL: { group: 'c4c', meaning: "Origin of the C4C UI that 'Open in SAP Cloud for Customer' links point to (default: C4C_BASE_URL's origin)." },
  C4C_UI_SSO: { group: 'c4c', meaning: 'The tenant signs users in with single sign-on: UI links carry OBNRedirect=X.' },
  C4C_UI_THING_TYPES: { group: 'c4c', meaning: 'UI link thing types that differ in this tenant: type=THING_TYPE pairs, comma-separated.' },
  C4C_WEBHOOK_USER: { group: 'c4c', meaning: "User C4C's Event Notification consumer sends to PUBLIC_URL/webhooks/c4c as HTTP Basic (required outside sandbox mode)." },
  C4C_WEBHOOK_PASSWORD: { group: 'c4c', meaning: 'Password of that consumer (16+ characters), compared in constant time.' },

  STATE_DIGEST_SECRET: {
    group: 'privacy',
    meaning: 'Key of the keyed hashes the sync state keeps instead of item content (32+ characters); keep it stable.',
  },
  RETENTION_DAYS: { group: 'privacy', meaning: 'Sync log, closed pairs, decided holds and stale in-flight rows older than this are deleted daily.' },

  SYNC_INTERVAL_MINUTES: { group: 'schedule', meaning: "Every mailbox's scheduled session, and the tenant's C4C change query, run this often.", tenantSetting: true },
  SESSION_EXPIRE_SECONDS: { group: 'schedule', meaning: 'Longest a session may run before the queue takes it back and retries it.' },
  SESSION_HEARTBEAT_SECONDS: { group: 'schedule', meaning: 'A session whose worker is silent this long (it died) is retried on another worker.' },
  QUEUE_SUPERVISE_SECONDS: { group: 'schedule', meaning: 'How often the queue looks at running sessions; use the same value on every process.' },
  SYNC_LIST_RULE: {
    group: 'schedule',
    meaning: "R14's admin rule: `owned-account-contacts` puts the contacts of the accounts a user owns or is in the account team of on their sync list (marked as the rule's; one the user removes stays off); `off` removes only the entries the rule added.",
  },
  SYNC_FAMILIES: { group: 'schedule', meaning: 'The item families this service syncs, comma-separated: calendar, tasks, contacts (R14: the sync lists; `npm start` turns it on).' },

  SYNC_WINDOW_DAYS_BACK: { group: 'rules', meaning: 'Calendar items that end more than this many days ago are out of the sync window.', tenantSetting: true },
  SYNC_WINDOW_DAYS_AHEAD: { group: 'rules', meaning: 'Calendar items that start more than this many days ahead are out of the sync window.', tenantSetting: true },
  CONFLICT_WINNER: { group: 'rules', meaning: 'R12: who wins a field changed on both sides since the last session.', tenantSetting: true },
  VISIT_SYNC_TO: { group: 'rules', meaning: "R7: whose calendar a Visit created in C4C lands in: its organizer's or its owner's.", tenantSetting: true },
  SYNC_PRIVATE_RECURRING: { group: 'rules', meaning: 'R5: whether private recurring items sync (else they get the error category).', tenantSetting: true },
  DELETE_GUARD_LIMIT: { group: 'rules', meaning: 'Mass changes (cancels, deletes, untagging, error marks) beyond this many in one session are held.', tenantSetting: true },
  MASS_CHANGE_PERCENT: { group: 'rules', meaning: "Mass changes reaching this share of a mailbox's synced items (and at least 10) are held too; 0: off.", tenantSetting: true },
  CATEGORY_APPOINTMENT: { group: 'rules', meaning: 'R1: the category that syncs a calendar item as a C4C Appointment.', tenantSetting: true },
  CATEGORY_VISIT: { group: 'rules', meaning: 'R1: the category that syncs a calendar item as a C4C Visit.', tenantSetting: true },
  CATEGORY_ERROR: { group: 'rules', meaning: 'R9: the category an item that failed to sync gets (removed when it syncs again).', tenantSetting: true },
  CATEGORY_CONTACT: { group: 'rules', meaning: 'R14: the category of the Outlook copies of C4C contacts on a sync list (the contact family is not wired to sessions yet).', tenantSetting: true },
  CATEGORY_EMPLOYEE: { group: 'rules', meaning: 'R14: the category of the Outlook copies of C4C employees on a sync list (the contact family is not wired to sessions yet).', tenantSetting: true },
  CATEGORY_ACCOUNT: { group: 'rules', meaning: 'R14: the category of the Outlook copies of C4C accounts on a sync list (the contact family is not wired to sessions yet).', tenantSetting: true },
  CATEGORY_INDIVIDUAL_CUSTOMER: { group: 'rules', meaning: 'R14: the category of the Outlook copies of individual customers on a sync list (the contact family is not wired to sessions yet).', tenantSetting: true },
  CATEGORY_TASK: { group: 'rules', meaning: 'R13: the category that syncs a To Do task as a C4C Task.', tenantSetting: true },
  TASK_SYNC_SCOPE: { group: 'rules', meaning: 'R13: tagged = To Do tasks with CATEGORY_TASK; list = also every task of the TASK_LIST_NAME list.', tenantSetting: true },
  TASK_LIST_NAME: { group: 'rules', meaning: 'R13: the To Do list tasks assigned in C4C land in (found by name, created when missing).', tenantSetting: true },
  CONTACT_FOLDER_NAME: { group: 'rules', meaning: "R14: the contact folder of each mailbox the sync list's C4C records are kept in (found by name, created when missing; the user's own contacts are never touched).", tenantSetting: true },
  GOOGLE_USERS: { group: 'google', meaning: 'Users whose calendar is at Google (e-mail addresses, comma-separated); the others sync through Microsoft Graph.' },
  GOOGLE_DOMAINS: { group: 'google', meaning: 'Mail domains whose users are at Google (comma-separated), as well as GOOGLE_USERS.' },
  GOOGLE_SERVICE_ACCOUNT_KEY: { group: 'google', meaning: "The service account's key file as JSON (needs domain-wide delegation for the calendar scope); never logged." },
  GOOGLE_SERVICE_ACCOUNT_KEY_FILE: { group: 'google', meaning: "Path of the service account's key file (JSON); GOOGLE_SERVICE_ACCOUNT_KEY wins when both are set." },
  GOOGLE_API_ROOT_URL: { group: 'google', meaning: 'Root of the Google APIs (the Calendar API is at …/calendar/v3); the sandbox under npm start.' },
  GOOGLE_TOKEN_URL: { group: 'google', meaning: "Google's OAuth 2.0 token endpoint for the JWT-bearer grant; the sandbox's /token under npm start." },
  GOOGLE_CALENDAR_APPOINTMENTS: { group: 'google', meaning: 'R10: the name of the calendar whose events sync as C4C Appointments (created per Google user; a change renames them).', tenantSetting: true },
  GOOGLE_CALENDAR_VISITS: { group: 'google', meaning: 'R10: the name of the calendar whose events sync as C4C Visits (created per Google user; a change renames them).', tenantSetting: true },
};
