// Field edits the property tests make on either side, grouped in the merge's units (times travel together).
import type { CrmLink } from '../../../src/shared/crm-links.js';
import { emptyCalendarItem, type NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { canonicalField, canonicalLinks, type CanonicalValue } from '../../../src/server/domain/canonical.js';

export const EDIT_UNITS = ['subject', 'location', 'body', 'time', 'links', 'sensitivity'] as const;
export type EditUnit = (typeof EDIT_UNITS)[number];
export type Side = 'outlook' | 'crm';

const BASE_MS = Date.UTC(2026, 10, 23, 8, 0, 0);

function instant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function initialFields(seed: number, organizerEmail: string): NormalizedCalendarItem {
  const start = BASE_MS + (seed % 100) * 3_600_000;
  return {
    ...emptyCalendarItem(),
    subject: `Item ${seed}`,
    startUtc: instant(start),
    endUtc: instant(start + 3_600_000),
    timeZone: 'Europe/Berlin',
    location: 'HQ',
    body: `Notes ${seed}`,
    organizerEmail,
  };
}

function linksFor(side: Side, value: number): CrmLink[] {
  return side === 'outlook'
    ? [
        { type: 'opportunity', id: `O${value}`, name: `Deal ${value}` },
        { type: 'account', id: `A${value % 3}`, name: 'Acme', primary: true },
        // A secondary contact: C4C holds it as an involved party, and it merges like every other link.
        { type: 'contact', id: `K${value}`, name: 'Secondary' },
      ]
    : [{ type: 'lead', id: `L${value}` }];
}

/** The fields with one unit set to a value derived from (side, value). */
export function applyEdit(fields: NormalizedCalendarItem, unit: EditUnit, side: Side, value: number): NormalizedCalendarItem {
  const tag = `${side === 'outlook' ? 'O' : 'C'}${value}`;
  switch (unit) {
    case 'subject':
      return { ...fields, subject: `Subject ${tag}` };
    case 'location':
      return { ...fields, location: `Room ${tag}` };
    case 'body':
      return { ...fields, body: `Line 1 ${tag}\nLine 2` };
    case 'time': {
      const start = BASE_MS + ((value % 150) + (side === 'crm' ? 200 : 0)) * 3_600_000;
      return { ...fields, startUtc: instant(start), endUtc: instant(start + ((value % 3) + 1) * 1_800_000), isAllDay: false };
    }
    case 'links':
      return { ...fields, links: linksFor(side, value) };
    case 'sensitivity':
      return { ...fields, sensitivity: value % 2 === 0 ? 'private' : 'normal' };
  }
}

/** The canonical value of a unit (what both sides must agree on). */
export function unitValue(fields: NormalizedCalendarItem, unit: EditUnit): CanonicalValue {
  if (unit === 'time') return [fields.startUtc, fields.endUtc, String(fields.isAllDay)];
  if (unit === 'links') return canonicalLinks(fields.links);
  return canonicalField(fields, unit);
}
