// The Google Calendar sandbox: one fastify app on one port, the Calendar API v3 under /calendar/v3 (so the
// official client works with `rootUrl`), the OAuth token endpoint for the service account's JWT-bearer grant at
// /token, and the control plane under /_sandbox. See README.md beside this file.
import Fastify, { type FastifyInstance } from 'fastify';
import { ignoreContentTypeOfBodylessRequests } from '../common/bodyless.js';
import { installControlPlane } from '../common/control-plane.js';
import { StateFile, isWriteRequest, persistApp, type PersistOptions } from '../common/state-file.js';
import { bearerOf, installCalendarAuth } from './auth.js';
import { registerControlRoutes, baseUrl } from './control.js';
import { faultBody, installGoogleErrorHandling } from './errors.js';
import { TOKEN_PATH, installTokenEndpoint } from './oauth.js';
import { registerCalendarRoutes } from './routes-calendars.js';
import { registerEventRoutes } from './routes-events.js';
import { GOOGLE_STATE_VERSION, GoogleSandboxState, type GoogleSandboxOptions } from './sandbox-state.js';
import { ServiceAccount } from './service-account.js';

export interface GoogleSandbox {
  url: string;
  app: FastifyInstance;
  state: GoogleSandboxState;
  close(): Promise<void>;
}

export interface BuildOptions extends GoogleSandboxOptions {
  logger?: boolean;
  /** Keep the state in this file across restarts (`npm start`); default: in memory only. */
  persist?: PersistOptions;
}

const states = new WeakMap<FastifyInstance, GoogleSandboxState>();

/** The state behind an app made by buildGoogleSandbox, for tests. */
export function googleSandboxState(app: FastifyInstance): GoogleSandboxState | undefined {
  return states.get(app);
}

/** Restores the state file's snapshot (the service-account key too), if any, and keeps the file up to date. */
async function persistGoogleState(app: FastifyInstance, state: GoogleSandboxState, options: PersistOptions): Promise<void> {
  const file = new StateFile({ name: 'Google sandbox', sandbox: 'google', version: GOOGLE_STATE_VERSION, capture: () => state.snapshot() }, options);
  let saved: unknown;
  const outcome = file.load((data) => {
    state.restore(data);
    saved = data;
  });
  if (outcome === 'unusable') state.reseedData();
  const account = outcome === 'restored' ? await GoogleSandboxState.accountOf(saved).catch(() => undefined) : undefined;
  if (account) state.account = account;
  persistApp(app, file, outcome, (req) => isWriteRequest(req) && !req.url.startsWith(TOKEN_PATH));
}

/** The sandbox as a fastify app that is not listening yet (use app.inject, or listen yourself). */
export async function buildGoogleSandbox(opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024, forceCloseConnections: true, trustProxy: true });
  installGoogleErrorHandling(app);
  ignoreContentTypeOfBodylessRequests(app);
  const late: { state?: GoogleSandboxState } = {};
  // Hook order: control plane (count, latency, faults), then authentication.
  const control = installControlPlane(app, {
    errorBody: faultBody,
    faultKinds: ['throttle', 'userThrottle', 'unavailable', 'reset', 'timeout'],
    mailboxOf: (req) => {
      const token = bearerOf(req);
      return token ? late.state?.account.grantOf(token)?.email : undefined;
    },
  });
  const state = new GoogleSandboxState(await ServiceAccount.create(), control, opts, app.log);
  late.state = state;
  if (opts.persist) await persistGoogleState(app, state, opts.persist);
  installCalendarAuth(app, () => state.account);
  installTokenEndpoint(app, {
    account: () => state.account,
    isUser: (email) => state.store.user(email) !== undefined,
    tokenUrl: (req) => `${baseUrl(req)}${TOKEN_PATH}`,
    clockSkewSeconds: () => state.clockSkewSeconds,
  });
  registerCalendarRoutes(app, state);
  registerEventRoutes(app, state);
  registerControlRoutes(app, state);
  app.addHook('onClose', async () => state.channels.close());
  states.set(app, state);
  return app;
}

export async function startGoogleSandbox(opts: BuildOptions & { host?: string; port: number }): Promise<GoogleSandbox> {
  const app = await buildGoogleSandbox(opts);
  const state = states.get(app) as GoogleSandboxState;
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return { url: `http://${host}:${port}`, app, state, close: () => app.close() };
}
