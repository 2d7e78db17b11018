// Graph HTTP outcomes → the port's small set of error codes (domain/errors.ts).
import type { PortError, PortErrorCode } from '../../domain/errors.js';

export interface GraphErrorInfo {
  code: string;
  message: string;
}

/** `{"error":{"code","message"}}` out of a Graph error body, tolerant of anything else. */
export function graphErrorInfo(body: unknown): GraphErrorInfo {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error?: unknown }).error;
    if (error && typeof error === 'object') {
      const { code, message } = error as { code?: unknown; message?: unknown };
      return { code: typeof code === 'string' ? code : 'unknown', message: typeof message === 'string' ? message : '' };
    }
  }
  return { code: 'unknown', message: typeof body === 'string' ? body.slice(0, 300) : '' };
}

export function portCodeOfStatus(status: number): PortErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'throttled';
  if (status >= 500 || status === 408 || status === 0) return 'temporary';
  return 'invalid';
}

/**
 * A port error for a non-2xx Graph response. The message names the status and Graph's error code; Graph's
 * wording goes to `detail`, because it can quote the item (and the message is logged).
 */
export function portErrorOf(status: number, body: unknown, retryAfterSeconds?: number): PortError {
  const info = graphErrorInfo(body);
  const code = /^[\w.-]{1,80}$/.test(info.code) ? info.code : 'unknown';
  const error: PortError = { code: portCodeOfStatus(status), message: `Graph ${status} ${code}`, ...(info.message ? { detail: info.message } : {}) };
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  return error;
}

/** Whether a delta request failed because its state token expired or became invalid (→ full resync). */
export function isExpiredDeltaToken(status: number, body: unknown): boolean {
  if (status === 410) return true;
  const { code } = graphErrorInfo(body);
  return status === 400 && /syncstate|resyncrequired/i.test(code);
}

/**
 * Whether a 404 means "this item does not exist". Graph also answers 404 for a mailbox it cannot reach
 * (ErrorInvalidUser, MailboxNotEnabledForRESTAPI); reading that as "every item was deleted" would cancel
 * activities in C4C, so only the item-level code counts.
 */
export function isItemGone(status: number, body: unknown): boolean {
  return status === 404 && /^(ErrorItemNotFound|itemNotFound)$/i.test(graphErrorInfo(body).code);
}
