// Reads the settings from the environment (and an optional JSON file), validates them all at once and turns them
// into the typed Config the composition root passes around.
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { CategorySettings } from '../../shared/categories.js';
import { c4cUiOrigin, parseThingTypes, type C4cUiSettings } from '../../shared/c4c-ui-links.js';
import type { SyncSettings } from '../domain/settings.js';
import { crossFieldIssues, envSchema, ENV_NAMES, RETIRED_SETTINGS, trustProxyOf, type EnvSettings, type SettingIssue } from './env-schema.js';
import { Secret } from './secret.js';
import { TENANT_SETTING_NAMES, type TenantSettingName } from './tenant-settings.js';

export type Role = EnvSettings['ROLE'];
export type LogLevel = EnvSettings['LOG_LEVEL'];

export interface Config {
  role: Role;
  /** Talk to the local stand-ins of Graph/C4C/Google over http on 127.0.0.1 (npm start). */
  sandbox: boolean;
  http: {
    host: string;
    port: number;
    publicUrl: string;
    bodyLimitBytes: number;
    /** Proxies trusted to name the client address (TRUST_PROXY): their addresses and ranges, or none. */
    trustProxy: false | string[];
    /** /api requests per minute per signed-in user, and per client address for callers without a valid token. */
    rateLimits: { perUserPerMinute: number; anonymousPerAddressPerMinute: number };
  };
  /** Embedded PGlite in `dataDir` unless `databaseUrl` names a PostgreSQL server. */
  store: { dataDir: string; databaseUrl: Secret | null; poolSize: number };
  logLevel: LogLevel;
  /** How logs are written: readable lines on a terminal, JSON for pipelines (log/console-lines.ts). */
  logFormat: 'auto' | 'pretty' | 'json';
  graph: {
    baseUrl: string;
    authority: string;
    tenantId: string;
    clientId: string;
    clientSecret: Secret;
    webhookClientStateSecret: Secret;
  };
  /**
   * The task pane's tokens: their audience, the client apps they may be issued to (empty: any), and the add-in id of
   * the `cecp-<id>` custom properties; the app role an admin's token must carry for the admin routes.
   */
  api: { audience: string; addinId: string; adminRole: string; clientIds: string[]; /** The add-in build the /admin/ page is served from (absolute). */ adminPageDir: string };
  c4c: {
    baseUrl: string;
    user: string;
    password: Secret;
    /** HTTP Basic credentials C4C's Event Notification consumer sends; null only in sandbox mode (no authentication). */
    webhook: { user: string; password: Secret } | null;
    /** Where "Open in SAP Cloud for Customer" links point (the C4C UI, not the OData API). */
    ui: C4cUiSettings;
    search: C4cSearchConfig;
  };
  /** The secret the keyed hashes of the sync state are derived from (no item content at rest, docs/privacy.md). */
  privacy: { stateDigestSecret: Secret };
  /** The job queue: when a session counts as abandoned (too long, or its worker went silent) and how often that is checked. */
  queue: { sessionExpireSeconds: number; sessionHeartbeatSeconds: number; superviseSeconds: number };
  sync: {
    intervalMinutes: number;
    /**
     * The R-settings as the environment gives them: they seed the database at the first start (and fill settings a
     * newer version adds); afterwards the database is the source of truth (config/tenant-settings.ts).
     */
    defaults: SyncSettings;
    /** Which R-settings the environment (or CONFIG_FILE) sets explicitly: those are compared with the stored ones. */
    setInEnvironment: TenantSettingName[];
    /** The item families this service syncs (domain/family.ts). */
    families: SyncFamilyName[];
    /** R14's admin rule (SYNC_LIST_RULE): which records the service adds to every user's sync list by itself. */
    listRule: EnvSettings['SYNC_LIST_RULE'];
  };
  /** Days old rows are kept (jobs/retention.ts). */
  retention: { days: number };
  /** `npm run doctor`: the mailbox it tries Graph's permissions on (null: the first enrolled one). */
  doctor: { mailbox: string | null };
  /** R10: which users are at Google, and how the service reaches Google Calendar (service account, delegation). */
  google: GoogleConfig;
}

export interface GoogleConfig {
  /** Lower-case e-mail addresses enrolled as Google users. */
  users: string[];
  /** Lower-case mail domains whose users are at Google. */
  domains: string[];
  /** The service account's key file: its JSON (a secret), or where it is; null when neither is set. */
  key: { json: Secret } | { file: string } | null;
  apiRootUrl: string;
  tokenUrl: string;
}

/**
 * How the CRM search respects the user's C4C access (C4C_SEARCH_AS): as the user through C4C's OAuth 2.0 SAML bearer
 * flow, or as the technical user bounded to the user's own objects.
 */
export type C4cSearchConfig =
  | { as: 'owner' }
  | { as: 'user'; oauthClientId: string; oauthClientSecret: Secret; tokenUrl: string; scope: string; samlEntityId: string };

