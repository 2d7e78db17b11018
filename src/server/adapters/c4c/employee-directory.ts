// Employee e-mail addresses by business partner id, for the fan-out of the tenant-wide change query to the
// owners' and organizers' mailboxes (OwnerPartyID / OrganizerPartyID hold BP ids; only Visits carry an
// OwnerEmailURI, Appointments carry none). Cached for a while because the same few owners recur every session.
import type { CrmActivity } from '../../domain/snapshots.js';
import type { ODataHttp } from './odata-http.js';
import { eqAny, isExactMatchable } from './odata-literals.js';
import { batchGet, chunks, collectionPath } from './odata-read.js';

const IDS_PER_QUERY = 20;
const CACHE_TTL_MS = 10 * 60_000;

export class EmployeeDirectory {
  private readonly cache = new Map<string, { email: string | null; at: number }>();

  constructor(private readonly http: ODataHttp) {}

  /** E-mails (lower-case) of the given BP ids; ids that are no employee map to null. */
  async emailsOf(partyIds: readonly string[]): Promise<Map<string, string | null>> {
    const now = Date.now();
    const result = new Map<string, string | null>();
    const missing: string[] = [];
    for (const id of new Set(partyIds)) {
      const hit = this.cache.get(id);
      if (hit && now - hit.at < CACHE_TTL_MS) result.set(id, hit.email);
      else if (isExactMatchable(id)) missing.push(id);
    }
    if (missing.length > 0) {
      const paths = chunks(missing, IDS_PER_QUERY).map((ids) =>
        collectionPath('EmployeeCollection', { $filter: eqAny('BusinessPartnerID', ids), $select: 'BusinessPartnerID,EmployeeID,Email' }),
      );
      const found = new Map<string, string | null>();
      for (const rows of await batchGet(this.http, paths)) {
        for (const row of rows) {
          const bp = row['BusinessPartnerID'];
          const email = row['Email'];
          if (typeof bp === 'string') found.set(bp, typeof email === 'string' && email !== '' ? email.toLowerCase() : null);
        }
      }
      for (const id of missing) {
        const email = found.get(id) ?? null;
        this.cache.set(id, { email, at: now });
        result.set(id, email);
      }
    }
    return result;
  }

  /** Fills ownerEmail / organizerEmail from the employee records where the activity itself did not say. */
  async completeFanOut(activities: CrmActivity[]): Promise<CrmActivity[]> {
    const ids = activities.flatMap((a) => [
      ...(a.ownerEmail === null && a.ownerPartyId ? [a.ownerPartyId] : []),
      ...(a.organizerEmail === null && a.organizerPartyId ? [a.organizerPartyId] : []),
    ]);
    if (ids.length === 0) return activities;
    const emails = await this.emailsOf(ids);
    return activities.map((a) => ({
      ...a,
      ownerEmail: a.ownerEmail ?? (a.ownerPartyId ? (emails.get(a.ownerPartyId) ?? null) : null),
      organizerEmail: a.organizerEmail ?? (a.organizerPartyId ? (emails.get(a.organizerPartyId) ?? null) : null),
    }));
  }
}
