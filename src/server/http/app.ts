// The service's HTTP app, built separately from the server (as in fastify's demo app) so tests use `inject`.
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAdminRoutes, type AdminDeps } from './admin-routes.js';
import { registerApiRoutes, type ApiDeps } from './api-routes.js';
import { installErrorHandling } from './errors.js';
import { registerHealthRoutes, type HealthDeps } from './health-routes.js';
import { openApiDocument } from './openapi.js';
import { registerWebhookRoutes, type WebhookDeps } from './webhook-routes.js';

export interface AppDeps {
  api: ApiDeps;
  /** /api/admin: needs /api's token check and the admin role. */
  admin: AdminDeps;
  webhooks: Omit<WebhookDeps, 'bodyLimit'>;
  health: HealthDeps;
  /** Largest request body accepted anywhere (bytes). */
  bodyLimit: number;
  /** Requests per minute per client address on /api (webhooks and health are not limited). */
  apiRateLimitPerMinute: number;
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
    // Never echo internals; request ids let an admin find the log line behind an error.
    trustProxy: false,
    logController: new RequestsAtDebug(),
  });
  installErrorHandling(app);
  await app.register(rateLimit, {
    global: false,
    max: deps.apiRateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s.` },
    }),
  });
  await app.register(async (api) => {
    api.addHook('onRequest', api.rateLimit());
    registerApiRoutes(api, deps.api);
    // In the same plugin as /api, so its token check (which sets req.caller) and rate limit apply.
    registerAdminRoutes(api, deps.admin);
  });
  registerWebhookRoutes(app, { ...deps.webhooks, bodyLimit: deps.bodyLimit });
  registerHealthRoutes(app, deps.health);
  const openApi = openApiDocument('0.1.0');
  app.get('/openapi.json', async () => openApi);
  return app;
}
