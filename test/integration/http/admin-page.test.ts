// The admin console page (/admin/) as the service serves it: the page and its scripts from the build folder with
// the page's own CSP (the API keeps default-src 'none'), no file outside the folder, and the sign-in settings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminPageConfigSchema } from '../../../src/shared/admin-page-config.js';
import { adminPageConfig } from '../../../src/server/http/admin-page.js';
import { buildTestApp } from '../../support/http-app-fakes.js';

const dir = mkdtempSync(join(tmpdir(), 'admin-page-'));
writeFileSync(join(dir, 'admin.html'), '<!doctype html><title>admin</title>');
writeFileSync(join(dir, 'admin.1234abcd.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'outside-admin-page.js'), 'secret');

const options = { graphBaseUrl: 'https://graph.microsoft.com/v1.0', authority: 'https://login.microsoftonline.com', tenantId: 'tenant-1', audience: 'api://crm-sync', adminRole: 'CrmSync.Admin' };

describe('the /admin/ page', () => {
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  beforeAll(async () => {
    built = await buildTestApp({ items: {}, adminPage: { dir, config: adminPageConfig({ ...options, sandbox: false, clientIds: ['spa-client'] }) } });
  });
  afterAll(async () => built.app.close());

  it('serves the page and its scripts with a policy that allows its own scripts and the sign-in authority only', async () => {
    const page = await built.app.inject({ method: 'GET', url: '/admin/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' https://login.microsoftonline.com");
    expect(csp).toContain("frame-ancestors 'none'");
    const script = await built.app.inject({ method: 'GET', url: '/admin/admin.1234abcd.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await built.app.inject({ method: 'GET', url: '/admin' })).headers.location).toBe('/admin/');
    // The API's answers keep their own policy.
    expect((await built.app.inject({ method: 'GET', url: '/api/admin/settings' })).headers['content-security-policy']).toMatch(/^default-src 'none'/);
  });

  it('serves no file outside the build folder, and nothing but scripts, maps and images from it', async () => {
    for (const url of ['/admin/..%2Foutside-admin-page.js', '/admin/%2E%2E%2Foutside-admin-page.js', '/admin/.env', '/admin/admin.html.bak', '/admin/nothing.js']) {
      expect({ url, status: (await built.app.inject({ method: 'GET', url })).statusCode }).toEqual({ url, status: 404 });
    }
  });

  it('gives the page its sign-in settings: MSAL with the SPA client id, the tenant authority and the API scope', async () => {
    const answer = await built.app.inject({ method: 'GET', url: '/admin/config.json' });
    expect(adminPageConfigSchema.parse(answer.json())).toEqual({
      adminRole: 'CrmSync.Admin',
      msal: { clientId: 'spa-client', authority: 'https://login.microsoftonline.com/tenant-1', scopes: ['api://crm-sync/access_as_user'] },
      sandbox: null,
    });
  });
});

describe('adminPageConfig', () => {
  it('in sandbox mode points the page at the sandbox identity over http (same port as the Graph sandbox)', () => {
    const config = adminPageConfig({ ...options, sandbox: true, graphBaseUrl: 'http://127.0.0.1:4001/v1.0', authority: 'https://127.0.0.1:4001', clientIds: [] });
    expect(config.sandbox).toEqual({ tokenUrl: 'http://127.0.0.1:4001/_sandbox/token', audience: 'api://crm-sync', role: 'CrmSync.Admin' });
    expect(config.msal).toBeNull();
  });
});
