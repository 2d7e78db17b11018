// Random interleavings of edits on both sides, sync sessions, injected write faults and crashes. Once the
// faults stop, the sides converge, nothing is duplicated or missing, and a further session plans nothing.
import fc from 'fast-check';
import { numRuns } from './support/runs.js';
import { convergenceProblems } from './support/checks.js';
import { commandArb, run } from './support/commands.js';
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
  });
});
