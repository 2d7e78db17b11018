// The tenant's code lists (c4c:value-help collections such as AppointmentBTDReferenceTypeCodeCollection), read as
// C4C serves them (`<Set>?$format=json`, rows {Code, Description}) and cached: one instance per adapter, and an
// adapter serves one tenant, so the cache is the tenant's. Entries expire after `ttlMs` (an hour by default), so a
// tenant's new codes, or another system after a re-pair, are picked up without a restart. A failed read is not
// cached; a tenant without the set (404) has no values.
import type { Logger } from 'pino';
import type { CodeListRow } from '../../domain/c4c-codes.js';
import { PortFailure } from '../../ports/write-results.js';
import type { ODataHttp } from './odata-http.js';
import { collectionPath, readAll } from './odata-read.js';

export const CODE_LIST_TTL_MS = 60 * 60_000;

export class CodeLists {
  private readonly cache = new Map<string, { at: number; rows: Promise<CodeListRow[]> }>();

  constructor(
    private readonly http: ODataHttp,
    private readonly logger: Logger,
    private readonly ttlMs = CODE_LIST_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  read(set: string): Promise<CodeListRow[]> {
    const at = this.now();
    const cached = this.cache.get(set);
    if (cached && at - cached.at < this.ttlMs) return cached.rows;
    const rows = this.fetch(set);
    const entry = { at, rows };
    this.cache.set(set, entry);
    rows.catch(() => {
      if (this.cache.get(set) === entry) this.cache.delete(set);
    });
    return rows;
  }

  private async fetch(set: string): Promise<CodeListRow[]> {
    try {
      const rows = await readAll(this.http, collectionPath(set, {}));
      return rows.flatMap((r) => (typeof r['Code'] === 'string' && typeof r['Description'] === 'string' ? [{ Code: r['Code'], Description: r['Description'] }] : []));
    } catch (err) {
      if (!(err instanceof PortFailure && err.error.code === 'notFound')) throw err;
      this.logger.warn({ codeList: set }, 'c4c tenant has no such code list; using the standard codes');
      return [];
    }
  }
}
