// The contact family's share of the random interleavings (R14): users put C4C records on their sync list and take
// them off, edit, create and delete contacts in the service's Outlook folder, and C4C users create, edit, block and
// delete records of the four kinds, while sessions of every family run (commands.ts mixes them).
import fc from 'fast-check';
import { CONTACT_KINDS, type ContactKind } from '../../../src/server/domain/contact-item.js';
import { CONTACT_EDIT_UNITS, applyContactEdit, initialContact, type ContactEditUnit } from './contact-edits.js';
import type { World } from './harness.js';

export type ContactCommand =
  | { op: 'lAdd'; target: number }
  | { op: 'lRemove'; target: number }
  | { op: 'pCreate'; seed: number }
  | { op: 'pEdit'; target: number; unit: ContactEditUnit; value: number }
  | { op: 'pDelete'; target: number }
  | { op: 'rCreate'; kind: ContactKind; seed: number }
  | { op: 'rEdit'; target: number; unit: ContactEditUnit; value: number }
  | { op: 'rBlock'; target: number }
  | { op: 'rDelete'; target: number };

const target = fc.nat(20);
const value = fc.nat(1000);
const unit = fc.constantFrom(...CONTACT_EDIT_UNITS);

export const contactCommandArbs: { weight: number; arbitrary: fc.Arbitrary<ContactCommand> }[] = [
  { weight: 2, arbitrary: fc.record({ op: fc.constant('lAdd' as const), target }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('lRemove' as const), target }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('pCreate' as const), seed: value }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('pEdit' as const), target, unit, value }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('pDelete' as const), target }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rCreate' as const), kind: fc.constantFrom(...CONTACT_KINDS), seed: value }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('rEdit' as const), target, unit, value }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rBlock' as const), target }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rDelete' as const), target }) },
];

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

// "Its copy was deleted in Outlook and it is still on the list" (about once in 3,000 cases, not excluded): one cause
// was an engine bug (a list removal lost after the commit), fixed and replayed; the other, fast-check seed 404691555
// (property seed -1628721736), noted here as open, was the checker's (a user's delete of a blocked record's copy is no
// removal from the list, contact-world.ts). Both are replayed in contact-regressions.test.ts.

/** Applies one contact command to the world. */
export function runContactCommand(world: World, command: ContactCommand): void {
  const cw = world.contacts;
  const copies = cw.folder.all().sort((a, b) => a.id.localeCompare(b.id));
  const records = cw.c4c.all().sort((a, b) => a.objectId.localeCompare(b.objectId));
  switch (command.op) {
    case 'lAdd': {
      // Any record, those made from Outlook too (known bugs 8, 9 and 11 fixed and replayed: contact-regressions.test.ts).
      const record = pick(records, command.target);
      if (record) cw.listAdd(record.kind, cw.c4c.c4cIdOf(record.objectId));
      return;
    }
    case 'lRemove': {
      const ref = pick(cw.syncList.refs(), command.target);
      if (ref) cw.listRemove(ref.type, ref.c4cId);
      return;
    }
    case 'pCreate':
      // A contact the user makes in the folder with the contact category: it becomes a C4C contact and joins the list.
      cw.folder.userCreate(initialContact(`P${world.tick()}`, command.seed), [world.settings.categories.contact]);
      return;
    case 'pEdit': {
      const copy = pick(copies, command.target);
      if (copy) cw.userEdit(copy.id, command.unit, command.value);
      return;
    }
    case 'pDelete': {
      const copy = pick(copies, command.target);
      if (copy) cw.userDelete(copy.id);
      return;
    }
    case 'rCreate':
      cw.c4c.userCreate(command.kind, initialContact(`R${world.tick()}`, command.seed));
      return;
    case 'rEdit': {
      // KNOWN BUG 7 (fast-check seed -970173529: a contact made in Outlook, a session whose C4C create answer is lost
      // before the contact is linked, the record's e-mail cleared in C4C, a session): C4C keeps no id of the Outlook
      // contact, so the retry finds the record its lost create made by e-mail only (the duplicate check); without the
      // e-mail it makes a second C4C contact. C4C users change the e-mails of records made from Outlook here only once
      // their pair is committed. A documented limitation (docs/sync-rules.md, R14): the OData API gives a contact no
      // property the service may set to find it by (ExternalID is neither creatable nor updatable in $metadata).
      const unconfirmed = (r: (typeof records)[number]) => r.origin === 'service' && !world.committedContactPair((p) => p.crmObjectId === r.objectId);
      const record = pick(command.unit === 'emails' ? records.filter((r) => !unconfirmed(r)) : records, command.target);
      if (record) cw.c4c.userEdit(record.objectId, (f) => applyContactEdit(f, command.unit, 'crm', command.value));
      return;
    }
    case 'rBlock': {
      const record = pick(records, command.target);
      if (record) cw.c4c.userCancel(record.objectId);
      return;
    }
    case 'rDelete': {
      const record = pick(records, command.target);
      if (record) cw.c4c.userDelete(record.objectId);
      return;
    }
  }
}
