// The "cancelled" status code of Appointments (LifeCycleStatusCode) and Visits (Status), read from the tenant's
// value-help code lists (AppointmentLifeCycleStatusCodeCollection, VisitStatusCollection) instead of trusting a
// folklore number. Falls back to the domain's standard code (C4C_STATUS.cancelled = '4') only when the tenant
// has no such list or no entry described as cancelled, and says so in the log.
import type { Logger } from 'pino';
import type { SyncKind } from '../../../shared/categories.js';
import { C4C_STATUS } from '../../domain/c4c-fields.js';
import { PortFailure } from '../../ports/write-results.js';
import type { ODataHttp } from './odata-http.js';
import { collectionPath, readAll } from './odata-read.js';

export const STATUS_CODE_LISTS: Record<SyncKind, string> = {
  appointment: 'AppointmentLifeCycleStatusCodeCollection',
  visit: 'VisitStatusCollection',
};

/** The code whose description says cancelled (both spellings), or null. */
export function cancelledCodeIn(rows: readonly Record<string, unknown>[]): string | null {
  const row = rows.find((r) => typeof r['Description'] === 'string' && /cancel/i.test(r['Description']));
  return typeof row?.['Code'] === 'string' ? row['Code'] : null;
}

export class StatusCodes {
  private readonly cancelled = new Map<SyncKind, Promise<string>>();

  constructor(
    private readonly http: ODataHttp,
    private readonly logger: Logger,
  ) {}

  cancelledCode(kind: SyncKind): Promise<string> {
    let code = this.cancelled.get(kind);
    if (!code) {
      code = this.readCancelled(kind);
      this.cancelled.set(kind, code);
    }
    return code;
  }

  private async readCancelled(kind: SyncKind): Promise<string> {
    const set = STATUS_CODE_LISTS[kind];
    try {
      const code = cancelledCodeIn(await readAll(this.http, collectionPath(set, {})));
      if (code !== null) return code;
      this.logger.warn({ codeList: set, fallback: C4C_STATUS.cancelled }, 'c4c code list has no cancelled status; using the standard code');
    } catch (err) {
      // A tenant without the set falls back; any other failure (auth, throttling, network) fails this cancel
      // rather than guess a code, and is not cached, so the next cancel reads the list again.
      if (!(err instanceof PortFailure && err.error.code === 'notFound')) {
        this.cancelled.delete(kind);
        throw err;
      }
      this.logger.warn({ codeList: set, fallback: C4C_STATUS.cancelled }, 'c4c tenant has no status code list; using the standard code');
    }
    return C4C_STATUS.cancelled;
  }
}
