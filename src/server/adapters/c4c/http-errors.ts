// HTTP outcomes of C4C → the domain's PortError codes, and the SAP Gateway error body
// {"error":{"code":"…","message":{"lang":"en","value":"…"}}} → a readable message.
import type { PortError } from '../../domain/errors.js';

/** Seconds from a Retry-After header (delta-seconds or HTTP-date); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** The message of an SAP OData error body, or a short excerpt of whatever else came back. */
export function sapErrorMessage(bodyText: string): string {
  try {
    const parsed = JSON.parse(bodyText) as { error?: { code?: unknown; message?: { value?: unknown } | string } };
    const message = parsed.error?.message;
    const value = typeof message === 'string' ? message : message?.value;
    if (typeof value === 'string' && value.length > 0) return value;
  } catch {
    // Not JSON (an HTML error page from a proxy, an XML error): fall through to the excerpt.
  }
  const xml = /<message[^>]*>([^<]*)<\/message>/.exec(bodyText)?.[1];
  if (xml) return xml;
  return bodyText.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The SAP error code of an OData error body (e.g. `INVALID_VALUE`): an identifier, safe to log. */
function sapErrorCode(bodyText: string): string | null {
  try {
    const code = (JSON.parse(bodyText) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' && /^[\w./-]{1,80}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}

/**
 * The message names the status and SAP's error code only; SAP's wording goes to `detail`, because it can quote
 * the values it rejected (a subject, an e-mail address) and the message is logged.
 */
export function portErrorForStatus(status: number, bodyText: string, retryAfter?: string | null): PortError {
  const code = sapErrorCode(bodyText);
  const message = `C4C answered ${status}${code ? ` ${code}` : ''}`;
  const detail = sapErrorMessage(bodyText);
  const wait = retryAfterSeconds(retryAfter);
  const base = (portCode: PortError['code']): PortError => ({ code: portCode, message, ...(detail ? { detail } : {}) });
  const withWait = (error: PortError): PortError => (wait === undefined ? error : { ...error, retryAfterSeconds: wait });
  if (status === 401 || status === 403) return base('auth');
  if (status === 404 || status === 410) return base('notFound');
  if (status === 409 || status === 412) return base('conflict');
  if (status === 429) return withWait(base('throttled'));
  if (status >= 500 || status === 408) return withWait(base('temporary'));
  return base('invalid');
}

export function networkError(err: unknown): PortError {
  const reason = err instanceof Error ? (err.name === 'TimeoutError' ? 'request timed out' : err.message) : String(err);
  return { code: 'temporary', message: `C4C unreachable: ${reason}` };
}

/** Statuses worth repeating after a pause: throttling and "try again" answers. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 502 || status === 504;
}
