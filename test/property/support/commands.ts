// Random interleavings of user edits on both sides, of the three item families (calendar; tasks: task-commands.ts;
// contacts and the sync list: contact-commands.ts),
// and sync sessions with faults.
import fc from 'fast-check';
import type { SyncKind } from '../../../src/shared/categories.js';
import { syncCategoryFor } from '../../../src/server/domain/rules.js';
import { EDIT_UNITS, applyEdit, initialFields, type EditUnit } from './edits.js';
import type { Faults, World } from './harness.js';
import { runTaskCommand, taskCommandArbs, type TaskCommand } from './task-commands.js';
import { contactCommandArbs, runContactCommand, type ContactCommand } from './contact-commands.js';

export type Command =
  | { op: 'oCreate'; kind: SyncKind; tagged: boolean; seed: number }
  | { op: 'oEdit'; target: number; unit: EditUnit; value: number }
  | { op: 'oUntag'; target: number }
  | { op: 'oRetag'; target: number; kind: SyncKind }
  | { op: 'oDelete'; target: number }
  | { op: 'oAttendee'; target: number; value: number }
  | { op: 'cCreate'; kind: SyncKind; seed: number }
  | { op: 'cEdit'; target: number; unit: EditUnit; value: number }
  | { op: 'cCancel'; target: number }
  | { op: 'cDelete'; target: number }
  | TaskCommand
  | ContactCommand
  | { op: 'session'; faults: Faults };

const kindArb = fc.constantFrom<SyncKind>('appointment', 'appointment', 'visit');
const target = fc.nat(20);
const value = fc.nat(1000);
const unit = fc.constantFrom(...EDIT_UNITS);
export const faultsArb: fc.Arbitrary<Faults> = fc.record({
  failBefore: fc.constantFrom(0, 0.1, 0.3),
  failAfter: fc.constantFrom(0, 0.1, 0.3),
  crash: fc.constantFrom(0, 0.2, 0.5),
  failRead: fc.constantFrom(0, 0, 0.1),
});

/**
 * Faults plus user edits and tenant polls racing the session's writes (for properties that do not track every
 * edit). A racing poll files C4C changes, our own writes among them, while the session has not committed yet.
 */
export const racingFaultsArb: fc.Arbitrary<Faults> = fc
  .tuple(faultsArb, fc.constantFrom(0, 0.1, 0.3), fc.constantFrom(0, 0, 0.2))
  .map(([faults, concurrentEdit, concurrentPoll]) => ({ ...faults, concurrentEdit, concurrentPoll }));

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('oCreate' as const), kind: kindArb, tagged: fc.boolean(), seed: value }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('oEdit' as const), target, unit, value }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('oUntag' as const), target }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('oRetag' as const), target, kind: kindArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('oDelete' as const), target }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('oAttendee' as const), target, value }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cCreate' as const), kind: kindArb, seed: value }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('cEdit' as const), target, unit, value }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cCancel' as const), target }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cDelete' as const), target }) },
  ...taskCommandArbs,
  ...contactCommandArbs,
  { weight: 6, arbitrary: fc.record({ op: fc.constant('session' as const), faults: racingFaultsArb }) },
);

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

const ATTENDEES = ['ben@contoso.example', 'chloe@contoso.example', 'guest@partner.example'];

/** Applies one command to the world. */
export async function run(world: World, command: Command): Promise<void> {
  const events = world.outlook.all().sort((a, b) => a.id.localeCompare(b.id));
  const activities = world.crm.all().sort((a, b) => a.objectId.localeCompare(b.objectId));
  const category = (kind: SyncKind): string => syncCategoryFor(kind, world.settings);
  switch (command.op) {
    case 'oCreate':
      world.outlook.userCreate(initialFields(command.seed, world.mailbox.email), command.tagged ? [category(command.kind), 'Blue'] : ['Blue']);
      return;
    case 'oEdit': {
      const event = pick(events, command.target);
      if (event) world.outlook.userEdit(event.id, (e) => (e.fields = applyEdit(e.fields, command.unit, 'outlook', command.value)));
      return;
    }
    case 'oUntag': {
      const event = pick(events, command.target);
      if (event) world.outlook.userEdit(event.id, (e) => (e.categories = e.categories.filter((c) => c !== category('appointment') && c !== category('visit'))));
      return;
    }
    case 'oRetag': {
      const event = pick(events, command.target);
      if (event) {
        world.outlook.userEdit(event.id, (e) => (e.categories = [...e.categories.filter((c) => c !== category('appointment') && c !== category('visit')), category(command.kind)]));
      }
      return;
    }
    case 'oDelete': {
      const event = pick(events, command.target);
      if (event) world.outlook.userDelete(event.id);
      return;
    }
    case 'oAttendee': {
      const event = pick(events, command.target);
      if (!event) return;
      const email = ATTENDEES[command.value % ATTENDEES.length] as string;
      world.outlook.userEdit(event.id, (e) => {
        const existing = e.fields.attendees.find((a) => a.email === email);
        if (!existing) e.fields = { ...e.fields, attendees: [...e.fields.attendees, { email, name: '', type: 'required', response: 'none' }] };
        else e.fields = { ...e.fields, attendees: e.fields.attendees.map((a) => (a.email === email ? { ...a, response: a.response === 'declined' ? 'accepted' : 'declined' } : a)) };
      });
      return;
    }
    case 'cCreate':
      world.crm.userCreate(command.kind, initialFields(command.seed + 5000, world.mailbox.email));
      return;
    case 'cEdit': {
      const activity = pick(activities, command.target);
      if (activity) world.crm.userEdit(activity.objectId, (f) => applyEdit(f, command.unit, 'crm', command.value));
      return;
    }
    case 'cCancel': {
      const activity = pick(activities, command.target);
      if (activity) world.crm.userCancel(activity.objectId);
      return;
    }
    case 'cDelete': {
      const activity = pick(activities, command.target);
      if (activity) world.crm.userDelete(activity.objectId);
      return;
    }
    case 'session':
      await world.runSession(command.faults);
      return;
    case 'lAdd':
    case 'lRemove':
    case 'pCreate':
    case 'pEdit':
    case 'pDelete':
    case 'rCreate':
    case 'rEdit':
    case 'rBlock':
    case 'rDelete':
      runContactCommand(world, command);
      return;
    default:
      runTaskCommand(world, command);
  }
}
