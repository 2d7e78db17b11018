// Turns planned actions into the ports' write requests. Pure.
import type { Action } from '../../domain/actions.js';
import type { CalendarWriteRequest } from '../../ports/calendar-source.js';
import type { CrmWriteRequest, ResolvedParty } from '../../ports/crm-activities.js';

export type SideRequest = { side: 'outlook'; request: CalendarWriteRequest } | { side: 'crm'; request: CrmWriteRequest } | null;

function partiesFor(emails: readonly string[], parties: ReadonlyMap<string, ResolvedParty>): ResolvedParty[] {
  const out: ResolvedParty[] = [];
  for (const email of emails) {
    const party = parties.get(email.toLowerCase());
    if (party && !out.some((p) => p.partyId === party.partyId)) out.push(party);
  }
  return out;
}

/** The write an action needs, or null when it writes nothing remote. `parties`: attendee e-mail → C4C party (R8). */
export function requestFor(action: Action, parties: ReadonlyMap<string, ResolvedParty>): SideRequest {
  switch (action.type) {
    case 'createCrm':
      return {
        side: 'crm',
        request: {
          op: 'create',
          kind: action.kind,
          groupwareItemId: action.groupwareItemId,
          fields: action.fields,
          ownerPartyId: action.ownerPartyId ?? parties.get(action.ownerEmail)?.partyId ?? null,
          parties: partiesFor(
            action.fields.attendees.filter((a) => a.response !== 'declined').map((a) => a.email),
            parties,
          ),
        },
      };
    case 'updateCrm':
      return {
        side: 'crm',
        request: {
          op: 'update',
          kind: action.kind,
          objectId: action.crmObjectId,
          ifMatch: action.ifMatch,
          patch: action.patch,
          after: action.after,
          ...(action.patch.attendees
            ? { parties: partiesFor(action.patch.attendees.filter((a) => a.response !== 'declined').map((a) => a.email), parties) }
            : {}),
        },
      };
    case 'cancelCrm':
      return { side: 'crm', request: { op: 'cancel', kind: action.kind, objectId: action.crmObjectId, ifMatch: action.ifMatch } };
    case 'createOutlook':
      return {
        side: 'outlook',
        request: { op: 'create', transactionId: action.transactionId, kind: action.kind, fields: action.fields, categories: action.categories },
      };
    case 'updateOutlook':
      return {
        side: 'outlook',
        request: {
          op: 'update',
          id: action.outlookId,
          ifMatch: action.ifMatch,
          patch: action.patch,
          after: action.after,
          ...(action.categoryEdit ? { categoryEdit: action.categoryEdit } : {}),
        },
      };
    case 'deleteOutlook':
      return { side: 'outlook', request: { op: 'delete', id: action.outlookId, ifMatch: action.ifMatch } };
    case 'removeCategoryAndNotify':
      return { side: 'outlook', request: { op: 'editCategories', id: action.outlookId, edit: action.categoryEdit } };
    case 'markError':
    case 'clearError':
      return action.categoryEdit && action.outlookId
        ? { side: 'outlook', request: { op: 'editCategories', id: action.outlookId, edit: action.categoryEdit } }
        : null;
    case 'unlink':
    case 'recordState':
      return null;
  }
}

/** Every e-mail the plan needs resolved to a C4C party: attendees of CRM writes and owners without a party id. */
export function emailsToResolve(actions: readonly Action[]): string[] {
  const emails = new Set<string>();
  for (const action of actions) {
    if (action.type === 'createCrm') {
      if (action.ownerPartyId === null) emails.add(action.ownerEmail.toLowerCase());
      for (const a of action.fields.attendees) emails.add(a.email.toLowerCase());
    } else if (action.type === 'updateCrm' && action.patch.attendees) {
      for (const a of action.patch.attendees) emails.add(a.email.toLowerCase());
    }
  }
  return [...emails].sort();
}
