// Structured logs (pino, JSON lines). Secrets never reach the output: fields named like credentials are replaced
// by "[redacted]" at any depth up to four levels (request headers, token responses, config objects, error
// details), and bearer tokens or JWTs that slip into a message string are masked too.
import { pino, type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';

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
  'CLIENT_SECRET',
  'C4C_PASSWORD',
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

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error);
  serialized.message = scrubSecrets(serialized.message);
  if (typeof serialized.stack === 'string') serialized.stack = scrubSecrets(serialized.stack);
  return serialized;
}

export interface LoggerSettings {
  level?: Level | 'silent';
  /** Shown as `name` on every line (e.g. "web", "worker"). */
  name?: string;
  /** Fields on every line. */
  base?: Record<string, unknown>;
  /** Where lines go; default stdout. Tests pass a stream that collects them. */
  destination?: DestinationStream;
}

export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    base: { ...(settings.name ? { name: settings.name } : {}), ...settings.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      logMethod(args, method) {
        const scrubbed: unknown[] = args.map((arg: unknown) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
        // Without a message pino takes the error's own message as `msg`, unscrubbed: give it the scrubbed one.
        const [first, second] = scrubbed;
        const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
        if (error instanceof Error && typeof second !== 'string') scrubbed.splice(1, 0, scrubSecrets(error.message));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    serializers: { err: serializeError, error: serializeError },
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}
