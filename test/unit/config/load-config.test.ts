// Configuration: defaults, validation messages that name the setting, secrets that never print.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError, loadConfig, redactedConfig, Secret, type Config } from '../../../src/server/config/index.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../src/server/domain/settings.js';
import { PUBLISHED_SANDBOX_SECRETS } from '../../../src/server/config/published-secrets.js';
import { DEMO_TENANT } from '../../../src/sandbox/common/demo-tenant.js';
import { SANDBOX_WEBHOOK_SECRETS, sandboxServiceEnv } from '../../../src/sandbox/service-env.js';

/** A complete production environment. */
const PRODUCTION: Record<string, string> = {
  PUBLIC_URL: 'https://sync.contoso.example/',
  TENANT_ID: '7f0c1c2e-3b1a-4c55-9a7e-5d1f00c4c001',
  CLIENT_ID: 'b5a1d2c3-0000-4000-8000-00000000a001',
  CLIENT_SECRET: 'graph-client-secret-value',
  API_AUDIENCE: 'api://sync.contoso.example/b5a1d2c3',
  ADDIN_ID: '4a2d8f6e-9c1b-4e7a-8d3f-2b6c5e1a0c4c',
  GRAPH_WEBHOOK_CLIENT_STATE_SECRET: 'client-state-secret-0123456789',
  C4C_BASE_URL: 'https://my000000.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/',
  C4C_USER: 'SYNC_TECH_USER',
  C4C_PASSWORD: 'c4c-password-value',
  C4C_WEBHOOK_USER: 'C4C_EVENTS',
  C4C_WEBHOOK_PASSWORD: 'c4c-webhook-password-0123456789',
  STATE_DIGEST_SECRET: 'state-digest-secret-0123456789abcdef',
};

/** The same against the local stand-ins. */
const SANDBOX: Record<string, string> = {
  ...PRODUCTION,
  SANDBOX: 'true',
  PUBLIC_URL: '',
  GRAPH_BASE_URL: 'http://127.0.0.1:4010/v1.0',
  GRAPH_AUTHORITY: 'http://localhost:4010',
  C4C_BASE_URL: 'http://127.0.0.1:4020/sap/c4c/odata/v1/c4codataapi',
};

