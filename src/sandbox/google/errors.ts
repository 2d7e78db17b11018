// Google's JSON error envelope, and the mapping of every failure (ours, fastify's, the control plane's) onto it, so
// that a client always gets `{error:{code,message,errors:[{domain,reason,message}],status}}` and never a 500 or a
// fastify-shaped body. The token endpoint is the exception: OAuth errors are `{error, error_description}` (oauth.ts).
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

export interface GoogleErrorBody {
  error: { code: number; message: string; errors: GoogleErrorItem[]; status: string };
}

/** The canonical status (google.rpc.Code name) Google puts beside each HTTP code. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'FAILED_PRECONDITION',
  412: 'FAILED_PRECONDITION',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class GoogleError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly domain = 'global',
    readonly location?: { type: string; name: string },
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): GoogleErrorBody {
    return googleErrorBody(this.status, this.reason, this.message, this.domain, this.location);
  }
}

export function googleErrorBody(status: number, reason: string, message: string, domain = 'global', location?: { type: string; name: string }): GoogleErrorBody {
  const item: GoogleErrorItem = { domain, reason, message, ...(location ? { locationType: location.type, location: location.name } : {}) };
  return { error: { code: status, message, errors: [item], status: STATUS_NAMES[status] ?? 'UNKNOWN' } };
}

export const notFound = () => new GoogleError(404, 'notFound', 'Not Found');
export const invalid = (message: string, location?: string) =>
  new GoogleError(400, 'invalid', message, 'global', location ? { type: 'parameter', name: location } : undefined);
export const required = (message: string) => new GoogleError(400, 'required', message);
export const preconditionFailed = () => new GoogleError(412, 'conditionNotMet', 'Precondition Failed', 'global', { type: 'header', name: 'If-Match' });
export const duplicate = () => new GoogleError(409, 'duplicate', 'The requested identifier already exists.');
export const fullSyncRequired = () => new GoogleError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.');
export const authError = () =>
  new GoogleError(401, 'authError', 'Invalid Credentials', 'global', { type: 'header', name: 'Authorization' }, { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' });

/**
 * The control plane's injected faults, named by their code there (common/control-plane.ts), as Google words them:
 * 429 and 403 rate limits in the `usageLimits` domain, 503 `backendError`.
 */
export function faultBody(status: number, code: string, message: string): GoogleErrorBody {
  switch (code) {
    case 'TooManyRequests':
      return googleErrorBody(429, 'rateLimitExceeded', 'Rate Limit Exceeded', 'usageLimits');
    case 'UserRateLimitExceeded':
      return googleErrorBody(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded', 'usageLimits');
    case 'ServiceUnavailable':
      return googleErrorBody(503, 'backendError', 'Backend Error');
    default:
      return googleErrorBody(status, status === 400 ? 'badRequest' : 'backendError', message);
  }
}

export function sendGoogleError(reply: FastifyReply, err: GoogleError): FastifyReply {
  for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
  return reply.code(err.status).type('application/json; charset=UTF-8').send(err.body());
}

const FASTIFY_CODES: Record<string, { status: number; reason: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, reason: 'uploadTooLarge', message: 'The request is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 400, reason: 'parseError', message: 'This API does not support parsing form-encoded input.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, reason: 'parseError', message: 'Parse Error' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, reason: 'parseError', message: 'Parse Error' },
};

/** Every error and unknown route gets Google's envelope. */
export function installGoogleErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | GoogleError | Error, req, reply) => {
    if (error instanceof GoogleError) return sendGoogleError(reply, error);
    const known = 'code' in error && typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined;
    if (known) return sendGoogleError(reply, new GoogleError(known.status, known.reason, known.message));
    if (error instanceof SyntaxError) return sendGoogleError(reply, new GoogleError(400, 'parseError', 'Parse Error'));
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) return sendGoogleError(reply, new GoogleError(status, 'badRequest', error.message));
    req.log.error({ err: error }, 'google sandbox internal error');
    return sendGoogleError(reply, new GoogleError(500, 'backendError', 'Backend Error'));
  });
  app.setNotFoundHandler((_req, reply) => sendGoogleError(reply, notFound()));
}
