// The task pane's search of CRM objects to link (accounts, contacts, opportunities …), as the signed-in user may
// see them in C4C. Two ways (README, "Security"): as the user themself, so C4C applies the access restrictions of
// their business role (OAuth 2.0 SAML bearer assertion with Entra ID as identity provider), or, where that is not
// set up, as the technical user limited to the objects the user owns or is responsible for. Never the technical
// user's whole view: it can read every object of the tenant.
import type { CrmObjectType } from '../../shared/crm-links.js';
import type { CrmPreview, PreviewType } from '../../shared/preview-api.js';
import type { Mailbox } from '../domain/mailbox.js';
import type { CrmSearchHit } from './crm-activities.js';

export interface CrmSearchCaller {
  /** Entra object id of the signed-in user. */
  userId: string;
  /** The user's bearer token for the service's API (the on-behalf-of grant exchanges it); never logged or stored. */
  apiToken: string;
  /** The caller's mailbox: its C4C employee (employeePartyId) bounds the technical user's search. */
  mailbox: Mailbox;
}

export interface CrmSearchQuery {
  text: string;
  types: readonly CrmObjectType[];
  top: number;
}

export interface CrmSearch {
  /** Which of the two ways this deployment searches (README, "Security"). */
  readonly mode: 'user' | 'owner';
  /**
   * Objects matching the query that the caller may see. Fails with PortFailure: `auth` when C4C would not let the
   * caller in (no business user for them, the identity provider or OAuth client not set up), others as usual.
   */
  search(caller: CrmSearchCaller, query: CrmSearchQuery): Promise<CrmSearchHit[]>;
  /**
   * The key fields of one account, contact, opportunity or ticket for the pane's preview card, read the same way as the search: null
   * when the caller may not see it (or it is gone). Fails as `search` does.
   */
  preview(caller: CrmSearchCaller, type: PreviewType, id: string): Promise<CrmPreview | null>;
}
