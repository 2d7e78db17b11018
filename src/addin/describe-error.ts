// Turns failures into the sentences the task pane and the ribbon commands show (both import it from here, so the
// commands never reach into the task pane).
import { ApiError } from './api/errors.js';
import { NotSignedInError } from './auth/errors.js';
import { OfficeCallError } from './office/async.js';
import { NoCategoryRouteError, UnsavedItemError } from './sync-as.js';
import { format } from './text/format.js';
import type { Strings } from './text/en.js';

export function describeError(error: unknown, strings: Strings): string {
  const e = strings.errors;
  if (error instanceof NotSignedInError) return e.notSignedIn;
  if (error instanceof NoCategoryRouteError) return strings.syncAs.viaServiceUnavailable;
  if (error instanceof UnsavedItemError) return strings.syncAs.saveFirst;
  if (error instanceof OfficeCallError) return format(e.office, { reason: error.code });
  if (error instanceof ApiError) {
    switch (error.kind) {
      case 'unreachable':
        return e.unreachable;
      case 'notSignedIn':
        return e.notSignedIn;
      case 'forbidden':
        return e.forbidden;
      case 'timeout':
        return e.timeout;
      default:
        return format(e.server, { reason: error.message });
    }
  }
  return format(e.server, { reason: error instanceof Error ? error.message : String(error) });
}

/** Problems with the service as a whole (as opposed to one request) that the pane keeps on screen. */
export function serviceProblemOf(error: unknown): 'unreachable' | 'notSignedIn' | 'forbidden' | null {
  if (error instanceof NotSignedInError) return 'notSignedIn';
  if (!(error instanceof ApiError)) return null;
  if (error.kind === 'unreachable' || error.kind === 'timeout') return 'unreachable';
  if (error.kind === 'notSignedIn') return 'notSignedIn';
  if (error.kind === 'forbidden') return 'forbidden';
  return null;
}
