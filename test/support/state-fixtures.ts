// Builders for state-store rows, shared by store tests (and usable by anyone testing against a StateStore).
import { emptyCalendarItem, type NormalizedCalendarItem } from '../../src/server/domain/calendar-item.js';
import type { Mailbox } from '../../src/server/domain/mailbox.js';
import type { SessionHold, SyncLogEntry } from '../../src/server/domain/sync-log.js';
import type { SyncPair } from '../../src/server/domain/sync-pair.js';

export function aMailbox(overrides: Partial<Mailbox> = {}): Mailbox {
  return {
    mailboxId: 'mbx-1',
    tenantId: 'tenant-1',
    provider: 'graph',
    email: 'anna@contoso.example',
    displayName: 'Anna',
    employeePartyId: '8000000001',
    enabled: true,
    ...overrides,
  };
}

export function aCalendarItem(overrides: Partial<NormalizedCalendarItem> = {}): NormalizedCalendarItem {
  return {
    ...emptyCalendarItem(),
    subject: 'Quarterly review',
    startUtc: '2026-11-23T09:00:00Z',
    endUtc: '2026-11-23T10:00:00Z',
    timeZone: 'Europe/Berlin',
    location: 'Room 1',
    body: 'Agenda:\n- numbers',
    organizerEmail: 'anna@contoso.example',
    attendees: [{ email: 'ben@contoso.example', name: 'Ben', type: 'required', response: 'accepted' }],
    links: [{ type: 'account', id: '1000001', name: 'Contoso Ltd', primary: true }],
    ...overrides,
  };
}

export function aPair(overrides: Partial<SyncPair> = {}): SyncPair {
  return {
    pairId: 'pair-1',
    mailboxId: 'mbx-1',
    family: 'calendar',
    kind: 'appointment',
    origin: 'outlook',
    outlookId: 'AAMkAD-1',
    outlookVersion: 'ck-1',
    outlookHash: 'h-out-1',
    crmObjectId: '00163E0000000001',
    crmVersion: 'W/"etag-1"',
    crmHash: 'h-crm-1',
    base: { digests: { subject: 'digest-of-subject' }, span: { startUtc: '2026-11-21T00:00:00.000Z', endUtc: '2026-11-22T00:00:00.000Z' } },
    status: 'synced',
    lastError: null,
    errorSince: null,
    updatedAt: '2026-11-21T08:00:00.000Z',
    ...overrides,
  };
}

export function aLogEntry(overrides: Partial<SyncLogEntry> = {}): SyncLogEntry {
  return {
    at: '2026-11-21T08:00:00.000Z',
    sessionId: 'session-1',
    mailboxId: 'mbx-1',
    pairId: 'pair-1',
    event: 'createCrm',
    outcome: 'ok',
    code: null,
    message: null,
    ...overrides,
  };
}

export function aHold(overrides: Partial<SessionHold> = {}): SessionHold {
  return {
    holdId: 'hold-1',
    mailboxId: 'mbx-1',
    createdAt: '2026-11-21T08:00:00.000Z',
    reason: '30 cancels exceed the limit of 25',
    actions: [{ type: 'cancelCrm', pairId: 'pair-1', kind: 'appointment', crmObjectId: '00163E0000000001', ifMatch: 'W/"etag-1"' }],
    status: 'held',
    decidedAt: null,
    decidedBy: null,
    ...overrides,
  };
}
