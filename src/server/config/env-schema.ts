// Every setting of the service, as the environment spells it, with its default and its rule. One zod schema;
// error messages name the variable (the issue path) and say what is wrong in words an operator can act on.
import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_CATEGORIES } from '../../shared/categories.js';
import { parseThingTypes } from '../../shared/c4c-ui-links.js';
import { PUBLISHED_SANDBOX_SECRETS } from './published-secrets.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const text = (what = 'text') => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be ${what}`) });
const required = () => text().min(1, 'is required');
const optional = () => text().optional();

function integer(defaultValue: number, min: number, max: number) {
  return z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(defaultValue);
}

function boolean(defaultValue: boolean) {
  return z
    .string()
    .transform((value, ctx) => {
      const lower = value.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(lower)) return true;
      if (['false', '0', 'no', 'off'].includes(lower)) return false;
      ctx.addIssue({ code: 'custom', message: 'must be true or false' });
      return z.NEVER;
    })
    .default(defaultValue);
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T, defaultValue: T[number]) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(defaultValue);
}

/** A URL; whether http is allowed depends on SANDBOX and is checked in `crossFieldRules`. */
function url(defaultValue?: string) {
  const base = text('a URL').refine((value) => URL.canParse(value), 'must be a URL such as https://example.com');
  return defaultValue === undefined ? base : base.default(defaultValue);
}

function categoryName(defaultValue: string) {
  return text().min(1, 'must not be empty').max(255, 'must be at most 255 characters').default(defaultValue);
}

/** proxy-addr's names for address ranges (loopback: 127.0.0.1/8 and ::1; linklocal; uniquelocal: private ranges). */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as fastify's `trustProxy` takes it: addresses, CIDR ranges and proxy-addr's range names; null when it
 * is none of these. Neither `true` (it trusts whatever a client writes into X-Forwarded-For) nor a hop count (this
 * fastify cannot check the hop it would trust, and trusts nobody for a number) is accepted.
 */
export function trustProxyOf(value: string): string[] | null {
  const parts = value.split(',').map((part) => part.trim());
  const valid = (part: string): boolean => {
    if (PROXY_RANGE_NAMES.has(part)) return true;
    const [address = '', bits, ...rest] = part.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  };
  return parts.length > 0 && parts.every(valid) ? parts : null;
}

/** A secret others must not guess: long enough to resist guessing. */
const webhookSecret = () => required().refine((value) => value.length >= 16, 'must be at least 16 characters long');

