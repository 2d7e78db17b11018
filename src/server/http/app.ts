// The service's HTTP app, built separately from the server (as in fastify's demo app) so tests use `inject`.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAdminPage, type AdminPageDeps } from './admin-page.js';
import { registerAdminRoutes, type AdminDeps } from './admin-routes.js';
import { installApiGate, registerRateLimitSupport, type ApiRateLimits } from './api-guard.js';
import { registerApiRoutes, type ApiDeps } from './api-routes.js';
import { installErrorHandling } from './errors.js';
import { registerHealthRoutes, type HealthDeps } from './health-routes.js';
import { openApiDocument } from './openapi.js';
import { installSecurityHeaders } from './security-headers.js';
import { registerPeopleRoutes } from './people-routes.js';
import { registerSyncListRoutes } from './sync-list-routes.js';
import { registerWebhookRoutes, type WebhookDeps } from './webhook-routes.js';

export interface AppDeps {
  api: ApiDeps;
  /** /api/admin: needs /api's token check and the admin role. */
  admin: AdminDeps;
  /** The admin console page (/admin/); absent: not served. */
  adminPage?: AdminPageDeps;
  webhooks: Omit<WebhookDeps, 'bodyLimit'>;
  health: HealthDeps;
  /** Largest request body accepted anywhere (bytes). */
  bodyLimit: number;
  /** The /api rate limits (webhooks and health are not limited): per signed-in user, and per address for the rest. */
  rateLimits: ApiRateLimits;
  /**
   * The proxies trusted to name the client address (X-Forwarded-For): their addresses and CIDR ranges
   * (TRUST_PROXY); false = the socket's address counts.
   */
  trustProxy: false | string[];
  /** The service's pino logger, or false for none (tests). */
  logger: FastifyBaseLogger | false;
}

/** Request lines at info drowned what people read (sessions, failures): they are written at debug; errors stay. */
class RequestsAtDebug extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.bodyLimit,
    trustProxy: deps.trustProxy,
    logController: new RequestsAtDebug(),
  });
  installErrorHandling(app);
  installSecurityHeaders(app);
  await registerRateLimitSupport(app);
  await app.register(async (api) => {
    installApiGate(api, deps.api.verifyToken, deps.rateLimits);
    registerApiRoutes(api, deps.api);
    registerSyncListRoutes(api, deps.api);
    registerPeopleRoutes(api, deps.api);
    // In the same plugin as /api, so its gate (which sets req.caller) and rate limit apply.
    registerAdminRoutes(api, deps.admin);
  });
  registerWebhookRoutes(app, { ...deps.webhooks, bodyLimit: deps.bodyLimit });
  registerHealthRoutes(app, deps.health);
  if (deps.adminPage) registerAdminPage(app, deps.adminPage);
  const openApi = openApiDocument('0.1.0');
  app.get('/openapi.json', async () => openApi);
  return app;
}
