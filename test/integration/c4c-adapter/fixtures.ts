// Items and windows the adapter tests write and read.
import { emptyCalendarItem, type NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { toIsoUtc } from '../../../src/server/domain/time.js';
import type { CrmWriteRequest } from '../../../src/server/ports/crm-activities.js';
import type { WriteResult, WriteSuccess } from '../../../src/server/ports/write-results.js';

const DAY = 86_400_000;

export function syncWindow(now = Date.now()): { startUtc: string; endUtc: string } {
  return { startUtc: toIsoUtc(now - 30 * DAY), endUtc: toIsoUtc(now + 180 * DAY) };
}

export function item(overrides: Partial<NormalizedCalendarItem> = {}): NormalizedCalendarItem {
  const start = Math.floor(Date.now() / DAY) * DAY + 2 * DAY + 9 * 3_600_000;
  return {
    ...emptyCalendarItem(),
    subject: 'Quarterly review',
    startUtc: toIsoUtc(start),
    endUtc: toIsoUtc(start + 3_600_000),
    timeZone: 'UTC',
    location: 'Berlin',
    body: 'Agenda',
    ...overrides,
  };
}

export function createRequest(groupwareItemId: string, overrides: Partial<NormalizedCalendarItem> = {}, kind: 'appointment' | 'visit' = 'appointment'): CrmWriteRequest {
  return { op: 'create', kind, groupwareItemId, fields: item(overrides), ownerPartyId: '8000000001', parties: [] };
}

/** The success of a write result, failing the test with the error otherwise. */
export function ok(result: WriteResult | undefined): WriteSuccess {
  if (!result?.ok) throw new Error(`write failed: ${JSON.stringify(result)}`);
  return result;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
