// .env.example is generated from the env schema (scripts/env-example.ts): the committed file must be what the script
// writes today, list every setting once with its default, and mark as tenant settings exactly those the service
// copies into the database at its first start (config.sync.defaults).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_EXAMPLE_FILE, renderEnvExample } from '../../../scripts/env-example.js';
import { loadConfig } from '../../../src/server/config/index.js';
import { ENV_DOCS } from '../../../src/server/config/env-docs.js';
import { ENV_NAMES, envSchema, type EnvName } from '../../../src/server/config/env-schema.js';

const root = join(import.meta.dirname, '../../..');

/** A complete production environment (every required setting). */
const PRODUCTION: Record<string, string> = {
  PUBLIC_URL: 'https://sync.contoso.example',
  TENANT_ID: '7f0c1c2e-3b1a-4c55-9a7e-5d1f00c4c001',
  CLIENT_ID: 'b5a1d2c3-0000-4000-8000-00000000a001',
  CLIENT_SECRET: 'graph-client-secret-value',
  API_AUDIENCE: 'api://sync.contoso.example/b5a1d2c3',
  ADDIN_ID: '4a2d8f6e-9c1b-4e7a-8d3f-2b6c5e1a0c4c',
  GRAPH_WEBHOOK_CLIENT_STATE_SECRET: 'client-state-secret-0123456789',
  C4C_BASE_URL: 'https://my000000.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/',
  C4C_USER: 'SYNC_TECH_USER',
  C4C_PASSWORD: 'c4c-password-value',
  C4C_WEBHOOK_USER: 'c4c-notifications',
  C4C_WEBHOOK_PASSWORD: 'c4c-webhook-password-0123456789',
  STATE_DIGEST_SECRET: 'state-digest-secret-0123456789abcdef',
  // Needed once C4C_SEARCH_AS is switched to `user`; unused otherwise.
  C4C_OAUTH_CLIENT_ID: 'crm-sync-search',
  C4C_OAUTH_CLIENT_SECRET: 'c4c-oauth-client-secret-value',
  C4C_SAML_ENTITY_ID: 'HTTPS://MY000000-SSO.CRM.ONDEMAND.COM',
};

/** A valid value of the setting that differs from its default (or from PRODUCTION's value). */
function anotherValue(name: EnvName): string {
  const parsed = envSchema.shape[name].safeParse(undefined);
  const current: unknown = parsed.success ? parsed.data : PRODUCTION[name];
  if (typeof current === 'boolean') return String(!current);
  if (typeof current === 'number') return String(envSchema.shape[name].safeParse(String(current + 1)).success ? current + 1 : current - 1);
  const options = (envSchema.shape[name] as unknown as { def: { innerType?: { options?: string[] } } }).def.innerType?.options;
  if (options) return options.find((o) => o !== current) ?? '';
  if (name === 'SYNC_FAMILIES') return 'calendar';
  if (name === 'C4C_UI_THING_TYPES') return 'visit=Z_VISIT_TT';
  if (name === 'TRUST_PROXY') return '10.0.0.5';
  if (name === 'GOOGLE_USERS') return 'dan.diaz@contoso.example';
  if (name === 'GOOGLE_DOMAINS') return 'fabrikam.example';
  if (name === 'API_CLIENT_IDS') return 'c6b2e3d4-0000-4000-8000-00000000a002';
  if (name === 'DATABASE_URL') return 'postgres://sync@db2.contoso.example/crmsync';
  if (name === 'PUBLIC_URL' || name.endsWith('_URL') || name === 'GRAPH_AUTHORITY') return 'https://other.contoso.example/x';
  return `${String(current ?? 'value')}-other-0123456789abcdefghijklmnopqrstuvwxyz`.slice(0, 100);
}

describe('.env.example', () => {
  it('is what `npm run env:example` writes from the schema (run it after changing a setting)', () => {
    expect(readFileSync(join(root, ENV_EXAMPLE_FILE), 'utf8')).toBe(renderEnvExample());
  });

  it('lists every setting once, with its default, and the required ones uncommented and empty', () => {
    const assignments = renderEnvExample()
      .split('\n')
      .map((line) => /^(?:# )?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(assignments.map((m) => m[1]).sort()).toEqual([...ENV_NAMES].sort());
    const line = (name: string) => assignments.find((m) => m[1] === name)?.[0];
    expect(line('PORT')).toBe('# PORT=3000');
    expect(line('CATEGORY_APPOINTMENT')).toBe('# CATEGORY_APPOINTMENT="SAP Cloud for Customer"');
    expect(line('TENANT_ID')).toBe('TENANT_ID=');
    expect(line('PUBLIC_URL')).toBe('PUBLIC_URL=');
  });

  it('marks as tenant settings exactly the settings that become the tenant defaults (config.sync.defaults)', () => {
    // With a PostgreSQL server, so that ROLE may take each of its values; with a Google key, so that Google users may be enrolled.
    const env = { ...PRODUCTION, DATABASE_URL: 'postgres://sync@db.contoso.example/crmsync', GOOGLE_SERVICE_ACCOUNT_KEY_FILE: '/etc/crm-sync/google-key.json' };
    const base = loadConfig(env).sync.defaults;
    const feedsDefaults = ENV_NAMES.filter((name) => {
      const changed = loadConfig({ ...env, [name]: anotherValue(name) }).sync.defaults;
      return JSON.stringify(changed) !== JSON.stringify(base);
    });
    expect(feedsDefaults.length).toBeGreaterThan(10);
    expect(feedsDefaults).toEqual(ENV_NAMES.filter((name) => ENV_DOCS[name].tenantSetting));
  });
});
