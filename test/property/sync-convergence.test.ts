// Random interleavings of edits on both sides, sync sessions, injected write faults and crashes. Once the
// faults stop, the sides converge, nothing is duplicated or missing, and a further session plans nothing.
import fc from 'fast-check';
import { syncCategoryFor } from '../../src/server/domain/rules.js';
import { numRuns, timeoutFor } from './support/runs.js';
import { convergenceProblems } from './support/checks.js';
import { commandArb, run } from './support/commands.js';
import { initialFields } from './support/edits.js';
import { NO_FAULTS } from './support/harness.js';
import { newWorld } from './support/world.js';

describe('sync under faults (property)', () => {
  it('converges without duplicates or echoes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 10, maxLength: 60, size: 'max' }), fc.integer(), fc.constantFrom('outlook' as const, 'crm' as const), async (commands, seed, winner) => {
        const world = newWorld(seed, winner);
        for (const command of commands) await run(world, command);
        const sessions = await world.converge();
        expect(sessions).toBeLessThan(Infinity);
        expect(convergenceProblems(world)).toEqual([]);
        // No echo: a tenant poll and a session right after convergence apply nothing and write nothing at all.
        const echo = await world.runSession(NO_FAULTS);
        expect(echo.report?.applied).toEqual({});
        expect(echo.report?.failed).toEqual([]);
        expect(echo.writes).toBe(0);
      }),
      { numRuns: numRuns(1000) },
    );
  }, timeoutFor(numRuns(1000)));

  // A runner bug the property above found once it drove the real runner (fast-check seed -1875119648). A C4C create
  // whose answer was lost (a timeout after it landed) leaves the pair in error without a C4C id. When the activity it
  // did create was cancelled in C4C before the retry, the retry's create upsert (by GroupwareItemID) wrote to the
  // cancelled activity and the pair was recorded as synced to it: R11 never followed the cancel. The planner now
  // gives such a pair the record it made (sync/plan/planner.ts).
  it('follows a C4C cancel of an activity whose create answer was lost (R11)', async () => {
    const world = newWorld(7);
    world.outlook.userCreate(initialFields(1, world.mailbox.email), [syncCategoryFor('appointment', world.settings)]);
    await world.runSession({ failBefore: 0, failAfter: 1, crash: 0 });
    const [activity] = world.crm.all();
    if (!activity) throw new Error('the activity was not created');
    world.crm.userCancel(activity.objectId);
    expect(await world.converge()).toBeLessThan(Infinity);
    expect(convergenceProblems(world)).toEqual([]);
  });
});
