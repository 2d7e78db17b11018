// How many cases a property runs. CI keeps the defaults (500 for the sync properties, which now run three families:
// a few seconds each, a fresh seed every run);
// `npm run stress:property` raises them through FC_NUM_RUNS to hunt rare interleavings before they reach CI.
export function numRuns(defaultRuns: number): number {
  const override = Number(process.env.FC_NUM_RUNS);
  return Number.isInteger(override) && override > 0 ? override : defaultRuns;
}

/**
 * fast-check's parameters for a property of `defaultRuns` cases. FC_SEED (and FC_PATH, both as fast-check prints
 * them with a counterexample) replay a run a stress run reported, so its counterexample can be shrunk and written
 * down as a fixed replay; without them every run draws a fresh seed.
 */
export function propertyParams(defaultRuns: number): { numRuns: number; seed?: number; path?: string } {
  const seed = Number(process.env.FC_SEED);
  const path = process.env.FC_PATH;
  return {
    numRuns: numRuns(defaultRuns),
    ...(process.env.FC_SEED !== undefined && Number.isInteger(seed) ? { seed } : {}),
    ...(path ? { path } : {}),
  };
}

/**
 * Jest's timeout for an async property of `runs` cases (sessions of the real runner take a few ms each; a failure
 * also shrinks). Generous, so a busy machine does not turn a slow run into a failure.
 */
export function timeoutFor(runs: number): number {
  return 120_000 + runs * 100;
}
