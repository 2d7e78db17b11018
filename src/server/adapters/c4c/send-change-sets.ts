// Sends planned writes as one OData $batch, one change set per planned write (so one failure does not roll back the
// others), and turns the answers into one WriteResult per write: the new ObjectID and ETag of a create, the ETag of
// an update, and which writes need their version re-read (no ETag in the answer). Shared by the activity and task
// writers.
import type { PortError } from '../../domain/errors.js';
import { c4cVersionOf } from '../../domain/normalize-c4c.js';
import { PortFailure, type WriteResult } from '../../ports/write-results.js';
import type { BatchWrite } from './batch-format.js';
import { portErrorForStatus } from './http-errors.js';
import type { ODataHttp } from './odata-http.js';
import { executeBatch, type ODataEntity } from './odata-read.js';

/** One write as its writer planned it; `objectId` null for a create (set here from the answer). */
export interface PlannedChangeSet {
  index: number;
  objectId: string | null;
  writes: BatchWrite[];
  /** Set here: the answer carried no ETag, so the writer re-reads the version. */
  rereadVersion: boolean;
}

export const writeFailure = (error: PortError): WriteResult => ({ ok: false, error });
export const asPortError = (err: unknown): PortError => (err instanceof PortFailure ? err.error : { code: 'temporary', message: (err as Error).message });

export async function sendChangeSets(http: ODataHttp, group: PlannedChangeSet[], results: (WriteResult | undefined)[]): Promise<void> {
  let parts;
  try {
    parts = await executeBatch(http, group.map((p) => ({ kind: 'changeset' as const, writes: p.writes })), false);
  } catch (err) {
    for (const p of group) results[p.index] = writeFailure(asPortError(err));
    return;
  }
  group.forEach((p, i) => {
    const part = parts[i];
    const responses = part?.kind === 'changeset' ? part.responses : part ? [part.response] : [];
    const failed = responses.find((r) => r.status >= 300) ?? (responses.length === 0 ? { status: 500, headers: {}, body: 'empty change set response' } : undefined);
    if (failed) {
      results[p.index] = writeFailure(portErrorForStatus(failed.status, failed.body, failed.headers['retry-after']));
      p.rereadVersion = false;
      return;
    }
    const first = responses[0];
    if (p.objectId === null) {
      const entity = (JSON.parse(first?.body || '{}') as { d?: ODataEntity }).d ?? {};
      const objectId = typeof entity['ObjectID'] === 'string' ? entity['ObjectID'] : '';
      const version = c4cVersionOf(entity) || first?.headers['etag'] || '';
      results[p.index] = { ok: true, id: objectId, version };
      p.objectId = objectId;
      p.rereadVersion = version === '';
      return;
    }
    const version = first?.headers['etag'] ?? '';
    results[p.index] = { ok: true, id: p.objectId, version };
    if (version === '') p.rereadVersion = true;
  });
}