export const envSchema = z.object({
  ROLE: oneOf(['all', 'web', 'worker'], 'all'),
  SANDBOX: boolean(false),
  HOST: optional(),
  PORT: integer(3000, 0, 65535),
  PUBLIC_URL: url().optional(),
  BODY_LIMIT_BYTES: integer(1_048_576, 1024, 104_857_600),
  /**
   * The proxies whose X-Forwarded-For names the client address (the /api rate limit counts callers without a valid
   * token by it): their addresses and CIDR ranges, comma-separated (or loopback, linklocal, uniquelocal). Unset:
   * nobody's; the socket's address counts.
   */
  TRUST_PROXY: text()
    .refine((value) => trustProxyOf(value) !== null, 'must list the proxies\' addresses or CIDR ranges separated by commas, e.g. 10.0.0.5,10.1.0.0/16 (loopback, linklocal and uniquelocal name those ranges); trusting every hop would let any client choose its address')
    .optional(),
  /** /api requests per minute per signed-in user (counted by the token's `oid`). */
  API_RATE_LIMIT_PER_MINUTE: integer(600, 1, 1_000_000),
  /** /api requests per minute per client address without a valid token (one coarse bucket per address). */
  API_ANONYMOUS_RATE_LIMIT_PER_MINUTE: integer(120, 1, 1_000_000),
  DATA_DIR: text().min(1).default('.data'),
  DATABASE_URL: url().optional(),
  DATABASE_POOL_SIZE: integer(10, 1, 1000),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  /** `auto`: readable lines on a terminal, JSON otherwise; `pretty` or `json` to choose. */
  LOG_FORMAT: oneOf(['auto', 'pretty', 'json'], 'auto'),

  GRAPH_BASE_URL: url('https://graph.microsoft.com/v1.0'),
  GRAPH_AUTHORITY: url('https://login.microsoftonline.com'),
  TENANT_ID: required(),
  CLIENT_ID: required(),
  CLIENT_SECRET: required(),
  API_AUDIENCE: required(),
  /**
   * The client ids (comma-separated) whose tokens /api accepts: the add-in's app registration (the `azp` claim).
   * Unset: any app of the tenant that obtained a token for API_AUDIENCE with the access_as_user scope.
   */
  API_CLIENT_IDS: text()
    .regex(/^\s*[A-Za-z0-9-]{1,64}(\s*,\s*[A-Za-z0-9-]{1,64})*\s*$/, 'must list client ids (application ids) separated by commas')
    .optional(),
  ADDIN_ID: required(),
  GRAPH_WEBHOOK_CLIENT_STATE_SECRET: webhookSecret().refine((value) => value.length <= 128, 'must be at most 128 characters long'),
  /** The mailbox `npm run doctor` tries Graph's permissions on (id or address); unset: the first enrolled one. */
  DOCTOR_MAILBOX: text().min(1).max(320).optional(),

  C4C_BASE_URL: url(),
  C4C_USER: required(),
  C4C_PASSWORD: required(),
  /**
   * The user and password of C4C's Event Notification consumer (its "Edit Credentials", User ID and Password): C4C
   * sends them as HTTP Basic on every notification to /webhooks/c4c. Both or neither; required outside sandbox mode
   * (crossFieldIssues). The user is printable ASCII without spaces or colons (a colon ends the user in Basic).
   */
  C4C_WEBHOOK_USER: text()
    .regex(/^[!-9;-~]{1,120}$/, 'must be 1 to 120 printable characters without spaces or colons')
    .optional(),
  C4C_WEBHOOK_PASSWORD: text()
    .min(16, 'must be at least 16 characters long')
    .max(256, 'must be at most 256 characters long')
    .optional(),
  /** Origin of the C4C UI that "Open in SAP Cloud for Customer" links point to; default: C4C_BASE_URL's origin. */
  C4C_UI_URL: url().optional(),
  /** The C4C tenant signs users in with single sign-on: UI links carry `OBNRedirect=X`. */
  C4C_UI_SSO: boolean(false),
  /** Thing types of UI links that differ in this tenant: `type=THING_TYPE` pairs, comma-separated. */
  C4C_UI_THING_TYPES: text()
    .superRefine((value, ctx) => {
      const parsed = parseThingTypes(value);
      if ('error' in parsed) ctx.addIssue({ code: 'custom', message: `must be type=THING_TYPE pairs separated by commas (${parsed.error})` });
    })
    .optional(),
  /**
   * How the task pane's CRM search respects what the user may see in C4C (README, "Security"): `user` calls C4C as
   * the user (OAuth 2.0 SAML bearer assertion, Entra ID as identity provider: the C4C_OAUTH_* and C4C_SAML_ENTITY_ID
   * settings), so C4C applies their business role's restrictions; `owner` searches as the technical user, bounded to
   * the objects the user's employee owns or is responsible for.
   */
  C4C_SEARCH_AS: oneOf(['user', 'owner'], 'owner'),
  /** The OAuth 2.0 client registered in C4C (Administrator › OAuth 2.0 Client Registration) for C4C_SEARCH_AS=user. */
  C4C_OAUTH_CLIENT_ID: optional(),
  C4C_OAUTH_CLIENT_SECRET: optional(),
  /** C4C's OAuth 2.0 token endpoint; default `<origin of C4C_BASE_URL>/sap/bc/sec/oauth2/token`. */
  C4C_OAUTH_TOKEN_URL: url().optional(),
  /** The scope of the OAuth 2.0 client (C4C's OData API: UIWC:CC_HOME). */
  C4C_OAUTH_SCOPE: text().regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'must be OAuth scope names separated by spaces').default('UIWC:CC_HOME'),
  /**
   * C4C's SAML entity id: its SSO "local service provider" (e.g. HTTPS://MY000000-SSO.CRM.ONDEMAND.COM), the identifier
   * of C4C's enterprise application in Entra ID. The on-behalf-of request asks Entra ID for an assertion for it.
   */
  C4C_SAML_ENTITY_ID: optional(),

  /**
   * The secret each tenant's key for the sync state's keyed hashes is derived from (domain/state-digest.ts). Keep it
   * stable: with a new one, every synced field looks changed on both sides once, and the conflict winner decides.
   */
  STATE_DIGEST_SECRET: required().refine((value) => value.length >= 32, 'must be at least 32 characters long'),

  SYNC_INTERVAL_MINUTES: integer(30, 1, 1440),
  /** Seconds a mailbox session may run before the queue takes it back and retries it (a crashed worker's session). */
  SESSION_EXPIRE_SECONDS: integer(900, 5, 86_400),
  /** A running session's worker reports every half of this; silent this long (the process died) = retried elsewhere. */
  SESSION_HEARTBEAT_SECONDS: integer(30, 10, 3600),
  /**
   * How often the queue refreshes its view of running sessions and looks for expired or silent ones: a mailbox
   * whose session had just ended may wait up to about twice this long for its next one (insta-sync latency).
   */
  QUEUE_SUPERVISE_SECONDS: integer(1, 1, 3600),
  SYNC_WINDOW_DAYS_BACK: integer(30, 0, 3650),
  SYNC_WINDOW_DAYS_AHEAD: integer(180, 1, 3650),
  CONFLICT_WINNER: oneOf(['outlook', 'crm'], 'outlook'),
  VISIT_SYNC_TO: oneOf(['organizer', 'owner'], 'organizer'),
  SYNC_PRIVATE_RECURRING: boolean(false),
  DELETE_GUARD_LIMIT: integer(25, 0, 100_000),
  /** Mass changes reaching this percentage of a mailbox's synced items (and at least 10) are held too; 0 = off. */
  MASS_CHANGE_PERCENT: integer(80, 0, 100),
  /**
   * Days the service keeps sync log entries, closed pairs, decided holds and stale in-flight records (write
   * intents, pending creates, inbox entries); older ones are deleted by a daily job (jobs/retention.ts).
   */
  RETENTION_DAYS: integer(90, 1, 3650),
  /** The app role (Entra `roles` claim) that admits a caller to the admin routes, e.g. erasing a mailbox. */
  ADMIN_ROLE: text()
    .regex(/^[A-Za-z0-9._-]{1,120}$/, 'must be an app role value (letters, digits, dots, dashes, underscores), e.g. CrmSync.Admin')
    .default('CrmSync.Admin'),
  /** The folder of the add-in build (webpack's output) the admin console page (/admin/) is served from. */
  ADMIN_PAGE_DIR: text().min(1).max(1000).default('dist/addin'),

  CATEGORY_APPOINTMENT: categoryName(DEFAULT_CATEGORIES.appointment),
  CATEGORY_VISIT: categoryName(DEFAULT_CATEGORIES.visit),
  CATEGORY_ERROR: categoryName(DEFAULT_CATEGORIES.error),
  CATEGORY_CONTACT: categoryName(DEFAULT_CATEGORIES.contact),
  CATEGORY_EMPLOYEE: categoryName(DEFAULT_CATEGORIES.employee),
  CATEGORY_ACCOUNT: categoryName(DEFAULT_CATEGORIES.account),
  CATEGORY_INDIVIDUAL_CUSTOMER: categoryName(DEFAULT_CATEGORIES.individualCustomer),
  /** R13: the category that makes a To Do task sync (by default the appointments' one, as SSI does). */
  CATEGORY_TASK: categoryName(DEFAULT_CATEGORIES.task),
  /** The item families the service syncs, comma-separated: calendar, tasks, contacts. */
  SYNC_FAMILIES: text()
    .regex(/^\s*(calendar|tasks|contacts)(\s*,\s*(calendar|tasks|contacts))*\s*$/, 'must list item families separated by commas: calendar, tasks, contacts')
    .default('calendar,tasks'),
  /** R13: `tagged` syncs To Do tasks with the task category; `list` also every task of the TASK_LIST_NAME list. */
  TASK_SYNC_SCOPE: oneOf(['tagged', 'list'], 'tagged'),
  /** The To Do list tasks made in C4C land in (found by name or created). With TASK_SYNC_SCOPE=list, all of it syncs. */
  TASK_LIST_NAME: categoryName('SAP Cloud for Customer'),
  /** R14: the sync list's admin rule: `owned-account-contacts` adds the contacts of the accounts a user owns or is in the team of. */
  SYNC_LIST_RULE: oneOf(['off', 'owned-account-contacts'], 'off'),
  /** R14: the contact folder the sync list's C4C records are kept in (found by name or created). */
  CONTACT_FOLDER_NAME: categoryName('SAP Cloud for Customer'),

  /** R10: users whose calendar is at Google: e-mail addresses, comma-separated (explicit enrolment). */
  GOOGLE_USERS: text()
    .regex(/^\s*([^\s,@]+@[^\s,@]+)?(\s*,\s*[^\s,@]+@[^\s,@]+)*\s*$/, 'must list e-mail addresses separated by commas')
    .default(''),
  /** R10: mail domains whose users' calendars are at Google, comma-separated (every user of the domain). */
  GOOGLE_DOMAINS: text()
    .regex(/^\s*([a-z0-9.-]+\.[a-z]{2,})?(\s*,\s*[a-z0-9.-]+\.[a-z]{2,})*\s*$/i, 'must list mail domains separated by commas, e.g. example.com')
    .default(''),
  /** The service account's key file, as JSON (the whole file Google hands out); or name the file with the next setting. */
  GOOGLE_SERVICE_ACCOUNT_KEY: text().min(2).optional(),
  /** Path of the service account's key file (JSON). */
  GOOGLE_SERVICE_ACCOUNT_KEY_FILE: text().min(1).optional(),
  GOOGLE_API_ROOT_URL: url('https://www.googleapis.com/'),
  GOOGLE_TOKEN_URL: url('https://oauth2.googleapis.com/token'),
  /** R10: the names of the two calendars the service creates for a Google user. */
  GOOGLE_CALENDAR_APPOINTMENTS: categoryName('SAP Appointments'),
  GOOGLE_CALENDAR_VISITS: categoryName('SAP Visits'),
});

