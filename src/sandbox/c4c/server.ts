// The SAP C4C OData v2 sandbox (c4codataapi) on fastify: auth, CSRF, the OData service and $batch under
// /sap/c4c/odata/v1/c4codataapi/, and the control plane under /_sandbox. See README.md beside this file.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { ignoreContentTypeOfBodylessRequests } from '../common/bodyless.js';
import { installControlPlane } from '../common/control-plane.js';
import { StateFile, isWriteRequest, persistApp, type PersistOptions } from '../common/state-file.js';
import { authenticate, bearerConfigFor, type BearerConfig } from './auth.js';
import { handleBatch, SERVICE_PATH } from './batch.js';
import { installC4cControl, type ControlState } from './control.js';
import { CsrfSessions } from './csrf.js';
import { ODataError, sapErrorBody } from './errors.js';
import { handleODataRequest, type HandlerContext, type ODataResponse } from './odata-handler.js';
import { installOAuthTokenEndpoint } from './oauth.js';
import { OAuthTokens } from './oauth-tokens.js';
import { loadSchema, type Schema } from './schema.js';
import { seedTenant } from './seed/seed-tenant.js';
import { C4C_STATE_VERSION, C4cStore } from './store.js';
import { WebhookNotifier } from './webhook.js';

export interface C4cSandboxOptions {
  host?: string;
  port?: number;
  logger?: boolean;
  /** The identity (Graph) sandbox's URL, whose JWKS verifies Bearer tokens. */
  identityBaseUrl?: string;
  /** Instead of identityBaseUrl: a key source and issuer (tests). */
  bearer?: BearerConfig;
  accounts?: number;
  seed?: number;
  /** Largest accepted request body in bytes (default 5 MB). */
  bodyLimit?: number;
  schema?: Schema;
  /** Keep every table (and the system identity) in this file across restarts (`npm start`); default: in memory only. */
  persist?: PersistOptions;
}

/** The tenant from the state file when it holds a usable one, else a fresh seed; the file is kept up to date from then on. */
function restoreOrSeed(app: FastifyInstance, state: ControlState, persist: PersistOptions | undefined): void {
  const { store } = state;
  const file = persist ? new StateFile({ name: 'C4C sandbox', sandbox: 'c4c', version: C4C_STATE_VERSION, capture: () => store.snapshot() }, persist) : undefined;
  const outcome = file?.load((data) => store.restore(data));
  if (outcome !== 'restored') {
    store.clear();
    seedTenant(store, state.seedOptions);
  }
  // Any write may change the tenant (OData writes, $batch, the control plane); the webhook is set anew at every start.
  if (file && outcome) persistApp(app, file, outcome, isWriteRequest);
}