export class ConfigError extends Error {
  constructor(readonly issues: readonly SettingIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`Invalid configuration (${count}):\n${issues.map((i) => `  - ${i.name}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type RawSettings = Record<string, string | undefined>;

export type SyncFamilyName = 'calendar' | 'tasks' | 'contacts';

function readConfigFile(path: string, issues: SettingIssue[]): RawSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    issues.push({ name: 'CONFIG_FILE', message: `cannot read ${path}: ${reason}` });
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    issues.push({ name: 'CONFIG_FILE', message: `${path} must hold a JSON object of settings, e.g. {"PORT": 3000}` });
    return {};
  }
  const known = new Set<string>(ENV_NAMES);
  const raw: RawSettings = {};
  for (const [name, value] of Object.entries(parsed)) {
    const retired = RETIRED_SETTINGS[name];
    if (retired) issues.push({ name, message: `${retired} (in ${path})` });
    else if (!known.has(name)) issues.push({ name: 'CONFIG_FILE', message: `unknown setting "${name}" in ${path}` });
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') raw[name] = String(value);
    else issues.push({ name, message: `must be a string, number or boolean in ${path}` });
  }
  return raw;
}

/** File values, then environment values on top; blank values count as unset. */
function collect(env: Readonly<RawSettings>, file: string | undefined, issues: SettingIssue[]): RawSettings {
  const raw = file ? readConfigFile(file, issues) : {};
  for (const [name, message] of Object.entries(RETIRED_SETTINGS)) {
    if (env[name]?.trim()) issues.push({ name, message });
  }
  for (const name of ENV_NAMES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') raw[name] = value;
  }
  for (const [name, value] of Object.entries(raw)) {
    const trimmed = value?.trim();
    raw[name] = trimmed === '' ? undefined : trimmed;
  }
  return raw;
}

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

function uiSettings(s: EnvSettings): C4cUiSettings {
  const parsed = parseThingTypes(s.C4C_UI_THING_TYPES ?? '');
  return {
    origin: c4cUiOrigin(s.C4C_UI_URL ?? s.C4C_BASE_URL),
    sso: s.C4C_UI_SSO,
    thingTypes: 'thingTypes' in parsed ? parsed.thingTypes : {},
  };
}

