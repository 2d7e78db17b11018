// Graph's error envelope and the mapping of every failure (ours, fastify's, zod's) onto it, so that bad input
// always gets a Graph-shaped 4xx and never a 500 or a fastify-shaped body.
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string };
  };
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'The specified object was not found in the store.') =>
  new GraphError(404, 'ErrorItemNotFound', what);
export const badRequest = (message: string, code = 'BadRequest') => new GraphError(400, code, message);

export function graphErrorBody(code: string, message: string, requestId: string = randomUUID(), clientRequestId: string = requestId): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ''), 'request-id': requestId, 'client-request-id': clientRequestId },
    },
  };
}

export function requestIds(req: FastifyRequest): { requestId: string; clientRequestId: string } {
  const client = req.headers['client-request-id'];
  const requestId = String(req.id);
  return { requestId, clientRequestId: typeof client === 'string' && client ? client : requestId };
}

export function sendGraphError(req: FastifyRequest, reply: FastifyReply, err: GraphError): FastifyReply {
  const { requestId, clientRequestId } = requestIds(req);
  for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
  return reply.code(err.status).type('application/json').send(graphErrorBody(err.code, err.message, requestId, clientRequestId));
}

const FASTIFY_CODES: Record<string, { status: number; code: string; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'RequestEntityTooLarge', message: 'The request body exceeds the 4 MB limit.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UnsupportedMediaType' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'BadRequest', message: 'Empty Payload. JSON content expected.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'BadRequest', message: 'Unable to read JSON request payload.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BadRequest' },
};

/** Installs the error and not-found handlers that turn everything into Graph's envelope. */
export function installGraphErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | GraphError | Error, req, reply) => {
    if (error instanceof GraphError) return sendGraphError(req, reply, error);
    const fastifyCode = 'code' in error && typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined;
    if (fastifyCode) return sendGraphError(req, reply, new GraphError(fastifyCode.status, fastifyCode.code, fastifyCode.message ?? error.message));
    if (error instanceof SyntaxError) return sendGraphError(req, reply, badRequest('Unable to read JSON request payload.'));
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) return sendGraphError(req, reply, new GraphError(status, 'BadRequest', error.message));
    req.log.error({ err: error }, 'graph sandbox internal error');
    return sendGraphError(req, reply, new GraphError(500, 'InternalServerError', 'The sandbox failed to handle the request.'));
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const segment = path.split('/').filter(Boolean).pop() ?? '';
    if (path.startsWith('/v1.0')) return sendGraphError(req, reply, badRequest(`Resource not found for the segment '${segment}'.`));
    return sendGraphError(req, reply, new GraphError(404, 'NotFound', `No route for ${req.method} ${path}.`));
  });
}