/** Who a request claims to be, for the per-caller counters only (unverified; auth happens later). */
function callerForCounters(req: FastifyRequest): string | undefined {
  const [scheme = '', value = ''] = (req.headers.authorization ?? '').split(/\s+/, 2);
  try {
    if (scheme.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
    if (scheme.toLowerCase() === 'bearer') {
      const claims = decodeJwt(value);
      const who = claims['preferred_username'] ?? claims['upn'] ?? claims.sub;
      return typeof who === 'string' ? who : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

const MODIFYING = new Set(['POST', 'PUT', 'PATCH', 'MERGE', 'DELETE']);

export function buildC4cSandbox(opts: C4cSandboxOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 5 * 1024 * 1024,
    // A stand-in: stopping it drops every connection, as the Graph sandbox does. Without it a client that left a
    // response unread kept close() waiting for the keep-alive timeout (72 s; the short soak outlived its test so).
    forceCloseConnections: true,
    // Requests the router itself refuses (bad percent-encoding) still get the SAP error body.
    frameworkErrors: (err, _req, reply) => {
      void (reply as FastifyReply).code(400).send(sapErrorBody('INVALID_PATH', err.message));
    },
  });
  app.addHttpMethod('MERGE', { hasBody: true });
  ignoreContentTypeOfBodylessRequests(app);
  const schema = opts.schema ?? loadSchema();
  const store = new C4cStore(schema);
  const csrf = new CsrfSessions();
  const bearer = opts.bearer ?? (opts.identityBaseUrl ? bearerConfigFor(opts.identityBaseUrl) : undefined);
  const oauthTokens = new OAuthTokens();
  let origin = 'http://localhost';
  const serviceRoot = () => `${origin}${SERVICE_PATH}`;
  const webhook = new WebhookNotifier(app.log, serviceRoot);
  store.onChange((set, id, change) => webhook.notify(set, id, change));
  const state: ControlState = { store, webhook, seedOptions: { accounts: opts.accounts, seed: opts.seed }, serviceRoot };
  restoreOrSeed(app, state, opts.persist);

  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (address && typeof address === 'object') origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  });
  app.addContentTypeParser('multipart/mixed', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  // Like SAP Gateway, take a blank JSON body as none (requests that declare no body at all: common/bodyless.ts).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('The request body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((err: { statusCode?: number; message?: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) app.log.error({ err }, 'c4c sandbox internal error');
    return reply.code(status).send(sapErrorBody(status === 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST', err.message ?? 'Bad request'));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(sapErrorBody('RESOURCE_NOT_FOUND', `No service at ${req.url.split('?')[0]}`)));

  const controlPlane = installControlPlane(app, { errorBody: (_status, code, message) => sapErrorBody(code, message), mailboxOf: callerForCounters });
  installC4cControl(app, state);
  installOAuthTokenEndpoint(app, { store, tokens: oauthTokens, bearer });

  const send = (reply: FastifyReply, res: ODataResponse) => {
    reply.code(res.status).headers({ dataserviceversion: '2.0', 'cache-control': 'no-cache, no-store', ...res.headers });
    if (res.body === undefined) return reply.send();
    return reply.send(typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
  };

  const serve = async (req: FastifyRequest, reply: FastifyReply) => {
    const started = performance.now();
    reply.header('c4c-odata-response-time', '0 ms');
    try {
      const caller = await authenticate(store, req.headers.authorization, bearer, oauthTokens);
      if (String(req.headers['x-csrf-token'] ?? '').toLowerCase() === 'fetch' && !MODIFYING.has(req.method)) {
        const { token, setCookie } = csrf.fetch(req.headers.cookie);
        reply.header('x-csrf-token', token);
        if (setCookie) reply.header('set-cookie', setCookie);
      }
      if (MODIFYING.has(req.method) && !csrf.valid(req.headers.cookie, req.headers['x-csrf-token'] as string | undefined)) {
        reply.header('x-csrf-token', 'Required');
        throw new ODataError(403, 'CSRF_TOKEN_REQUIRED', 'CSRF token validation failed');
      }
      const url = req.url.slice(SERVICE_PATH.length - 1);
      const q = url.indexOf('?');
      const rawPath = (q < 0 ? url : url.slice(0, q)).replace(/^\//, '');
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        throw new ODataError(400, 'INVALID_PATH', 'The request path is not valid percent-encoding');
      }
      const ctx: HandlerContext = { schema, store, serviceRoot: req.headers.host ? `${req.protocol}://${req.headers.host}${SERVICE_PATH}` : serviceRoot(), caller };
      const res =
        path === '$batch' && req.method === 'POST'
          ? handleBatch(ctx, req.headers['content-type'], req.body, (method, partPath) => controlPlane.countBatchPart(method, partPath))
          : handleODataRequest(ctx, {
              method: req.method,
              path,
              query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
              headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])),
              body: req.body,
            });
      reply.header('c4c-odata-response-time', `${Math.round(performance.now() - started)} ms`);
      return send(reply, res);
    } catch (err) {
      if (err instanceof ODataError) {
        if (err.status === 401) reply.header('www-authenticate', 'Basic realm="SAP C4C sandbox"');
        return send(reply, { status: err.status, headers: { 'content-type': 'application/json' }, body: sapErrorBody(err.code, err.message) });
      }
      throw err;
    }
  };

  // One route per entity set and function import, so the control plane's per-route counters say what was called.
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'MERGE', 'DELETE'];
  // Code lists, $batch and $metadata share the catch-all route `…/c4codataapi/*` (hundreds of code-list routes
  // would slow the start; the C4C adapter's tests count $batch POSTs under the catch-all).
  const counted = [...schema.entitySets.values()].filter((s) => !s.codeList).map((s) => s.name);
  for (const name of [...counted, ...schema.functionImports.keys()]) app.route({ method: methods, url: `${SERVICE_PATH}${name}*`, handler: serve });
  app.route({ method: methods, url: `${SERVICE_PATH}*`, handler: serve });
  app.get(SERVICE_PATH.slice(0, -1), async (_req, reply) => reply.redirect(SERVICE_PATH, 301));
  return app;
}

export async function startC4cSandbox(opts: C4cSandboxOptions & { port: number }): Promise<{ url: string; app: FastifyInstance; close(): Promise<void> }> {
  const app = buildC4cSandbox(opts);
  const address = await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port });
  return { url: address, app, close: () => app.close() };
}
