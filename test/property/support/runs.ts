// How many cases a property runs. CI keeps the defaults (500 for the sync properties, which now run three families:
// a few seconds each, a fresh seed every run);
// `npm run stress:property` raises them through FC_NUM_RUNS to hunt rare interleavings before they reach CI.
export function numRuns(defaultRuns: number): number {
  const override = Number(process.env.FC_NUM_RUNS);
  return Number.isInteger(override) && override > 0 ? override : defaultRuns;
}

/**
 * Jest's timeout for an async property of `runs` cases (sessions of the real runner take a few ms each; a failure
 * also shrinks). Generous, so a busy machine does not turn a slow run into a failure.
 */
export function timeoutFor(runs: number): number {
  return 120_000 + runs * 100;
}
