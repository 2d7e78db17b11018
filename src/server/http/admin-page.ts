// The admin console page (/admin/): admin.html and its scripts from the add-in build (webpack's `admin` entry), and
// the sign-in settings the page reads first (/admin/config.json). The page is static and public like the task pane's
// files; everything it shows comes from /api/admin/*, which checks the token and the role.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ADMIN_PAGE_CONFIG_URL, type AdminPageConfig } from '../../shared/admin-page-config.js';

export interface AdminPageDeps {
  /** The add-in build folder (ADMIN_PAGE_DIR). Read on each request, so a rebuild needs no restart. */
  dir: string;
  config: AdminPageConfig;
}

/** Only flat file names the build writes (no paths, so nothing outside `dir` can be named). */
const ASSET = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}\.(js|js\.map|png)$/;
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', map: 'application/json', png: 'image/png' };

/**
 * The page's policy: its own scripts only; styles inline too (Fluent UI's Griffel writes <style> rules at run time);
 * requests to this service and to the sign-in endpoints the page uses (MSAL's token endpoint, or the sandbox
 * identity); never framed.
 */
export function adminPageCsp(config: AdminPageConfig): string {
  const connect = new Set(["'self'"]);
  if (config.msal) connect.add(new URL(config.msal.authority).origin);
  if (config.sandbox) connect.add(new URL(config.sandbox.tokenUrl).origin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ${[...connect].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

async function sendFile(reply: FastifyReply, path: string, type: string, csp: string): Promise<FastifyReply> {
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found. Build the add-in first (npm run build).');
  }
  // The security-headers hook keeps a policy a route set (this page's) instead of the API's default-src 'none'.
  return reply.type(type).header('content-security-policy', csp).header('cache-control', 'no-cache').send(body);
}

export function registerAdminPage(app: FastifyInstance, deps: AdminPageDeps): void {
  const csp = adminPageCsp(deps.config);
  app.get('/admin', async (_req, reply) => reply.redirect('/admin/'));
  app.get('/admin/', async (_req, reply) => sendFile(reply, join(deps.dir, 'admin.html'), 'text/html; charset=utf-8', csp));
  app.get(ADMIN_PAGE_CONFIG_URL, async () => deps.config);
  app.get<{ Params: { file: string } }>('/admin/:file', async (req, reply) => {
    const file = req.params.file;
    if (!ASSET.test(file)) return reply.code(404).type('text/plain; charset=utf-8').send('Not found.');
    return sendFile(reply, join(deps.dir, file), TYPES[file.split('.').pop()!] ?? 'application/octet-stream', csp);
  });
}

/** The page's sign-in settings from the service's configuration. */
export function adminPageConfig(options: {
  sandbox: boolean;
  graphBaseUrl: string;
  authority: string;
  tenantId: string;
  audience: string;
  adminRole: string;
  clientIds: readonly string[];
}): AdminPageConfig {
  const clientId = options.clientIds[0];
  return {
    adminRole: options.adminRole,
    msal: clientId ? { clientId, authority: `${options.authority}/${options.tenantId}`, scopes: [`${options.audience}/access_as_user`] } : null,
    // The sandbox identity answers on the Graph sandbox's port, over http too (the browser does not trust its TLS).
    sandbox: options.sandbox ? { tokenUrl: `${new URL(options.graphBaseUrl).origin}/_sandbox/token`, audience: options.audience, role: options.adminRole } : null,
  };
}
