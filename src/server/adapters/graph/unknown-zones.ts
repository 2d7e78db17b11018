// R9: a zone name Graph gives that maps to no IANA zone (a legacy custom zone, say) is logged once per name and
// process; the items themselves carry the reason (domain: unknownZone on their fields).
import type { Logger } from 'pino';
import type { UnknownZone } from '../../domain/calendar-item.js';
import { warnOnce } from '../../log/once.js';

type Read = { removed: true } | { removed: false; fields: { unknownZone?: UnknownZone } };

export function noteUnknownZones(items: readonly Read[], logger: Logger): void {
  for (const item of items) {
    const zone = item.removed ? undefined : item.fields.unknownZone;
    if (zone) warnOnce(logger, `graphZone:${zone.name}`, { zone: zone.name }, 'graph time-zone name maps to no IANA zone; items in it are reported, not synced');
  }
}
