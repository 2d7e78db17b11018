// Writes of the contact family (R14), as OData $batch requests with one change set per request (one rejected
// request rolls back only itself): the creation of a C4C contact from an Outlook contact, after a duplicate check by
// e-mail (an existing contact with one of its addresses is taken instead, which also makes a create whose answer was
// lost find its record), and updates with If-Match of contacts, individual customers and accounts. Employees are
// never written, and nothing is ever cancelled or deleted in C4C.
import type { Logger } from 'pino';
import { C4C_CONTACT_PROPERTIES } from '../../domain/c4c-contact-fields.js';
import { toC4cContactCreate, toC4cContactUpdate } from '../../domain/c4c-contact-payloads.js';
import { isWritableKind, type ContactKind, type NormalizedContact } from '../../domain/contact-item.js';
import { canonicalJson } from '../../domain/hash.js';
import { c4cVersionOf } from '../../domain/normalize-c4c.js';
import { normalizeC4cContactFields } from '../../domain/normalize-c4c-contact.js';
import type { CrmWriteRequestOf } from '../../ports/crm-port.js';
import type { WriteResult } from '../../ports/write-results.js';
import { CHANGE_SETS_PER_BATCH } from './activity-writer.js';
import { readContactsByEmail, readRecordsByObjectIds } from './contact-reader.js';
import type { ODataHttp } from './odata-http.js';
import { keyPredicate } from './odata-literals.js';
import { chunks } from './odata-read.js';
import { asPortError, sendChangeSets, writeFailure as failure, type PlannedChangeSet } from './send-change-sets.js';

export type ContactWriteRequest = CrmWriteRequestOf<NormalizedContact, ContactKind>;

type Results = (WriteResult | undefined)[];

interface Planned extends PlannedChangeSet {
  kind: ContactKind;
  /** The record's fields once the write is done (what a re-read must show for its version to be ours). */
  after: NormalizedContact;
}

/** What a write of `kind` sets, as C4C would hold it: two records agree on it when these bodies are equal. */
const written = (kind: ContactKind, fields: NormalizedContact) => canonicalJson(toC4cContactUpdate(kind, fields, fields));

export class ContactWriter {
  constructor(
    private readonly http: ODataHttp,
    private readonly logger: Logger,
  ) {}

  async write(requests: readonly ContactWriteRequest[]): Promise<WriteResult[]> {
    const results: Results = requests.map(() => undefined);
    const planned: Planned[] = [];
    for (const [index, req] of requests.entries()) {
      const plan = await this.plan(index, req, results);
      if (plan) planned.push(plan);
    }
    for (const group of chunks(planned, CHANGE_SETS_PER_BATCH)) await sendChangeSets(this.http, group, results);
    await this.rereadVersions(planned, results);
    return results.map((r) => r ?? failure({ code: 'temporary', message: 'no result recorded' }));
  }

  /** The change set of one request, or null when its result is known without a write (recorded in `results`). */
  private async plan(index: number, req: ContactWriteRequest, results: Results): Promise<Planned | null> {
    if (req.op === 'cancel') {
      results[index] = failure({ code: 'invalid', message: 'contacts are never cancelled or deleted in C4C' });
      return null;
    }
    if (!isWritableKind(req.kind)) {
      results[index] = failure({ code: 'invalid', message: `C4C ${req.kind} records are read-only in Outlook` });
      return null;
    }
    const set = C4C_CONTACT_PROPERTIES[req.kind].entitySet;
    if (req.op === 'update') {
      const body = toC4cContactUpdate(req.kind, req.patch, req.after);
      if (Object.keys(body).length === 0) {
        results[index] = { ok: true, id: req.objectId, version: req.ifMatch };
        return null;
      }
      return { index, kind: req.kind, after: req.after, objectId: req.objectId, rereadVersion: false, writes: [{ method: 'PATCH', path: `${set}${keyPredicate(req.objectId)}`, headers: { 'If-Match': req.ifMatch }, body }] };
    }
    if (req.kind !== 'contact') {
      results[index] = failure({ code: 'invalid', message: 'only C4C contacts are created from Outlook' });
      return null;
    }
    try {
      const [existing] = await readContactsByEmail(this.http, req.fields.emails);
      if (existing) {
        const objectId = String(existing['ObjectID'] ?? '');
        this.logger.info({ objectId }, 'c4c contact create found an existing contact with the same e-mail address; taking it');
        results[index] = { ok: true, id: objectId, version: c4cVersionOf(existing) };
        return null;
      }
    } catch (err) {
      results[index] = failure(asPortError(err));
      return null;
    }
    return { index, kind: req.kind, after: req.fields, objectId: null, rereadVersion: false, writes: [{ method: 'POST', path: set, body: toC4cContactCreate(req.fields) }] };
  }

  /**
   * ETags the answers did not carry (a PATCH answered without an etag header). A user's edit may land before the
   * re-read: the ETag counts as ours only when the record still holds what we wrote, else it stays unknown (null) and
   * the next session compares content.
   */
  private async rereadVersions(planned: readonly Planned[], results: Results): Promise<void> {
    for (const kind of new Set(planned.filter((p) => p.rereadVersion && p.objectId).map((p) => p.kind))) {
      const targets = planned.filter((p) => p.kind === kind && p.rereadVersion && p.objectId);
      try {
        const byId = await readRecordsByObjectIds(this.http, kind, targets.map((p) => p.objectId ?? ''));
        for (const p of targets) {
          const result = results[p.index];
          const entity = byId.get(p.objectId ?? '');
          if (!result?.ok || !entity) continue;
          const ours = written(kind, normalizeC4cContactFields(entity, kind)) === written(kind, p.after);
          results[p.index] = { ...result, version: ours ? c4cVersionOf(entity) : null };
        }
      } catch (err) {
        // The writes landed; an unknown version only means the next session compares content once more.
        this.logger.warn({ err: asPortError(err).message }, 'c4c could not re-read contact versions after writes');
      }
    }
  }
}
