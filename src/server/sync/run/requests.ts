// Turns planned actions into the ports' write requests. Pure, family-blind: the family says which people of an
// item need CRM parties (calendar: attendees, R8).
import type { Action } from '../../domain/actions.js';
import type { ItemFamily } from '../../domain/family.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { CrmWriteRequestOf, ResolvedParty } from '../../ports/crm-port.js';
import type { GroupwareWriteRequest } from '../../ports/groupware-port.js';

export type SideRequest<F extends object, K extends string> = { side: 'outlook'; request: GroupwareWriteRequest<F, K> } | { side: 'crm'; request: CrmWriteRequestOf<F, K> } | null;

type PartyRule<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>> = Pick<ItemFamily<G, C>, 'partyEmails' | 'organizerEmailOf'>;

function partiesFor(emails: readonly string[], parties: ReadonlyMap<string, ResolvedParty>): ResolvedParty[] {
  const out: ResolvedParty[] = [];
  for (const email of emails) {
    const party = parties.get(email.toLowerCase());
    if (party && !out.some((p) => p.partyId === party.partyId)) out.push(party);
  }
  return out;
}

/** The organizer a new record names (R8), resolved; the family's organizer is not one of its `partyEmails`. */
function organizerOf<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(family: PartyRule<G, C>, fields: G['fields'], parties: ReadonlyMap<string, ResolvedParty>): ResolvedParty | null {
  const email = family.organizerEmailOf?.(fields) ?? null;
  return email ? (parties.get(email.toLowerCase()) ?? null) : null;
}

/** The write an action needs, or null when it writes nothing remote. `parties`: e-mail → CRM party (R8). */
export function requestFor<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  family: PartyRule<G, C>,
  action: Action<G['fields'], C['kind']>,
  parties: ReadonlyMap<string, ResolvedParty>,
): SideRequest<G['fields'], C['kind']> {
  const emailsOf = (fields: Partial<G['fields']>) => family.partyEmails?.(fields) ?? null;
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
          parties: partiesFor(emailsOf(action.fields) ?? [], parties),
          organizer: organizerOf(family, action.fields, parties),
          ...(action.shared ? { joinOnly: partiesFor([action.ownerEmail], parties) } : {}),
        },
      };
    case 'updateCrm': {
      const people = emailsOf(action.patch);
      return {
        side: 'crm',
        request: {
          op: 'update',
          kind: action.kind,
          objectId: action.crmObjectId,
          ifMatch: action.ifMatch,
          patch: action.patch,
          after: action.after,
          ...(people ? { parties: partiesFor(people, parties) } : {}),
        },
      };
    }
    case 'cancelCrm':
      return { side: 'crm', request: { op: 'cancel', kind: action.kind, objectId: action.crmObjectId, ifMatch: action.ifMatch } };
    case 'createOutlook':
      return { side: 'outlook', request: { op: 'create', transactionId: action.transactionId, kind: action.kind, fields: action.fields, categories: action.categories } };
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
          ...(action.notice !== undefined ? { notice: action.notice } : {}),
          ...(action.error !== undefined ? { error: action.error } : {}),
        },
      };
    case 'deleteOutlook':
      return { side: 'outlook', request: { op: 'delete', id: action.outlookId, ifMatch: action.ifMatch } };
    case 'removeCategoryAndNotify':
      // R11's notice goes on the item too where the family has a place for it (contacts: their notes).
      return { side: 'outlook', request: { op: 'editCategories', id: action.outlookId, edit: action.categoryEdit, notice: action.notice } };
    case 'markError':
    case 'clearError': {
      // R9's reason goes on with the error category and comes off with it, where the family shows it (contacts).
      const error = action.type === 'markError' ? action.error : null;
      return action.categoryEdit && action.outlookId ? { side: 'outlook', request: { op: 'editCategories', id: action.outlookId, edit: action.categoryEdit, error } } : null;
    }
    case 'unlink':
    case 'recordState':
      return null;
  }
}

/** Every e-mail the plan needs resolved to a CRM party: people of CRM writes and owners without a party id. */
export function emailsToResolve<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(family: PartyRule<G, C>, actions: readonly Action<G['fields'], C['kind']>[]): string[] {
  const emails = new Set<string>();
  for (const action of actions) {
    if (action.type === 'createCrm') {
      if (action.ownerPartyId === null || action.shared) emails.add(action.ownerEmail.toLowerCase());
      for (const e of family.partyEmails?.(action.fields) ?? []) emails.add(e.toLowerCase());
      const organizer = family.organizerEmailOf?.(action.fields) ?? null;
      if (organizer) emails.add(organizer.toLowerCase());
    } else if (action.type === 'updateCrm') {
      for (const e of family.partyEmails?.(action.patch) ?? []) emails.add(e.toLowerCase());
    }
  }
  return [...emails].sort();
}
