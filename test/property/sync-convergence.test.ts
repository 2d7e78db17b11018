// Random interleavings of edits on both sides, sync sessions, injected write faults and crashes. Once the
// faults stop, the sides converge, nothing is duplicated or missing, and a further session plans nothing.
import fc from 'fast-check';
import { numRuns } from './support/runs.js';
import { convergenceProblems } from './support/checks.js';
import { commandArb, run } from './support/commands.js';
import { newWorld } from './support/world.js';

describe('sync under faults (property)', () => {
  it('converges without duplicates or echoes', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { minLength: 10, maxLength: 60, size: 'max' }), fc.integer(), fc.constantFrom('outlook' as const, 'crm' as const), (commands, seed, winner) => {
        const world = newWorld(seed, winner);
        for (const command of commands) run(world, command);
        const sessions = world.converge();
        expect(sessions).toBeLessThan(Infinity);
        expect(convergenceProblems(world)).toEqual([]);
        // No echo: a session right after convergence plans nothing at all.
        const echo = world.runSession({ failBefore: 0, failAfter: 0, crash: 0 });
        expect(echo.actions).toEqual([]);
      }),
      { numRuns: numRuns(1000) },
    );
  });
});