export type EnvSettings = z.infer<typeof envSchema>;
export type EnvName = keyof EnvSettings;
export const ENV_NAMES = Object.keys(envSchema.shape) as EnvName[];

/** Names whose values are secrets (never printed; wrapped in Secret in the Config). */
export const SECRET_ENV_NAMES: readonly EnvName[] = [
  'CLIENT_SECRET',
  'C4C_PASSWORD',
  'C4C_WEBHOOK_PASSWORD',
  'C4C_OAUTH_CLIENT_SECRET',
  'GRAPH_WEBHOOK_CLIENT_STATE_SECRET',
  'STATE_DIGEST_SECRET',
  'DATABASE_URL',
  'GOOGLE_SERVICE_ACCOUNT_KEY',
];

/**
 * Settings the service no longer reads, with what to do instead. Set anyway (environment or CONFIG_FILE), they stop
 * the start: a deployment that relied on one must learn that it changed.
 */
export const RETIRED_SETTINGS: Readonly<Record<string, string>> = {
  C4C_WEBHOOK_SECRET:
    "is retired: C4C's Event Notification cannot send a shared-secret header; set C4C_WEBHOOK_USER and C4C_WEBHOOK_PASSWORD to the user and password of its consumer instead",
  C4C_WEBHOOK_SECRET_HEADER:
    "is retired: C4C's Event Notification cannot send a custom header; it authenticates with HTTP Basic (C4C_WEBHOOK_USER, C4C_WEBHOOK_PASSWORD)",
};

