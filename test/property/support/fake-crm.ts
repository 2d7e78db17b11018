// An in-memory C4C Appointments and Visits with the behaviour the sync relies on (fake-c4c-store.ts: an ETag per
// write, the change query by EntityLastChangedOn, delete notifications, If-Match, create upserts by
// GroupwareItemID), and a lossy representation: it keeps only the attendees it can resolve to parties, no link
// names, and accounts as accounts (other accounts and contacts as involved parties, documents as BTD references).
import type { SyncKind } from '../../../src/shared/categories.js';
import type { CrmLink } from '../../../src/shared/crm-links.js';
import type { Attendee, NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import type { CrmActivity } from '../../../src/server/domain/snapshots.js';
import { FakeC4cStore, internalTime, iso, type CrmTime, type StoredC4cRecord } from './fake-c4c-store.js';
import type { FakeResult } from './fake-groupware-store.js';

export const RESOLVABLE_DOMAIN = '@contoso.example';

export interface StoredActivity extends StoredC4cRecord<NormalizedCalendarItem, SyncKind> {
  organizerEmail: string;
}

export type { CrmTime } from './fake-c4c-store.js';

function crmLinks(links: readonly CrmLink[]): CrmLink[] {
  return links.map((l) => ({
    type: l.type === 'individualCustomer' ? 'account' : l.type,
    id: l.id,
    ...(l.primary ? { primary: true } : {}),
  }));
}

function crmAttendees(attendees: readonly Attendee[]): Attendee[] {
  return attendees
    .filter((a) => a.email.endsWith(RESOLVABLE_DOMAIN))
    .map((a) => ({ email: a.email.toLowerCase(), name: '', type: 'required' as const, response: 'none' as const }));
}

/** What C4C keeps of an item. */
export function asStoredByCrm(fields: NormalizedCalendarItem, kind: SyncKind): NormalizedCalendarItem {
  return {
    ...structuredClone(fields),
    links: crmLinks(fields.links),
    attendees: crmAttendees(fields.attendees),
    sensitivity: kind === 'visit' ? 'normal' : fields.sensitivity,
    showAs: 'busy',
  };
}

export class FakeCrm extends FakeC4cStore<NormalizedCalendarItem, SyncKind, StoredActivity, CrmActivity> {
  constructor(
    private readonly mailboxEmail: string,
    time: CrmTime = internalTime(),
  ) {
    super('OBJ', 'etag', time);
  }

  protected keep(fields: NormalizedCalendarItem, kind: SyncKind): NormalizedCalendarItem {
    return asStoredByCrm(fields, kind);
  }

  protected inWindow(a: StoredActivity, window: { startUtc: string; endUtc: string }): boolean {
    return Date.parse(a.fields.endUtc) >= Date.parse(window.startUtc) && Date.parse(a.fields.startUtc) <= Date.parse(window.endUtc);
  }

  protected snapshot(a: StoredActivity): CrmActivity {
    return {
      objectId: a.objectId,
      kind: a.kind,
      version: a.version,
      groupwareItemId: a.groupwareItemId,
      status: a.status,
      removed: false,
      ownerPartyId: 'E-OWNER',
      ownerEmail: this.mailboxEmail,
      organizerPartyId: null,
      organizerEmail: a.organizerEmail,
      lastChangedOn: iso(a.changedOnMs),
      fields: structuredClone(a.fields),
    };
  }

  protected removedSnapshot(objectId: string, kind: SyncKind): CrmActivity {
    return {
      objectId, kind, version: '', groupwareItemId: null, status: 'cancelled', removed: true,
      ownerPartyId: null, ownerEmail: null, organizerPartyId: null, organizerEmail: null, lastChangedOn: iso(0), fields: asStoredByCrm({
        subject: '', startUtc: '1970-01-01T00:00:00Z', endUtc: '1970-01-01T00:00:00Z', isAllDay: false, timeZone: 'UTC', location: '', body: '',
        sensitivity: 'normal', showAs: 'busy', organizerEmail: null, attendees: [], links: [], seriesId: null, occurrenceDate: null,
      }, kind),
    };
  }

  // --- users in C4C ---

  userCreate(kind: SyncKind, fields: NormalizedCalendarItem): string {
    const organizerEmail = this.mailboxEmail;
    return this.insert((objectId) => ({
      objectId, kind, version: '', groupwareItemId: null, status: 'open', organizerEmail,
      fields: asStoredByCrm({ ...fields, organizerEmail }, kind), seq: 0, changedOnMs: 0, origin: 'user',
    })).objectId;
  }

  // --- the service's writes ---

  create(kind: SyncKind, groupwareItemId: string, fields: NormalizedCalendarItem): FakeResult {
    return this.upsert(kind, groupwareItemId, fields, (objectId) => ({
      objectId, kind, version: '', groupwareItemId, status: 'open', organizerEmail: fields.organizerEmail ?? this.mailboxEmail,
      fields: asStoredByCrm(fields, kind), seq: 0, changedOnMs: 0, origin: 'service',
    }), (record) => record.status !== 'cancelled'); // as activity-writer.ts: a cancelled activity is never written again (R2 switch back)
  }
}
