// The Microsoft Graph + Microsoft identity sandbox: one fastify app on one port (plain HTTP, and TLS for MSAL),
// Graph under /v1.0, identity under /{tenant}/..., the control plane under /_sandbox.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { ignoreContentTypeOfBodylessRequests } from '../common/bodyless.js';
import { installControlPlane } from '../common/control-plane.js';
import { StateFile, isWriteRequest, persistApp, type PersistOptions } from '../common/state-file.js';
import { dualProtocolServerFactory } from '../identity/dual-protocol.js';
import { registerIdentityRoutes } from '../identity/routes.js';
import { TokenService } from '../identity/tokens.js';
import { installGraphAuth } from './auth.js';
import { graphErrorBody, installGraphErrorHandling, requestIds } from './errors.js';
import { registerBatchRoute } from './routes/batch.js';
import { registerCalendarViewRoutes } from './routes/calendar-view.js';
import { registerCategoryRoutes } from './routes/categories.js';
import { registerContactFolderRoutes } from './routes/contact-folders.js';
import { registerContactRoutes } from './routes/contacts.js';
import { registerDeletedItemsRoute } from './routes/deleted-items.js';
import { registerContactControlRoutes } from './routes/contacts-control.js';
import { registerContactDeltaRoute } from './routes/contacts-delta.js';
import { registerControlRoutes } from './routes/control.js';
import { registerSubscriptionRoutes } from './routes/subscriptions.js';
import { registerEventRoutes } from './routes/events.js';
import { registerTodoDeltaRoute } from './routes/todo-delta.js';
import { registerTodoListRoutes } from './routes/todo-lists.js';
import { registerTodoTaskRoutes } from './routes/todo-tasks.js';
import { registerUserRoutes } from './routes/users.js';
import { registerGroupRoutes } from './routes/groups.js';
import { DEMO_GROUPS } from './groups.js';
import { GRAPH_STATE_VERSION, GraphSandboxState, type GraphSandboxOptions } from './sandbox-state.js';
import { Throttle, mailboxKeyOf, peekCaller, throttlingHooks } from './throttle.js';

export const GRAPH_BODY_LIMIT = 4 * 1024 * 1024;

export interface GraphSandbox {
  url: string;
  app: FastifyInstance;
  state: GraphSandboxState;
  close(): Promise<void>;
}

const states = new WeakMap<FastifyInstance, GraphSandboxState>();

/** Restores the state file's snapshot, if any, and keeps the file up to date from then on (state-file.ts). */
function persistGraphState(app: FastifyInstance, state: GraphSandboxState, options: PersistOptions): void {
  const file = new StateFile({ name: 'Graph sandbox', sandbox: 'graph', version: GRAPH_STATE_VERSION, capture: () => state.snapshot() }, options);
  const outcome = file.load((data) => state.restore(data));
  if (outcome === 'unusable') state.reseedData();
  // Graph writes and control-plane changes; token requests (identity routes) change nothing that is kept.
  persistApp(app, file, outcome, (req) => isWriteRequest(req) && (req.url.startsWith('/v1.0') || req.url.startsWith('/_sandbox')));
}

/** The state behind an app made by buildGraphSandbox (store, throttle, subscriptions), for tests. */
export function graphSandboxState(app: FastifyInstance): GraphSandboxState | undefined {
  return states.get(app);
}

/** The sandbox as a fastify app that is not listening yet (use app.inject, or listen yourself). */
export async function buildGraphSandbox(opts: GraphSandboxOptions & { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: GRAPH_BODY_LIMIT,
    serverFactory: dualProtocolServerFactory,
    genReqId: () => randomUUID(),
    forceCloseConnections: true,
    // $batch members are sent to this server with the caller's host and scheme as X-Forwarded-*.
    trustProxy: true,
  });
  const tokens = await TokenService.create();
  installGraphErrorHandling(app);
  ignoreContentTypeOfBodylessRequests(app);
  // Hook order: throttling admission, control plane (count, latency, faults), auth, throttling verdict.
  const late: { state?: GraphSandboxState } = {};
  const throttle = new Throttle();
  const throttling = throttlingHooks(() => late.state?.store, throttle);
  throttling.admit(app);
  const control = installControlPlane(app, {
    errorBody: (_status, code, message) => graphErrorBody(code, message),
    mailboxOf: (req) => (late.state ? mailboxKeyOf(late.state.store, req, peekCaller(req)?.userId) : undefined),
  });
  const state = new GraphSandboxState(tokens, control, throttle, opts, app.log);
  late.state = state;
  if (opts.persist) persistGraphState(app, state, opts.persist);
  app.addHook('onSend', async (req, reply) => {
    if (!req.url.startsWith('/v1.0')) return;
    const { requestId, clientRequestId } = requestIds(req);
    reply.header('request-id', requestId).header('client-request-id', clientRequestId);
  });
  installGraphAuth(app, tokens);
  throttling.enforce(app);
  registerIdentityRoutes(app, tokens, (idOrMail) => state.store.findUser(idOrMail));
  registerUserRoutes(app, state.store);
  registerGroupRoutes(app, state.store, DEMO_GROUPS);
  registerEventRoutes(app, state.store);
  registerCalendarViewRoutes(app, state);
  registerTodoListRoutes(app, state.store);
  registerTodoTaskRoutes(app, state.store);
  registerTodoDeltaRoute(app, state);
  registerContactFolderRoutes(app, state.store);
  registerContactRoutes(app, state.store);
  registerContactDeltaRoute(app, state);
  registerDeletedItemsRoute(app, state.store);
  registerBatchRoute(app);
  registerCategoryRoutes(app, state.store);
  registerSubscriptionRoutes(app, state, state.subscriptions);
  app.addHook('onClose', async () => state.subscriptions.close());
  registerControlRoutes(app, state);
  registerContactControlRoutes(app, state);
  states.set(app, state);
  return app;
}

export async function startGraphSandbox(opts: GraphSandboxOptions & { host?: string; port: number; logger?: boolean }): Promise<GraphSandbox> {
  const app = await buildGraphSandbox(opts);
  const state = states.get(app) as GraphSandboxState;
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return { url: `http://${host}:${port}`, app, state, close: () => app.close() };
}