function toConfig(s: EnvSettings, setInEnvironment: TenantSettingName[]): Config {
  const categories: CategorySettings = {
    appointment: s.CATEGORY_APPOINTMENT,
    visit: s.CATEGORY_VISIT,
    error: s.CATEGORY_ERROR,
    contact: s.CATEGORY_CONTACT,
    employee: s.CATEGORY_EMPLOYEE,
    account: s.CATEGORY_ACCOUNT,
    individualCustomer: s.CATEGORY_INDIVIDUAL_CUSTOMER,
    task: s.CATEGORY_TASK,
  };
  return {
    role: s.ROLE,
    sandbox: s.SANDBOX,
    http: {
      host: s.HOST ?? (s.SANDBOX ? '127.0.0.1' : '0.0.0.0'),
      port: s.PORT,
      publicUrl: withoutTrailingSlash(s.PUBLIC_URL ?? `http://127.0.0.1:${s.PORT}`),
      bodyLimitBytes: s.BODY_LIMIT_BYTES,
      trustProxy: s.TRUST_PROXY === undefined ? false : (trustProxyOf(s.TRUST_PROXY) ?? false),
      rateLimits: { perUserPerMinute: s.API_RATE_LIMIT_PER_MINUTE, anonymousPerAddressPerMinute: s.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE },
    },
    store: {
      dataDir: s.DATA_DIR,
      databaseUrl: s.DATABASE_URL === undefined ? null : new Secret(s.DATABASE_URL),
      poolSize: s.DATABASE_POOL_SIZE,
    },
    logLevel: s.LOG_LEVEL,
    logFormat: s.LOG_FORMAT,
    graph: {
      baseUrl: withoutTrailingSlash(s.GRAPH_BASE_URL),
      authority: withoutTrailingSlash(s.GRAPH_AUTHORITY),
      tenantId: s.TENANT_ID,
      clientId: s.CLIENT_ID,
      clientSecret: new Secret(s.CLIENT_SECRET),
      webhookClientStateSecret: new Secret(s.GRAPH_WEBHOOK_CLIENT_STATE_SECRET),
    },
    api: {
      audience: s.API_AUDIENCE,
      addinId: s.ADDIN_ID,
      adminRole: s.ADMIN_ROLE,
      adminPageDir: resolvePath(s.ADMIN_PAGE_DIR),
      clientIds: (s.API_CLIENT_IDS ?? '').split(',').map((id) => id.trim()).filter((id) => id !== ''),
    },
    c4c: {
      baseUrl: withoutTrailingSlash(s.C4C_BASE_URL),
      user: s.C4C_USER,
      password: new Secret(s.C4C_PASSWORD),
      webhook:
        s.C4C_WEBHOOK_USER !== undefined && s.C4C_WEBHOOK_PASSWORD !== undefined
          ? { user: s.C4C_WEBHOOK_USER, password: new Secret(s.C4C_WEBHOOK_PASSWORD) }
          : null,
      ui: uiSettings(s),
      search:
        s.C4C_SEARCH_AS === 'user'
          ? {
              as: 'user',
              oauthClientId: s.C4C_OAUTH_CLIENT_ID ?? '',
              oauthClientSecret: new Secret(s.C4C_OAUTH_CLIENT_SECRET ?? ''),
              tokenUrl: s.C4C_OAUTH_TOKEN_URL ?? `${new URL(s.C4C_BASE_URL).origin}/sap/bc/sec/oauth2/token`,
              scope: s.C4C_OAUTH_SCOPE,
              samlEntityId: s.C4C_SAML_ENTITY_ID ?? '',
            }
          : { as: 'owner' },
    },
    privacy: { stateDigestSecret: new Secret(s.STATE_DIGEST_SECRET) },
    queue: {
      sessionExpireSeconds: s.SESSION_EXPIRE_SECONDS,
      sessionHeartbeatSeconds: s.SESSION_HEARTBEAT_SECONDS,
      superviseSeconds: s.QUEUE_SUPERVISE_SECONDS,
    },
    sync: {
      intervalMinutes: s.SYNC_INTERVAL_MINUTES,
      defaults: {
        categories,
        conflictWinner: s.CONFLICT_WINNER,
        visitSyncTo: s.VISIT_SYNC_TO,
        syncPrivateRecurring: s.SYNC_PRIVATE_RECURRING,
        deleteGuardLimit: s.DELETE_GUARD_LIMIT,
        massChangeShare: s.MASS_CHANGE_PERCENT / 100,
        window: { daysBack: s.SYNC_WINDOW_DAYS_BACK, daysAhead: s.SYNC_WINDOW_DAYS_AHEAD },
        intervalMinutes: s.SYNC_INTERVAL_MINUTES,
        tasks: { scope: s.TASK_SYNC_SCOPE, listName: s.TASK_LIST_NAME },
        contacts: { folderName: s.CONTACT_FOLDER_NAME },
        google: { calendarNames: { appointment: s.GOOGLE_CALENDAR_APPOINTMENTS, visit: s.GOOGLE_CALENDAR_VISITS } },
      },
      setInEnvironment,
      families: [...new Set(s.SYNC_FAMILIES.split(',').map((f) => f.trim() as SyncFamilyName))],
      listRule: s.SYNC_LIST_RULE,
    },
    retention: { days: s.RETENTION_DAYS },
    doctor: { mailbox: s.DOCTOR_MAILBOX ?? null },
    google: {
      users: listOf(s.GOOGLE_USERS),
      domains: listOf(s.GOOGLE_DOMAINS),
      key: s.GOOGLE_SERVICE_ACCOUNT_KEY !== undefined ? { json: new Secret(s.GOOGLE_SERVICE_ACCOUNT_KEY) } : s.GOOGLE_SERVICE_ACCOUNT_KEY_FILE !== undefined ? { file: s.GOOGLE_SERVICE_ACCOUNT_KEY_FILE } : null,
      apiRootUrl: s.GOOGLE_API_ROOT_URL,
      tokenUrl: s.GOOGLE_TOKEN_URL,
    },
  };
}

/** A comma-separated list, trimmed, lower-case, without blanks. */
function listOf(value: string): string[] {
  return [...new Set(value.split(',').map((v) => v.trim().toLowerCase()).filter((v) => v !== ''))];
}

/**
 * Validates every setting and returns the Config, or throws a ConfigError that lists every problem (one line per
 * setting: its name and what is wrong; never its value). `file` (default: env.CONFIG_FILE) is a JSON object keyed
 * by the same names; the environment wins over it. `npm start` passes SANDBOX=true unless told otherwise.
 */
export function loadConfig(env: Readonly<RawSettings> = process.env, file: string | undefined = env.CONFIG_FILE): Config {
  const issues: SettingIssue[] = [];
  const raw = collect(env, file?.trim() || undefined, issues);
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push({ name: String(issue.path[0] ?? 'settings'), message: issue.message });
  }
  issues.push(...crossFieldIssues(raw));
  if (issues.length > 0 || !parsed.success) throw new ConfigError(orderByName(issues));
  return toConfig(parsed.data, TENANT_SETTING_NAMES.filter((name) => raw[name] !== undefined));
}

/** One line per setting and message, in the order the settings are declared (CONFIG_FILE first). */
function orderByName(issues: SettingIssue[]): SettingIssue[] {
  const rank = (name: string): number => (name === 'CONFIG_FILE' ? -1 : ENV_NAMES.indexOf(name as (typeof ENV_NAMES)[number]));
  const seen = new Set<string>();
  return issues
    .filter((issue) => {
      const key = `${issue.name}\u0000${issue.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => rank(a.name) - rank(b.name));
}
