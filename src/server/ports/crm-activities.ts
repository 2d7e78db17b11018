// The C4C side of the calendar family: Appointments and Visits through the c4codataapi OData v2 service
// (adapters/c4c). Activities come back normalized (domain/normalize-c4c.ts) and are written with payloads from
// domain/c4c-payloads.ts. The engine's view of it is the family-blind CrmPort (crm-port.ts).
import type { SyncKind } from '../../shared/categories.js';
import type { CrmLink, CrmObjectType } from '../../shared/crm-links.js';
import type { CrmPreview, PreviewType } from '../../shared/preview-api.js';
import type { NormalizedCalendarItem } from '../domain/calendar-item.js';
import type { CrmActivity } from '../domain/snapshots.js';
import type { CrmChangesOf, CrmPort, CrmWriteRequestOf } from './crm-port.js';

export type { ResolvedParty } from './crm-port.js';
export type CrmChanges = CrmChangesOf<CrmActivity>;
export type CrmWriteRequest = CrmWriteRequestOf<NormalizedCalendarItem, SyncKind>;

export interface CrmSearchHit extends CrmLink {
  /** Extra line for the task pane (city, account of a contact, status …). */
  detail?: string;
}

export interface CrmActivities extends CrmPort<CrmActivity> {
  /**
   * Search of linkable objects by name/id prefix, as the technical user (which reads every object): `ownerPartyId`
   * bounds it to the objects that employee owns or is responsible for (ports/crm-search.ts, owner mode).
   */
  searchLinkable(tenantId: string, query: { text: string; types: readonly CrmObjectType[]; top: number; ownerPartyId?: string }): Promise<CrmSearchHit[]>;
  /** One account's, contact's, opportunity's or ticket's preview fields as the technical user, bounded to `ownerPartyId`'s objects likewise. */
  previewRecord(tenantId: string, query: { type: PreviewType; id: string; ownerPartyId: string }): Promise<CrmPreview | null>;
}