export interface SettingIssue {
  name: string;
  message: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The value of one setting as the schema reads it (default applied), or undefined when it is itself invalid. */
function field<N extends EnvName>(raw: Record<string, string | undefined>, name: N): EnvSettings[N] | undefined {
  const parsed = envSchema.shape[name].safeParse(raw[name]);
  return parsed.success ? (parsed.data as EnvSettings[N]) : undefined;
}

/**
 * Remote endpoints must use https. In sandbox mode the local stand-ins run on plain http on this machine, so
 * http is allowed there, for loopback hosts only.
 */
function endpointIssue(name: EnvName, value: string | undefined, sandbox: boolean): SettingIssue | null {
  if (value === undefined || !URL.canParse(value)) return null;
  const { protocol, hostname } = new URL(value);
  if (protocol === 'https:') return null;
  if (sandbox && protocol === 'http:' && LOOPBACK_HOSTS.has(hostname)) return null;
  return { name, message: 'must be an https URL (or http://127.0.0.1… in sandbox mode)' };
}

/**
 * Rules that involve several settings. They run on the raw values even when other settings are invalid, so that
 * one start-up attempt reports every problem.
 */
export function crossFieldIssues(raw: Record<string, string | undefined>): SettingIssue[] {
  const issues: SettingIssue[] = [];
  const sandbox = field(raw, 'SANDBOX') ?? false;
  if (field(raw, 'C4C_SEARCH_AS') === 'user') {
    for (const name of ['C4C_OAUTH_CLIENT_ID', 'C4C_OAUTH_CLIENT_SECRET', 'C4C_SAML_ENTITY_ID'] as const) {
      if (raw[name] === undefined) issues.push({ name, message: 'is required with C4C_SEARCH_AS=user (the CRM search calls C4C as the user through this OAuth 2.0 client and SAML application)' });
    }
  }
  for (const name of ['GRAPH_BASE_URL', 'GRAPH_AUTHORITY', 'C4C_BASE_URL', 'C4C_OAUTH_TOKEN_URL', 'C4C_UI_URL', 'PUBLIC_URL', 'GOOGLE_API_ROOT_URL', 'GOOGLE_TOKEN_URL'] as const) {
    const issue = endpointIssue(name, field(raw, name), sandbox);
    if (issue) issues.push(issue);
  }
  if (raw.PUBLIC_URL === undefined && !sandbox) {
    issues.push({
      name: 'PUBLIC_URL',
      message: 'is required outside sandbox mode (the https address Graph and C4C send change notifications to)',
    });
  }
  issues.push(...c4cWebhookIssues(raw, sandbox));
  const googleEnrolled = (field(raw, 'GOOGLE_USERS') ?? '').trim() !== '' || (field(raw, 'GOOGLE_DOMAINS') ?? '').trim() !== '';
  if (googleEnrolled && raw.GOOGLE_SERVICE_ACCOUNT_KEY === undefined && raw.GOOGLE_SERVICE_ACCOUNT_KEY_FILE === undefined) {
    issues.push({ name: 'GOOGLE_SERVICE_ACCOUNT_KEY', message: 'is required (or GOOGLE_SERVICE_ACCOUNT_KEY_FILE) when GOOGLE_USERS or GOOGLE_DOMAINS enrol Google users' });
  }
  if (!sandbox) {
    for (const name of SECRET_ENV_NAMES) {
      const value = raw[name];
      if (value !== undefined && PUBLISHED_SANDBOX_SECRETS.has(value)) {
        issues.push({ name, message: 'is the sandbox\'s published demo value, which anyone can read; set a secret of your own (the sandbox values work only with SANDBOX=true)' });
      }
    }
  }
  const databaseUrl = field(raw, 'DATABASE_URL');
  if (databaseUrl !== undefined) {
    const { protocol } = new URL(databaseUrl);
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      issues.push({ name: 'DATABASE_URL', message: 'must be a postgres:// or postgresql:// URL' });
    }
  }
  const role = field(raw, 'ROLE');
  if (role !== undefined && role !== 'all' && raw.DATABASE_URL === undefined) {
    issues.push({
      name: 'ROLE',
      message: `"${role}" needs DATABASE_URL: separate web and worker processes share a PostgreSQL server (the embedded database serves one process only)`,
    });
  }
  const appointment = field(raw, 'CATEGORY_APPOINTMENT')?.toLowerCase();
  const visit = field(raw, 'CATEGORY_VISIT')?.toLowerCase();
  const error = field(raw, 'CATEGORY_ERROR')?.toLowerCase();
  if (appointment !== undefined && appointment === visit) {
    issues.push({ name: 'CATEGORY_VISIT', message: 'must differ from CATEGORY_APPOINTMENT' });
  }
  if (error !== undefined && (error === appointment || error === visit)) {
    issues.push({ name: 'CATEGORY_ERROR', message: 'must differ from CATEGORY_APPOINTMENT and CATEGORY_VISIT' });
  }
  // R10: the calendar stands for the kind; two calendars of one name could not be told apart by the user.
  const googleAppointments = field(raw, 'GOOGLE_CALENDAR_APPOINTMENTS')?.trim().toLowerCase();
  if (googleAppointments !== undefined && googleAppointments === field(raw, 'GOOGLE_CALENDAR_VISITS')?.trim().toLowerCase()) {
    issues.push({ name: 'GOOGLE_CALENDAR_VISITS', message: 'must differ from GOOGLE_CALENDAR_APPOINTMENTS' });
  }
  return issues;
}