function problems(env: Record<string, string | undefined>, file?: string): string[] {
  try {
    loadConfig(env, file);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.name}: ${i.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills in the documented defaults', () => {
    const config = loadConfig(PRODUCTION);
    expect(config).toMatchObject({
      role: 'all',
      sandbox: false,
      http: { host: '0.0.0.0', port: 3000, publicUrl: 'https://sync.contoso.example', bodyLimitBytes: 1_048_576 },
      store: { dataDir: '.data', databaseUrl: null, poolSize: 10 },
      logLevel: 'info',
      graph: { baseUrl: 'https://graph.microsoft.com/v1.0', authority: 'https://login.microsoftonline.com', tenantId: PRODUCTION.TENANT_ID },
      c4c: { baseUrl: 'https://my000000.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi', user: 'SYNC_TECH_USER' },
      sync: { intervalMinutes: 30, defaults: DEFAULT_SYNC_SETTINGS },
      retention: { days: 90 },
    });
    expect(config.api.adminRole).toBe('CrmSync.Admin');
    expect(loadConfig({ ...PRODUCTION, RETENTION_DAYS: '30', ADMIN_ROLE: 'Sync.Operator' })).toMatchObject({ retention: { days: 30 }, api: { adminRole: 'Sync.Operator' } });
    expect(config.graph.clientSecret.reveal()).toBe('graph-client-secret-value');
    expect(config.c4c.password.reveal()).toBe('c4c-password-value');
  });

  it("points C4C links at the UI host: C4C_BASE_URL's origin by default, or C4C_UI_URL, with SSO and thing types", () => {
    expect(loadConfig(PRODUCTION).c4c.ui).toEqual({ origin: 'https://my000000.crm.ondemand.com', sso: false, thingTypes: {} });
    const ui = loadConfig({ ...PRODUCTION, C4C_UI_URL: 'https://crm.contoso.example/some/path', C4C_UI_SSO: 'true', C4C_UI_THING_TYPES: 'visit=Z_VISIT_TT' }).c4c.ui;
    expect(ui).toEqual({ origin: 'https://crm.contoso.example', sso: true, thingTypes: { visit: 'Z_VISIT_TT' } });
  });

  it('reads every tunable setting', () => {
    const config = loadConfig({
      ...PRODUCTION,
      ROLE: 'worker',
      DATABASE_URL: 'postgres://sync:pw@db.internal:5432/sync',
      DATABASE_POOL_SIZE: '25',
      PORT: '8080',
      HOST: '10.0.0.5',
      LOG_LEVEL: 'debug',
      SYNC_INTERVAL_MINUTES: '15',
      SYNC_WINDOW_DAYS_BACK: '7',
      SYNC_WINDOW_DAYS_AHEAD: '90',
      CONFLICT_WINNER: 'crm',
      VISIT_SYNC_TO: 'owner',
      SYNC_PRIVATE_RECURRING: 'yes',
      DELETE_GUARD_LIMIT: '0',
      CATEGORY_APPOINTMENT: 'CRM',
      CATEGORY_VISIT: 'Kundenbesuch',
      CONTACT_FOLDER_NAME: 'CRM-Kontakte',
      BODY_LIMIT_BYTES: '65536',
    });
    expect(config.role).toBe('worker');
    expect(config.store.databaseUrl?.reveal()).toBe('postgres://sync:pw@db.internal:5432/sync');
    expect(config.store.poolSize).toBe(25);
    expect(config.http).toEqual({ host: '10.0.0.5', port: 8080, publicUrl: 'https://sync.contoso.example', bodyLimitBytes: 65536, trustProxy: false, rateLimits: { perUserPerMinute: 600, anonymousPerAddressPerMinute: 120 } });
    expect(config.logLevel).toBe('debug');
    expect(config.sync.intervalMinutes).toBe(15);
    expect(config.sync.defaults).toEqual({
      ...DEFAULT_SYNC_SETTINGS,
      categories: { ...DEFAULT_SYNC_SETTINGS.categories, appointment: 'CRM', visit: 'Kundenbesuch' },
      conflictWinner: 'crm',
      visitSyncTo: 'owner',
      syncPrivateRecurring: true,
      deleteGuardLimit: 0,
      window: { daysBack: 7, daysAhead: 90 },
      // SYNC_INTERVAL_MINUTES is a tenant setting too: it seeds the stored settings the scheduler reads.
      intervalMinutes: 15,
      contacts: { folderName: 'CRM-Kontakte' },
    });
  });

  it("reads the sync list's admin rule: off unless named, and only the rules there are", () => {
    expect(loadConfig(PRODUCTION).sync.listRule).toBe('off');
    expect(loadConfig({ ...PRODUCTION, SYNC_LIST_RULE: 'owned-account-contacts' }).sync.listRule).toBe('owned-account-contacts');
    expect(() => loadConfig({ ...PRODUCTION, SYNC_LIST_RULE: 'everything' })).toThrow(/SYNC_LIST_RULE/);
  });

  it('accepts loopback http endpoints in sandbox mode and defaults the public URL and host to loopback', () => {
    const config = loadConfig({ ...SANDBOX, PORT: '3100' });
    expect(config.sandbox).toBe(true);
    expect(config.graph.baseUrl).toBe('http://127.0.0.1:4010/v1.0');
    expect(config.http.publicUrl).toBe('http://127.0.0.1:3100');
    expect(config.http.host).toBe('127.0.0.1');
  });

  it('lists every problem at once, naming the setting and never echoing a secret', () => {
    const error = (() => {
      try {
        loadConfig({ ...PRODUCTION, CLIENT_SECRET: '', C4C_PASSWORD: undefined, PORT: 'eighty', GRAPH_AUTHORITY: 'http://login.example', C4C_WEBHOOK_PASSWORD: 'short' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues.map((i) => `${i.name}: ${i.message}`)).toEqual([
      'PORT: must be a number',
      'GRAPH_AUTHORITY: must be an https URL (or http://127.0.0.1… in sandbox mode)',
      'CLIENT_SECRET: is required',
      'C4C_PASSWORD: is required',
      'C4C_WEBHOOK_PASSWORD: must be at least 16 characters long',
    ]);
    expect(error.message).toMatch(/^Invalid configuration \(5 problems\):\n {2}- PORT: must be a number\n/);
    expect(error.message).not.toContain('short');
  });

  it.each([
    [{ ROLE: 'both' }, 'ROLE: must be one of all, web, worker'],
    [{ PORT: '70000' }, 'PORT: must be at most 65535'],
    [{ SYNC_INTERVAL_MINUTES: '2.5' }, 'SYNC_INTERVAL_MINUTES: must be a whole number'],
    [{ SYNC_INTERVAL_MINUTES: '0' }, 'SYNC_INTERVAL_MINUTES: must be at least 1'],
    [{ DELETE_GUARD_LIMIT: '-1' }, 'DELETE_GUARD_LIMIT: must be at least 0'],
    [{ RETENTION_DAYS: '0' }, 'RETENTION_DAYS: must be at least 1'],
    [{ RETENTION_DAYS: 'ninety' }, 'RETENTION_DAYS: must be a number'],
    [{ ADMIN_ROLE: 'Crm Sync Admin' }, 'ADMIN_ROLE: must be an app role value (letters, digits, dots, dashes, underscores), e.g. CrmSync.Admin'],
    [{ SANDBOX: 'maybe' }, 'SANDBOX: must be true or false'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ CONFLICT_WINNER: 'exchange' }, 'CONFLICT_WINNER: must be one of outlook, crm'],
    [{ VISIT_SYNC_TO: 'attendee' }, 'VISIT_SYNC_TO: must be one of organizer, owner'],
    [{ C4C_BASE_URL: 'not a url' }, 'C4C_BASE_URL: must be a URL such as https://example.com'],
    [{ GRAPH_BASE_URL: 'http://graph.microsoft.com/v1.0' }, 'GRAPH_BASE_URL: must be an https URL (or http://127.0.0.1… in sandbox mode)'],
    [{ PUBLIC_URL: '' }, 'PUBLIC_URL: is required outside sandbox mode (the https address Graph and C4C send change notifications to)'],
    [{ DATABASE_URL: 'mysql://db/sync' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
    [{ ROLE: 'web' }, 'ROLE: "web" needs DATABASE_URL: separate web and worker processes share a PostgreSQL server (the embedded database serves one process only)'],
    [{ CATEGORY_VISIT: 'sap cloud for customer' }, 'CATEGORY_VISIT: must differ from CATEGORY_APPOINTMENT'],
    [{ CATEGORY_ERROR: 'Visit' }, 'CATEGORY_ERROR: must differ from CATEGORY_APPOINTMENT and CATEGORY_VISIT'],
    [{ GRAPH_WEBHOOK_CLIENT_STATE_SECRET: 'x'.repeat(129) }, 'GRAPH_WEBHOOK_CLIENT_STATE_SECRET: must be at most 128 characters long'],
    [{ C4C_UI_URL: 'http://crm.contoso.example' }, 'C4C_UI_URL: must be an https URL (or http://127.0.0.1… in sandbox mode)'],
    [{ C4C_UI_THING_TYPES: 'visit' }, 'C4C_UI_THING_TYPES: must be type=THING_TYPE pairs separated by commas ("visit" is not type=THING_TYPE)'],
  ])('rejects %j with "%s"', (override, expected) => {
    expect(problems({ ...PRODUCTION, ...override })).toEqual([expected]);
  });

  it('allows http only for loopback hosts, even in sandbox mode', () => {
    expect(problems({ ...SANDBOX, C4C_BASE_URL: 'http://c4c.internal/odata' })).toEqual([
      'C4C_BASE_URL: must be an https URL (or http://127.0.0.1… in sandbox mode)',
    ]);
  });

  it('reports required settings that are missing altogether', () => {
    expect(problems({ SANDBOX: 'true' })).toEqual([
      'TENANT_ID: is required',
      'CLIENT_ID: is required',
      'CLIENT_SECRET: is required',
      'API_AUDIENCE: is required',
      'ADDIN_ID: is required',
      'GRAPH_WEBHOOK_CLIENT_STATE_SECRET: is required',
      'C4C_BASE_URL: is required',
      'C4C_USER: is required',
      'C4C_PASSWORD: is required',
      'STATE_DIGEST_SECRET: is required',
    ]);
  });

  describe("C4C's Event Notification credentials (C4C_WEBHOOK_USER, C4C_WEBHOOK_PASSWORD)", () => {
    const { C4C_WEBHOOK_USER: _user, C4C_WEBHOOK_PASSWORD: _password, ...withoutCredentials } = PRODUCTION;

    it('become the Basic credentials of /webhooks/c4c', () => {
      const { webhook } = loadConfig(PRODUCTION).c4c;
      expect(webhook?.user).toBe('C4C_EVENTS');
      expect(webhook?.password.reveal()).toBe('c4c-webhook-password-0123456789');
    });

    it('are required outside sandbox mode, with a message that says why', () => {
      expect(problems(withoutCredentials)).toEqual([
        "C4C_WEBHOOK_USER: is required outside sandbox mode: the credentials C4C's Event Notification consumer sends to /webhooks/c4c (without them anyone could post notifications)",
        "C4C_WEBHOOK_PASSWORD: is required outside sandbox mode: the credentials C4C's Event Notification consumer sends to /webhooks/c4c (without them anyone could post notifications)",
      ]);
      expect(problems({ ...withoutCredentials, C4C_WEBHOOK_USER: 'C4C_EVENTS' })).toEqual([
        "C4C_WEBHOOK_PASSWORD: is required outside sandbox mode: the credentials C4C's Event Notification consumer sends to /webhooks/c4c (without them anyone could post notifications)",
      ]);
    });

    it('may be left out together in sandbox mode (no authentication, as a consumer with "None"), not one alone', () => {
      const { C4C_WEBHOOK_USER: _u, C4C_WEBHOOK_PASSWORD: _p, ...sandbox } = SANDBOX;
      expect(loadConfig(sandbox).c4c.webhook).toBeNull();
      expect(problems({ ...sandbox, C4C_WEBHOOK_USER: 'C4C_EVENTS' })).toEqual(['C4C_WEBHOOK_PASSWORD: must be set together with C4C_WEBHOOK_USER']);
      expect(problems({ ...sandbox, C4C_WEBHOOK_PASSWORD: 'c4c-webhook-password-0123456789' })).toEqual(['C4C_WEBHOOK_USER: must be set together with C4C_WEBHOOK_PASSWORD']);
    });

    it.each([['has:colon'], ['has space'], ['x'.repeat(121)]])('refuse the user %j', (user) => {
      expect(problems({ ...PRODUCTION, C4C_WEBHOOK_USER: user })).toEqual(['C4C_WEBHOOK_USER: must be 1 to 120 printable characters without spaces or colons']);
    });

    it('replace the retired shared-secret settings, which stop the start with what to do instead', () => {
      expect(problems({ ...PRODUCTION, C4C_WEBHOOK_SECRET: 'c4c-webhook-secret-0123456789', C4C_WEBHOOK_SECRET_HEADER: 'x-c4c-webhook-secret' })).toEqual([
        "C4C_WEBHOOK_SECRET: is retired: C4C's Event Notification cannot send a shared-secret header; set C4C_WEBHOOK_USER and C4C_WEBHOOK_PASSWORD to the user and password of its consumer instead",
        "C4C_WEBHOOK_SECRET_HEADER: is retired: C4C's Event Notification cannot send a custom header; it authenticates with HTTP Basic (C4C_WEBHOOK_USER, C4C_WEBHOOK_PASSWORD)",
      ]);
      const dir = mkdtempSync(join(tmpdir(), 'crm-sync-config-'));
      try {
        const file = join(dir, 'config.json');
        writeFileSync(file, JSON.stringify({ ...PRODUCTION, C4C_WEBHOOK_SECRET: 'c4c-webhook-secret-0123456789' }));
        expect(problems({}, file)).toEqual([
          `C4C_WEBHOOK_SECRET: is retired: C4C's Event Notification cannot send a shared-secret header; set C4C_WEBHOOK_USER and C4C_WEBHOOK_PASSWORD to the user and password of its consumer instead (in ${file})`,
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('CONFIG_FILE', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'crm-sync-config-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads a JSON file of settings; the environment wins', () => {
      const file = join(dir, 'config.json');
      writeFileSync(file, JSON.stringify({ ...PRODUCTION, PORT: 4000, SYNC_PRIVATE_RECURRING: true, LOG_LEVEL: 'warn' }));
      const config = loadConfig({ CONFIG_FILE: file, LOG_LEVEL: 'error' });
      expect(config.http.port).toBe(4000);
      expect(config.sync.defaults.syncPrivateRecurring).toBe(true);
      expect(config.logLevel).toBe('error');
      expect(loadConfig({ LOG_LEVEL: 'trace' }, file).logLevel).toBe('trace');
    });

    it('names a missing file, bad JSON and unknown keys', () => {
      expect(problems({ ...PRODUCTION, CONFIG_FILE: join(dir, 'nope.json') })).toEqual([
        `CONFIG_FILE: cannot read ${join(dir, 'nope.json')}: file not found`,
      ]);
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, '{"PORT": ');
      expect(problems({ ...PRODUCTION }, bad)[0]).toMatch(/^CONFIG_FILE: cannot read .*bad\.json: /);
      const typo = join(dir, 'typo.json');
      writeFileSync(typo, JSON.stringify({ PROT: 3000, PORT: { value: 1 } }));
      expect(problems({ ...PRODUCTION }, typo)).toEqual([
        `CONFIG_FILE: unknown setting "PROT" in ${typo}`,
        `PORT: must be a string, number or boolean in ${typo}`,
      ]);
    });
  });
});

describe('secrets in the Config', () => {
  const config: Config = loadConfig({ ...PRODUCTION, DATABASE_URL: 'postgres://sync:db-password@db.internal:5432/sync?sslmode=require' });
  const secrets = ['graph-client-secret-value', 'c4c-password-value', 'client-state-secret-0123456789', 'c4c-webhook-password-0123456789', 'db-password'];

  it('never print through JSON, template strings or util.inspect', () => {
    for (const rendering of [JSON.stringify(config), `${config.graph.clientSecret}`, inspect(config, { depth: 10 })]) {
      for (const secret of secrets) expect(rendering).not.toContain(secret);
    }
    expect(inspect(new Secret('x'))).toBe('Secret([redacted])');
  });

  it('have a redacted view for the start-up log that keeps the useful parts', () => {
    const view = redactedConfig(config);
    const text = JSON.stringify(view);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(view.store).toEqual({ dataDir: '.data', databaseUrl: 'postgres://sync:[redacted]@db.internal:5432/sync?sslmode=require', poolSize: 10 });
    expect(view.graph).toMatchObject({ clientId: PRODUCTION.CLIENT_ID, clientSecret: '[redacted]' });
  });
});

describe('hardening settings', () => {
  it('trusts no proxy by default, and only the proxies TRUST_PROXY lists', () => {
    expect(loadConfig(PRODUCTION).http).toMatchObject({ trustProxy: false, rateLimits: { perUserPerMinute: 600, anonymousPerAddressPerMinute: 120 } });
    expect(loadConfig({ ...PRODUCTION, TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,loopback' }).http.trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'loopback']);
    expect(loadConfig({ ...PRODUCTION, API_RATE_LIMIT_PER_MINUTE: '50', API_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '10' }).http.rateLimits).toEqual({ perUserPerMinute: 50, anonymousPerAddressPerMinute: 10 });
    for (const value of ['true', '1', '*', '10.0.0.0/33', 'proxy.internal', '10.0.0.1,']) {
      expect(problems({ ...PRODUCTION, TRUST_PROXY: value })).toEqual([expect.stringMatching(/^TRUST_PROXY: must list the proxies' addresses/)]);
    }
  });

  it('reads the client ids /api accepts tokens of', () => {
    expect(loadConfig(PRODUCTION).api.clientIds).toEqual([]);
    expect(loadConfig({ ...PRODUCTION, API_CLIENT_IDS: 'c6b2e3d4-0000-4000-8000-00000000a002, other-app' }).api.clientIds).toEqual(['c6b2e3d4-0000-4000-8000-00000000a002', 'other-app']);
    expect(problems({ ...PRODUCTION, API_CLIENT_IDS: 'a b' })).toEqual(['API_CLIENT_IDS: must list client ids (application ids) separated by commas']);
  });

  it('searches CRM as the technical user bounded to the own objects by default; as the user with the OAuth settings', () => {
    expect(loadConfig(PRODUCTION).c4c.search).toEqual({ as: 'owner' });
    expect(problems({ ...PRODUCTION, C4C_SEARCH_AS: 'user' }).map((p) => p.split(':')[0])).toEqual(['C4C_OAUTH_CLIENT_ID', 'C4C_OAUTH_CLIENT_SECRET', 'C4C_SAML_ENTITY_ID']);
    const oauth = { C4C_SEARCH_AS: 'user', C4C_OAUTH_CLIENT_ID: '_ABC123456', C4C_OAUTH_CLIENT_SECRET: 'oauth-client-secret', C4C_SAML_ENTITY_ID: 'HTTPS://MY000000-SSO.CRM.ONDEMAND.COM' };
    const search = loadConfig({ ...PRODUCTION, ...oauth }).c4c.search;
    expect(search).toMatchObject({ as: 'user', oauthClientId: '_ABC123456', tokenUrl: 'https://my000000.crm.ondemand.com/sap/bc/sec/oauth2/token', scope: 'UIWC:CC_HOME', samlEntityId: 'HTTPS://MY000000-SSO.CRM.ONDEMAND.COM' });
    expect(JSON.stringify(search)).not.toContain('oauth-client-secret');
    expect(problems({ ...PRODUCTION, ...oauth, C4C_OAUTH_TOKEN_URL: 'http://my000000.crm.ondemand.com/sap/bc/sec/oauth2/token' })).toEqual([expect.stringMatching(/^C4C_OAUTH_TOKEN_URL: must be an https URL/)]);
  });

  it("refuses the sandbox's published secrets outside sandbox mode, and names each", () => {
    const published = {
      CLIENT_SECRET: DEMO_TENANT.serviceApp.clientSecret,
      C4C_PASSWORD: DEMO_TENANT.c4cTechnicalUser.password,
      STATE_DIGEST_SECRET: sandboxServiceEnv({ graphUrl: 'http://127.0.0.1:1', c4cUrl: 'http://127.0.0.1:2' }, SANDBOX_WEBHOOK_SECRETS).STATE_DIGEST_SECRET ?? '',
      GRAPH_WEBHOOK_CLIENT_STATE_SECRET: SANDBOX_WEBHOOK_SECRETS.graphClientState,
      C4C_OAUTH_CLIENT_SECRET: DEMO_TENANT.c4cOAuth.clientSecret,
    };
    expect(problems({ ...PRODUCTION, ...published }).map((p) => p.split(':')[0]).sort()).toEqual(Object.keys(published).sort());
    for (const value of [...Object.values(published), SANDBOX_WEBHOOK_SECRETS.c4cWebhook]) expect(PUBLISHED_SANDBOX_SECRETS.has(value)).toBe(true);
    expect(() => loadConfig({ ...SANDBOX, ...published })).not.toThrow();
  });
});
