// Structured logs (pino, JSON lines). Secrets never reach the output: fields named like credentials are replaced
// by "[redacted]" at any depth up to four levels (request headers, token responses, config objects, error
// details), and bearer tokens or JWTs that slip into a message string are masked too. Content (subjects, bodies,
// e-mail addresses, attendees, search text) stays out of every line above debug, and private items out of every
// line (content.ts); request lines name the route, never the query string.
import { pino, type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';
import { consoleDestination } from './console-lines.js';
import { maskEmails, scrubContent } from './content.js';

export type { Logger };

export const REDACTED = '[redacted]';

/** Field names (exact, case-sensitive as pino matches them) whose values are secrets wherever they appear. */
export const SECRET_FIELD_NAMES = [
  'authorization',
  'Authorization',
  'proxy-authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'x-csrf-token',
  'x-api-key',
  'password',
  'passwd',
  'secret',
  'clientSecret',
  'client_secret',
  'clientState',
  'client_state',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'assertion',
  'client_assertion',
  'apiKey',
  'api_key',
  'privateKey',
  'private_key',
  'webhookSecret',
  'webhookClientStateSecret',
  'oauthClientSecret',
  'CLIENT_SECRET',
  'C4C_PASSWORD',
  'C4C_WEBHOOK_PASSWORD',
  'C4C_OAUTH_CLIENT_SECRET',
  'C4C_WEBHOOK_SECRET',
  'GRAPH_WEBHOOK_CLIENT_STATE_SECRET',
  'DATABASE_URL',
] as const;

const MAX_DEPTH = 4;

function accessor(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`;
}

/** pino redact paths: every secret field name at the top level and under 1…MAX_DEPTH-1 levels of wildcards. */
export const REDACT_PATHS: readonly string[] = SECRET_FIELD_NAMES.flatMap((name) =>
  Array.from({ length: MAX_DEPTH }, (_, depth) => {
    if (depth > 0) return `${Array.from({ length: depth }, () => '*').join('.')}${accessor(name)}`;
    return accessor(name).replace(/^\./, '');
  }),
);

const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** Masks credentials inside free text (an error message that quotes a header, say). */
export function scrubSecrets(text: string): string {
  return text.replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`).replace(JWT, REDACTED);
}

/** pino's debug level: lines at this level or below may carry content (never private items). */
const DEBUG = 20;

const scrubText = (text: string): string => maskEmails(scrubSecrets(text));

/**
 * Errors at every level: secrets and e-mail addresses masked, and the remote side's wording of a port error
 * (`detail`, which can echo the item) dropped: the message of a PortFailure is ours and names no content.
 */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? scrubText(error) : scrubContent(error, false);
  const { message, stack, ...rest } = pino.stdSerializers.err(error);
  return {
    ...(scrubContent(plain(rest), false) as Record<string, unknown>),
    message: scrubText(message),
    ...(typeof stack === 'string' ? { stack: scrubText(stack) } : {}),
  };
}

/** pino serializes an error's own properties into objects of its own prototype: plain copies can be scrubbed. */
function plain(value: Record<string, unknown>): unknown {
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return {};
  }
}

interface RequestLike {
  method?: string;
  url?: string;
  ip?: string;
  routeOptions?: { url?: string };
}

/** The service's own top-level paths: what an unrouted request's line keeps of its path. */
const TOP_LEVEL_PATH = /^\/(api|webhooks|admin|healthz|readyz|metrics|openapi\.json)(?=\/|$)/;

/**
 * Request lines name the route pattern (`/api/items/:itemId/status`), never the query string (the task pane's
 * search text, a validation token) or path parameters. An unrouted path (a 404) is anybody's text, so its line
 * keeps only our top-level part (`/api/…`): the rest could be search text or an e-mail address in any encoding.
 */
function serializeRequest(req: RequestLike): Record<string, unknown> {
  const url = req.routeOptions?.url ?? unroutedPath(req.url ?? '');
  return { method: req.method, ...(url ? { url } : {}), ...(req.ip ? { remoteAddress: req.ip } : {}) };
}

function unroutedPath(url: string): string | undefined {
  const path = url.split('?', 1)[0] ?? '';
  if (path === '') return undefined;
  const top = TOP_LEVEL_PATH.exec(path)?.[0];
  if (!top) return '/…';
  return path === top ? top : `${top}/…`;
}

function serializeReply(reply: { statusCode?: number }): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

export interface LoggerSettings {
  level?: Level | 'silent';
  /** Shown as `name` on every line (e.g. "web", "worker"). */
  name?: string;
  /** Fields on every line. */
  base?: Record<string, unknown>;
  /** Where lines go; default stdout. Tests pass a stream that collects them. */
  destination?: DestinationStream;
  /** `pretty`: readable lines for a terminal (console-lines.ts); `json` (default): pino's JSON lines. */
  format?: 'json' | 'pretty';
}

export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    base: { ...(settings.name ? { name: settings.name } : {}), ...settings.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      logMethod(args, method, level) {
        const keepContent = level <= DEBUG;
        const scrubbed: unknown[] = args.map((arg: unknown) => {
          if (typeof arg === 'string') return keepContent ? scrubSecrets(arg) : scrubText(arg);
          return arg instanceof Error ? arg : scrubContent(arg, keepContent);
        });
        // Without a message pino takes the error's own message as `msg`, unscrubbed: give it the scrubbed one.
        const [first, second] = scrubbed;
        const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
        if (error instanceof Error && typeof second !== 'string') scrubbed.splice(1, 0, scrubText(error.message));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    serializers: { err: serializeError, error: serializeError, req: serializeRequest, res: serializeReply },
  };
  const destination = settings.destination ?? (settings.format === 'pretty' ? consoleDestination(process.stdout) : undefined);
  const logger = destination ? pino(options, destination) : pino(options);
  // A child's bindings are on every line it writes, whatever the level, so they never carry content. pino's
  // bindings formatter does not apply to children; children inherit `child` from their parent, so one wrapper
  // on the root covers every generation (fastify's request loggers included).
  const child = logger.child.bind(logger);
  logger.child = function scrubbedChild(this: Logger, bindings, childOptions) {
    return child.call(this, scrubContent(bindings, false) as typeof bindings, childOptions);
  } as Logger['child'];
  return logger;
}