/**
 * /webhooks/c4c must not be open in a real deployment: outside sandbox mode both credentials are required (C4C's
 * consumer then authenticates with "User ID and Password"). In sandbox mode they may be left out together, and the
 * route accepts notifications unauthenticated, as a consumer with authentication "None" is called.
 */
function c4cWebhookIssues(raw: Record<string, string | undefined>, sandbox: boolean): SettingIssue[] {
  const user = raw.C4C_WEBHOOK_USER !== undefined;
  const password = raw.C4C_WEBHOOK_PASSWORD !== undefined;
  if (!sandbox) {
    const why = "outside sandbox mode: the credentials C4C's Event Notification consumer sends to /webhooks/c4c (without them anyone could post notifications)";
    return [
      ...(user ? [] : [{ name: 'C4C_WEBHOOK_USER', message: `is required ${why}` }]),
      ...(password ? [] : [{ name: 'C4C_WEBHOOK_PASSWORD', message: `is required ${why}` }]),
    ];
  }
  if (user && !password) return [{ name: 'C4C_WEBHOOK_PASSWORD', message: 'must be set together with C4C_WEBHOOK_USER' }];
  if (password && !user) return [{ name: 'C4C_WEBHOOK_USER', message: 'must be set together with C4C_WEBHOOK_PASSWORD' }];
  return [];
}
