// The CrmPort of the contact family (R14) over SAP C4C's c4codataapi: ContactCollection,
// IndividualCustomerCollection, EmployeeCollection and CorporateAccountCollection, on the same transport as the
// other families (Basic auth, CSRF token and session cookies, retries with backoff, $batch, SAP error mapping).
// Beside the port: reads by readable id (the sync list names records so) and the duplicate check by e-mail.
import type { Logger } from 'pino';
import { CONTACT_KINDS, type ContactKind, type CrmContactRecord } from '../../domain/contact-item.js';
import { normalizeC4cContact, removedContactRecord } from '../../domain/normalize-c4c-contact.js';
import { toIsoUtc } from '../../domain/time.js';
import type { CrmChangesOf, CrmPort, ResolvedParty } from '../../ports/crm-port.js';
import type { SyncListPeople, SyncListPerson } from '../../ports/sync-list-people.js';
import type { SyncListRuleSource } from '../../ports/sync-list-rule.js';
import { PortFailure, type WriteResult } from '../../ports/write-results.js';
import { readOwnedAccountContactIds } from './account-contacts.js';
import { matchPeopleByEmail } from './people-match.js';
import { CLOCK_SKEW_MARGIN_MS, guarded, lastChangedMs } from './change-query.js';
import type { C4cAdapterOptions } from './c4c-crm-activities.js';
import { newestChangeMs, readChangedRecords, readContactsByEmail, readRecordsByC4cIds, readRecordsByObjectIds } from './contact-reader.js';
import { ContactWriter, type ContactWriteRequest } from './contact-writer.js';
import { ODataHttp } from './odata-http.js';

export class C4cCrmContacts implements CrmPort<CrmContactRecord>, SyncListRuleSource, SyncListPeople {
  private readonly http: ODataHttp;
  private readonly logger: Logger;
  private readonly writer: ContactWriter;

  constructor(
    options: C4cAdapterOptions,
    /** The clock that decides whether an employee's validity has ended. */
    private readonly nowMs: () => number = Date.now,
  ) {
    this.logger = options.logger.child({ adapter: 'c4c', family: 'contact' });
    this.http = new ODataHttp({ ...options, logger: this.logger });
    this.writer = new ContactWriter(this.http, this.logger);
  }

  /**
   * Records of the four kinds changed at or after the mark (inclusive), one query per entity set. Without a mark,
   * none: records on a sync list are read by id when they are added (sync/contact-sync.ts), so the first poll only
   * takes a mark, just after the newest change C4C has (C4C's clock). Not the window's start: an address book
   * imported in one go shares its last-change second, and an inclusive mark on it would read every one of those
   * records again at every poll until some record changed.
   */
  changedSince(tenantId: string, highWater: string | null, _window: { startUtc: string; endUtc: string }): Promise<CrmChangesOf<CrmContactRecord>> {
    return guarded(async () => {
      if (highWater === null) return { activities: [], nextHighWater: await this.firstMark() };
      const sinceMs = Date.parse(highWater);
      if (Number.isNaN(sinceMs)) throw new PortFailure({ code: 'cursor', message: `unreadable change mark ${highWater}` });
      let newestMs = Number.NEGATIVE_INFINITY;
      const records: CrmContactRecord[] = [];
      // The four sets at once: inside a tenant poll their queries share one $batch (read-batcher.ts).
      const perKind = await Promise.all(CONTACT_KINDS.map(async (kind) => ({ kind, entities: await readChangedRecords(this.http, kind, sinceMs) })));
      for (const { kind, entities } of perKind) {
        for (const entity of entities) {
          newestMs = Math.max(newestMs, lastChangedMs(entity) ?? newestMs);
          records.push(normalizeC4cContact(entity, kind, this.nowMs()));
        }
      }
      const nextHighWater = Number.isFinite(newestMs) ? toIsoUtc(newestMs) : highWater;
      this.logger.info({ tenantId, changed: records.length, nextHighWater }, 'c4c contact change query read');
      return { activities: records, nextHighWater };
    });
  }

  /**
   * One second after the newest change of the four kinds: a record changed in that very second after this read is
   * missed (whole-second marks), which only a brand-new tenant's first seconds can see.
   */
  private async firstMark(): Promise<string> {
    const newest = (await Promise.all(CONTACT_KINDS.map((kind) => newestChangeMs(this.http, kind)))).filter((ms): ms is number => ms !== null);
    const mark = newest.length > 0 ? Math.max(...newest) + 1000 : Date.now() - CLOCK_SKEW_MARGIN_MS;
    return toIsoUtc(Math.floor(mark / 1000) * 1000);
  }

  getByIds(_tenantId: string, refs: readonly { kind: ContactKind; objectId: string }[]): Promise<CrmContactRecord[]> {
    return guarded(async () => {
      const found = new Map<string, CrmContactRecord>();
      for (const kind of new Set(refs.map((r) => r.kind))) {
        const byId = await readRecordsByObjectIds(this.http, kind, refs.filter((r) => r.kind === kind).map((r) => r.objectId));
        for (const [objectId, entity] of byId) found.set(`${kind}:${objectId}`, normalizeC4cContact(entity, kind, this.nowMs()));
      }
      return refs.map((r) => found.get(`${r.kind}:${r.objectId}`) ?? removedContactRecord(r.objectId, r.kind));
    });
  }

  /** The records a sync list names (readable ids), by id; ids C4C does not have are absent. */
  getByC4cIds(kind: ContactKind, c4cIds: readonly string[]): Promise<Map<string, CrmContactRecord>> {
    return guarded(async () => {
      const found = new Map<string, CrmContactRecord>();
      for (const [id, entity] of await readRecordsByC4cIds(this.http, kind, c4cIds)) found.set(id, normalizeC4cContact(entity, kind, this.nowMs()));
      return found;
    });
  }

  /** C4C contacts with one of these e-mail addresses, oldest first (the duplicate check of R14). */
  findContactsByEmail(emails: readonly string[]): Promise<CrmContactRecord[]> {
    return guarded(async () => (await readContactsByEmail(this.http, emails)).map((e) => normalizeC4cContact(e, 'contact', this.nowMs())));
  }

  /** The sync list's admin rule `owned-account-contacts` (account-contacts.ts). */
  contactsOfOwnedAccounts(employeePartyId: string): Promise<string[]> {
    return guarded(() => readOwnedAccountContactIds(this.http, employeePartyId));
  }

  /** A meeting's attendees as C4C employees and the caller's contacts (people-match.ts). */
  matchByEmail(emails: readonly string[], contactOwnerPartyId: string): Promise<SyncListPerson[]> {
    return guarded(() => matchPeopleByEmail(this.http, emails, contactOwnerPartyId));
  }

  /** Contacts carry no GroupwareItemID: a create finds its record by e-mail instead (contact-writer.ts). */
  findByGroupwareItemId(): Promise<CrmContactRecord | null> {
    return Promise.resolve(null);
  }

  write(_tenantId: string, requests: readonly ContactWriteRequest[]): Promise<WriteResult[]> {
    return guarded(() => this.writer.write(requests));
  }

  /** Contacts have no parties to resolve. */
  resolveParties(_tenantId: string, _emails: readonly string[]): Promise<ResolvedParty[]> {
    return Promise.resolve([]);
  }
}
