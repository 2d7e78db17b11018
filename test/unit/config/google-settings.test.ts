// R10's settings: who is at Google, and the service account the service reaches Google Calendar with.
import { loadConfig } from '../../../src/server/config/index.js';

const SANDBOX_ENV: Record<string, string> = {
  SANDBOX: 'true',
  TENANT_ID: 't',
  CLIENT_ID: 'c',
  CLIENT_SECRET: 's',
  API_AUDIENCE: 'api://a',
  ADDIN_ID: 'addin',
  GRAPH_WEBHOOK_CLIENT_STATE_SECRET: 'client-state-secret-0123456789',
  C4C_BASE_URL: 'http://127.0.0.1:4002/sap/c4c/odata/v1/c4codataapi/',
  C4C_USER: 'u',
  C4C_PASSWORD: 'p',
  STATE_DIGEST_SECRET: 'state-digest-secret-0123456789abcdef',
};

describe('Google settings', () => {
  it('default to nobody at Google and Google\'s own endpoints', () => {
    expect(loadConfig(SANDBOX_ENV).google).toEqual({
      users: [],
      domains: [],
      key: null,
      apiRootUrl: 'https://www.googleapis.com/',
      tokenUrl: 'https://oauth2.googleapis.com/token',
    });
    expect(loadConfig(SANDBOX_ENV).sync.defaults.google).toEqual({ calendarNames: { appointment: 'SAP Appointments', visit: 'SAP Visits' } });
  });

  it('enrol users and domains (lower-cased) and need a key then; the key is a secret', () => {
    expect(() => loadConfig({ ...SANDBOX_ENV, GOOGLE_USERS: 'Dan.Diaz@contoso.example' })).toThrow(/GOOGLE_SERVICE_ACCOUNT_KEY: is required/);
    expect(() => loadConfig({ ...SANDBOX_ENV, GOOGLE_DOMAINS: 'not a domain' })).toThrow(/GOOGLE_DOMAINS: must list mail domains/);
    const config = loadConfig({ ...SANDBOX_ENV, GOOGLE_USERS: 'Dan.Diaz@contoso.example, eve.evans@contoso.example', GOOGLE_DOMAINS: 'Fabrikam.example', GOOGLE_SERVICE_ACCOUNT_KEY: '{"private_key":"KEY-TEXT"}' });
    expect(config.google.users).toEqual(['dan.diaz@contoso.example', 'eve.evans@contoso.example']);
    expect(config.google.domains).toEqual(['fabrikam.example']);
    expect(JSON.stringify(config)).not.toContain('KEY-TEXT');
  });

  it('take Google endpoints over http only in sandbox mode on this machine', () => {
    expect(() => loadConfig({ ...SANDBOX_ENV, GOOGLE_TOKEN_URL: 'http://google.example/token' })).toThrow(/GOOGLE_TOKEN_URL: must be an https URL/);
    expect(loadConfig({ ...SANDBOX_ENV, GOOGLE_TOKEN_URL: 'http://127.0.0.1:4003/token' }).google.tokenUrl).toBe('http://127.0.0.1:4003/token');
  });
});
