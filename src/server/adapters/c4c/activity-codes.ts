// The codes of an activity's child rows as this tenant defines them: BTD reference types (which document a link
// names) and involved-party roles (attendee, owner, organizer, and the account and contact roles other accounts and
// contacts are written with), from the value-help collections the metadata names for AppointmentBTDReference /
// AppointmentInvolvedParties and VisitBTDReference / VisitParty. Mapping by description: domain/c4c-codes.ts.
import type { SyncKind } from '../../../shared/categories.js';
import { CRM_OBJECT_TYPES, primaryRoleOf, type CrmLink } from '../../../shared/crm-links.js';
import { btdTypeCodesFrom, partyRolesFrom, type C4cActivityCodes, type CodeListRow } from '../../domain/c4c-codes.js';
import type { PortError } from '../../domain/errors.js';
import { sapZonesFrom, type SapZones } from '../../domain/sap-time-zones.js';
import type { Logger } from 'pino';
import { infoOnce } from '../../log/once.js';
import type { CodeLists } from './code-lists.js';

/**
 * The value-help collections of an activity's child rows and of its start time-zone code (the end zone's list is the
 * same list under another name; the sync writes one zone for both).
 */
export const ACTIVITY_CODE_LISTS: Record<SyncKind, { btdTypes: string; partyRoles: string; timeZones: string }> = {
  appointment: { btdTypes: 'AppointmentBTDReferenceTypeCodeCollection', partyRoles: 'AppointmentInvolvedPartiesRoleCodeCollection', timeZones: 'AppointmentStartDatetimeZoneCodeCollection' },
  visit: { btdTypes: 'VisitBTDReferenceTypeCodeCollection', partyRoles: 'VisitPartyRoleCodeCollection', timeZones: 'VisitStartTimeZoneCodeCollection' },
};

/** Zones per list as read (the code lists cache one array per read): matched once, not per session. */
const matched = new WeakMap<readonly CodeListRow[], SapZones>();

/** The tenant's time-zone codes from one list; codes no rule maps are logged once per code and process. */
export async function tenantZones(lists: CodeLists, set: string, logger: Logger): Promise<SapZones> {
  const rows = await lists.read(set);
  const known = matched.get(rows);
  if (known) return known;
  const zones = sapZonesFrom(rows);
  matched.set(rows, zones);
  // At info: a tenant's list may hold codes no zone uses today (SAP's UTC-83); an item in one is reported itself (R9).
  for (const code of zones.unmatched) {
    infoOnce(logger, `sapZoneList:${code}`, { codeList: set, zoneCode: code }, 'c4c time-zone code maps to no IANA zone; items in it are reported, not synced');
  }
  return zones;
}

export class ActivityCodes {
  constructor(
    private readonly lists: CodeLists,
    private readonly logger: Logger,
  ) {}

  async of(kind: SyncKind): Promise<C4cActivityCodes> {
    const sets = ACTIVITY_CODE_LISTS[kind];
    const [btdTypes, partyRoles, zones] = await Promise.all([this.lists.read(sets.btdTypes), this.lists.read(sets.partyRoles), tenantZones(this.lists, sets.timeZones, this.logger)]);
    return { btdTypes: btdTypeCodesFrom(btdTypes), partyRoles: partyRolesFrom(partyRoles), zones };
  }
}

/** Why an item cannot be written: the tenant has no time-zone code that keeps its zone's offsets (R9). */
export function unwritableZoneError(kind: SyncKind, zone: string): PortError {
  return {
    code: 'invalid',
    message: `C4C has no time-zone code for the item's zone`,
    detail: `SAP Cloud for Customer has no time-zone code for ${zone} in ${ACTIVITY_CODE_LISTS[kind].timeZones}, so the item is not synced rather than written as UTC. Choose another time zone for the item, or ask your administrator.`,
  };
}

/**
 * Why links of an item cannot be written to this tenant, for the item's owner (R9: the task pane shows it): which
 * links, and which code list lacks their code. The message names no link (it is logged); the detail does.
 */
export function unwritableLinksError(kind: SyncKind, links: readonly CrmLink[]): PortError {
  const sets = ACTIVITY_CODE_LISTS[kind];
  const reasons = links.map((link) => {
    const label = CRM_OBJECT_TYPES[link.type].label;
    const what = `the ${primaryRoleOf(link.type) ? 'other ' : ''}${label.toLowerCase()} ${link.id}`;
    return primaryRoleOf(link.type)
      ? `${what} (${sets.partyRoles} has no ${primaryRoleOf(link.type)} role for involved parties)`
      : `${what} (${sets.btdTypes} has no ${label} type)`;
  });
  return {
    code: 'invalid',
    message: `C4C has no code for ${links.length} link(s) of this item`,
    detail: `SAP Cloud for Customer cannot hold ${reasons.join('; ')}. Remove these links from the item, or ask your administrator to add the codes in C4C.`,
  };
}
