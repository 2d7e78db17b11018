// No lost edits: starting from a converged world, users edit fields on both sides; sessions with faults and
// crashes run; once converged, a field edited on one side only has that side's last value, and a field edited
// on both sides has the conflict winner's last value (R12). Outlook-only links are never lost through C4C.
import fc from 'fast-check';
import { numRuns, timeoutFor } from './support/runs.js';
import type { SyncKind } from '../../src/shared/categories.js';
import { sameCanonical } from '../../src/server/domain/canonical.js';
import { syncCategoryFor } from '../../src/server/domain/rules.js';
import type { ConflictWinner } from '../../src/server/domain/settings.js';
import { convergenceProblems } from './support/checks.js';
import { faultsArb } from './support/commands.js';
import type { Faults, World } from './support/harness.js';
import { EDIT_UNITS, applyEdit, initialFields, unitValue, type EditUnit, type Side } from './support/edits.js';
import { newWorld } from './support/world.js';

interface Edit {
  side: Side;
  item: number;
  unit: EditUnit;
  value: number;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  side: fc.constantFrom<Side>('outlook', 'crm'),
  item: fc.nat(5),
  unit: fc.constantFrom(...EDIT_UNITS),
  value: fc.nat(500),
});

const setupArb = fc.record({
  kinds: fc.array(fc.constantFrom<SyncKind>('appointment', 'visit'), { minLength: 1, maxLength: 4 }),
  fromCrm: fc.array(fc.constantFrom<SyncKind>('appointment', 'visit'), { maxLength: 2 }),
});

type Step = { edit: Edit } | { faults: Faults };

/** A user edits one synced pair's item on one side; `last` keeps each pair's last edit per unit and side. */
function userEdits(world: World, pairs: readonly { pairId: string; kind: string; outlookId: string | null; crmObjectId: string | null }[], edit: Edit, last: Map<string, Edit>): void {
  const pair = pairs[edit.item % pairs.length];
  if (!pair) return;
  // A Visit made private leaves the mirror on purpose (R5: C4C Visits cannot be private; planner tests cover it).
  if (edit.unit === 'sensitivity' && pair.kind === 'visit') return;
  if (edit.side === 'outlook') world.outlook.userEdit(pair.outlookId as string, (e) => (e.fields = applyEdit(e.fields, edit.unit, 'outlook', edit.value)));
  else world.crm.userEdit(pair.crmObjectId as string, (f) => applyEdit(f, edit.unit, 'crm', edit.value));
  last.set(`${pair.pairId}|${edit.unit}|${edit.side}`, edit);
}

/** Edits interleaved with failing sessions, then convergence: every field holds one of its sides' last values. */
async function checkInterleaved(setup: { kinds: SyncKind[]; fromCrm: SyncKind[] }, steps: readonly Step[], seed: number, winner: ConflictWinner): Promise<void> {
  const world = newWorld(seed, winner);
  setup.kinds.forEach((kind, i) => world.outlook.userCreate(initialFields(i, world.mailbox.email), [syncCategoryFor(kind, world.settings)]));
  expect(await world.converge()).toBeLessThan(Infinity);
  const pairs = [...world.pairs.values()].filter((p) => p.status === 'synced').sort((a, b) => a.pairId.localeCompare(b.pairId));
  const start = new Map(pairs.map((p) => [p.pairId, structuredClone(world.outlook.get(p.outlookId as string)?.fields)]));
  const last = new Map<string, Edit>();
  for (const s of steps) {
    if ('faults' in s) {
      await world.runSession(s.faults);
      continue;
    }
    userEdits(world, pairs, s.edit, last);
  }
  expect(await world.converge()).toBeLessThan(Infinity);
  expect(convergenceProblems(world)).toEqual([]);
  for (const pair of pairs) {
    const final = world.outlook.get(pair.outlookId as string)?.fields;
    const initial = start.get(pair.pairId);
    if (!final || !initial) throw new Error('pair lost its Outlook item');
    for (const unit of EDIT_UNITS) {
      if (unit === 'sensitivity' && pair.kind === 'visit') continue;
      const candidates = (['outlook', 'crm'] as const).flatMap((side) => {
        const edit = last.get(`${pair.pairId}|${unit}|${side}`);
        return edit ? [unitValue(applyEdit(initial, unit, side, edit.value), unit)] : [];
      });
      const allowed = candidates.length > 0 ? candidates : [unitValue(initial, unit)];
      // One-sided: exactly that side's last value. Both sides: one of the two last values, never an older one.
      if (!allowed.some((v) => sameCanonical(v, unitValue(final, unit)))) {
        throw new Error(`${pair.pairId} ${unit}: ${JSON.stringify(unitValue(final, unit))} not in ${JSON.stringify(allowed)}`);
      }
    }
  }
}

