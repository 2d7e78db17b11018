// Builders for planner tests.
import type { Action } from '../../../src/server/domain/actions.js';
import { calendarFamily } from '../../../src/server/domain/calendar-family.js';
import { plan } from '../../../src/server/sync/plan/planner.js';
import { emptyCalendarItem, type NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { hashItem } from '../../../src/server/domain/hash.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../src/server/domain/settings.js';
import type { CrmActivity, OutlookItemPresent } from '../../../src/server/domain/snapshots.js';
import type { SyncPair } from '../../../src/server/domain/sync-pair.js';
import type { PlanInput } from '../../../src/server/sync/plan/plan-types.js';
import { pairBaseOf } from '../../../src/server/domain/pair-base.js';
import { TEST_SEAL } from '../../support/test-sealer.js';

export const NOW = '2026-11-21T12:00:00Z';
export const APPT = DEFAULT_SYNC_SETTINGS.categories.appointment;
export const ERROR_CAT = DEFAULT_SYNC_SETTINGS.categories.error;

export const mailbox: Mailbox = {
  mailboxId: 'mb-ava',
  tenantId: 't1',
  provider: 'graph',
  email: 'ava@contoso.example',
  displayName: 'Ava',
  employeePartyId: 'E-AVA',
  enabled: true,
};

export function fields(overrides: Partial<NormalizedCalendarItem> = {}): NormalizedCalendarItem {
  return {
    ...emptyCalendarItem(),
    subject: 'Review',
    startUtc: '2026-11-23T09:00:00Z',
    endUtc: '2026-11-23T10:00:00Z',
    organizerEmail: 'ava@contoso.example',
    ...overrides,
  };
}

export function outlookItem(id: string, overrides: Partial<OutlookItemPresent> = {}): OutlookItemPresent {
  return {
    removed: false,
    id,
    version: `${id}-v1`,
    iCalUId: `ical-${id}`,
    transactionId: null,
    categories: [APPT],
    isOrganizer: true,
    isCancelled: false,
    type: 'singleInstance',
    fields: fields(),
    ...overrides,
  };
}

export function crmActivity(objectId: string, overrides: Partial<CrmActivity> = {}): CrmActivity {
  return {
    objectId,
    kind: 'appointment',
    version: `${objectId}-e1`,
    groupwareItemId: null,
    status: 'open',
    removed: false,
    ownerPartyId: 'E-AVA',
    ownerEmail: 'ava@contoso.example',
    organizerPartyId: 'E-AVA',
    organizerEmail: 'ava@contoso.example',
    lastChangedOn: NOW,
    fields: fields(),
    ...overrides,
  };
}

/** The row a previous successful sync of these two would have left. */
export function syncedPair(pairId: string, outlook: OutlookItemPresent, crm: CrmActivity, overrides: Partial<SyncPair> = {}): SyncPair {
  return {
    pairId,
    mailboxId: mailbox.mailboxId,
    family: 'calendar',
    kind: crm.kind,
    origin: 'outlook',
    outlookId: outlook.id,
    outlookVersion: outlook.version,
    outlookHash: TEST_SEAL.item(hashItem(outlook.fields, 'outlook', crm.kind)),
    crmObjectId: crm.objectId,
    crmVersion: crm.version,
    crmHash: TEST_SEAL.item(hashItem(crm.fields, 'crm', crm.kind)),
    base: pairBaseOf(calendarFamily, TEST_SEAL, outlook.fields),
    status: 'synced',
    lastError: null,
    errorSince: null,
    updatedAt: '2026-11-20T00:00:00Z',
    ...overrides,
  };
}

export function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return { family: calendarFamily, mailbox, settings: DEFAULT_SYNC_SETTINGS, pairs: [], outlookItems: [], crmActivities: [], now: NOW, seal: TEST_SEAL, ...overrides };
}

/** The plan with its groups also laid out flat (each group's steps, then its record), as the tests read them. */
export function planActions(planInput: PlanInput) {
  const out = plan(planInput);
  const flat = (groups: typeof out.groups): Action[] => groups.flatMap((g) => [...g.steps, g.record]);
  return { ...out, actions: flat(out.groups), held: flat(out.held) };
}

/** The keyed digest a pair's base keeps of one field of an item (domain/state-digest.ts). */
export function baseDigest(fields: NormalizedCalendarItem, field: string): string | undefined {
  return pairBaseOf(calendarFamily, TEST_SEAL, fields).digests[field];
}

/** The keyed digests of every field of an item, as outcomes.ts folds them into a partly written base. */
export const digestsOfFields = (fields: NormalizedCalendarItem) => pairBaseOf(calendarFamily, TEST_SEAL, fields).digests;