describe('no lost edits (property)', () => {
  it('keeps one-sided edits and resolves concurrent edits for the winner', async () => {
    await fc.assert(
      fc.asyncProperty(
        setupArb,
        fc.array(editArb, { minLength: 1, maxLength: 10 }),
        fc.array(faultsArb, { maxLength: 3 }),
        fc.integer(),
        fc.constantFrom<ConflictWinner>('outlook', 'crm'),
        async (setup, edits, faultySessions, seed, winner) => {
          const world = newWorld(seed, winner);
          setup.kinds.forEach((kind, i) => world.outlook.userCreate(initialFields(i, world.mailbox.email), [syncCategoryFor(kind, world.settings)]));
          setup.fromCrm.forEach((kind, i) => world.crm.userCreate(kind, initialFields(100 + i, world.mailbox.email)));
          expect(await world.converge()).toBeLessThan(Infinity);
          const pairs = [...world.pairs.values()].filter((p) => p.status === 'synced').sort((a, b) => a.pairId.localeCompare(b.pairId));
          const start = new Map(pairs.map((p) => [p.pairId, structuredClone(world.outlook.get(p.outlookId as string)?.fields)]));

          const last = new Map<string, Edit>(); // `${pairId}|${unit}|${side}` → last edit
          for (const edit of edits) userEdits(world, pairs, edit, last);
          for (const faults of faultySessions) await world.runSession(faults);
          expect(await world.converge()).toBeLessThan(Infinity);
          expect(convergenceProblems(world)).toEqual([]);

          for (const pair of pairs) {
            const final = world.outlook.get(pair.outlookId as string)?.fields;
            const initial = start.get(pair.pairId);
            if (!final || !initial) throw new Error('pair lost its Outlook item');
            for (const unit of EDIT_UNITS) {
              if (unit === 'sensitivity' && pair.kind === 'visit') continue; // not a C4C Visit field
              // An edit that lands on the value the field had is no change at all.
              const changed = (edit: Edit | undefined): Edit | undefined =>
                edit && !sameCanonical(unitValue(applyEdit(initial, unit, edit.side, edit.value), unit), unitValue(initial, unit)) ? edit : undefined;
              const o = changed(last.get(`${pair.pairId}|${unit}|outlook`));
              const c = changed(last.get(`${pair.pairId}|${unit}|crm`));
              const expectedSide = o && c ? winner : o ? 'outlook' : c ? 'crm' : null;
              const expectedEdit = expectedSide === 'outlook' ? o : expectedSide === 'crm' ? c : undefined;
              const expected = expectedEdit ? applyEdit(initial, unit, expectedEdit.side, expectedEdit.value) : initial;
              if (!sameCanonical(unitValue(final, unit), unitValue(expected, unit))) {
                throw new Error(`${pair.pairId} ${unit}: ${JSON.stringify(unitValue(final, unit))}, expected ${JSON.stringify(unitValue(expected, unit))} (${expectedSide ?? 'unchanged'})`);
              }
            }
          }
        },
      ),
      { numRuns: numRuns(500) },
    );
  }, timeoutFor(numRuns(500)));

  it('a side edited again after a session died past its writes keeps its newest edit (our unrecorded write is no user edit)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Side>('outlook', 'crm'),
        fc.constantFrom(...EDIT_UNITS),
        fc.nat(500),
        fc.nat(500),
        fc.integer(),
        fc.constantFrom<ConflictWinner>('outlook', 'crm'),
        async (side, unit, first, second, seed, winner) => {
          const world = newWorld(seed, winner);
          world.outlook.userCreate(initialFields(1, world.mailbox.email), [syncCategoryFor('appointment', world.settings)]);
          expect(await world.converge()).toBeLessThan(Infinity);
          const [pair] = [...world.pairs.values()];
          if (!pair?.outlookId || !pair.crmObjectId) throw new Error('no synced pair');
          const edit = (value: number) =>
            side === 'outlook'
              ? world.outlook.userEdit(pair.outlookId as string, (e) => (e.fields = applyEdit(e.fields, unit, 'outlook', value)))
              : world.crm.userEdit(pair.crmObjectId as string, (f) => applyEdit(f, unit, 'crm', value));
          edit(first);
          // The session writes the edit to the other side and dies before recording it; then the same user edits again.
          expect((await world.runSession({ failBefore: 0, failAfter: 0, crash: 1, crashAfterAllWrites: true })).report).toBeNull();
          edit(second);
          expect(await world.converge()).toBeLessThan(Infinity);
          expect(convergenceProblems(world)).toEqual([]);
          const source = side === 'outlook' ? world.outlook.get(pair.outlookId)?.fields : world.crm.get(pair.crmObjectId)?.fields;
          const final = world.outlook.get(pair.outlookId)?.fields;
          if (!source || !final) throw new Error('an item vanished');
          expect(unitValue(final, unit)).toEqual(unitValue(source, unit));
          expect(sameCanonical(unitValue(final, unit), unitValue(applyEdit(applyEdit(initialFields(1, world.mailbox.email), unit, side, first), unit, side, second), unit))).toBe(true);
        },
      ),
      { numRuns: numRuns(500) },
    );
  }, timeoutFor(numRuns(500)));

  it('keeps edits interleaved with failing sessions (timeouts re-read, no crashes)', async () => {
    const step = fc.oneof(
      { weight: 3, arbitrary: editArb.map((edit): Step => ({ edit })) },
      { weight: 2, arbitrary: faultsArb.map((faults): Step => ({ faults: { ...faults, crash: 0 } })) },
    );
    await fc.assert(fc.asyncProperty(setupArb, fc.array(step, { minLength: 1, maxLength: 16 }), fc.integer(), fc.constantFrom<ConflictWinner>('outlook', 'crm'), checkInterleaved), {
      numRuns: numRuns(500),
    });
  }, timeoutFor(numRuns(500)));

  // Found by the property above (fast-check seed -537876): a session's update of Outlook landed but timed out, and the
  // re-read meant to confirm it failed too. Its write intent was cleared at the commit, so the next session took our
  // own write for a user's edit, and a later C4C edit lost the conflict to it. A failed group's intent now stays.
  it('keeps a C4C edit made after a write of ours whose outcome stayed unknown', async () => {
    await checkInterleaved(
      { kinds: ['appointment', 'appointment', 'appointment'], fromCrm: [] },
      [
        { edit: { side: 'crm', item: 4, unit: 'subject', value: 0 } },
        { faults: { failBefore: 0, failAfter: 0.3, crash: 0, failRead: 0.1 } },
        { edit: { side: 'crm', item: 1, unit: 'subject', value: 1 } },
        { edit: { side: 'outlook', item: 0, unit: 'subject', value: 0 } },
      ],
      -1344178281,
      'outlook',
    );
  });
});
