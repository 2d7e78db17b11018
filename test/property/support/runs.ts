// How many cases a property runs. CI keeps the defaults (a few seconds each, a fresh seed every run);
// `npm run stress:property` raises them through FC_NUM_RUNS to hunt rare interleavings before they reach CI.
export function numRuns(defaultRuns: number): number {
  const override = Number(process.env.FC_NUM_RUNS);
  return Number.isInteger(override) && override > 0 ? override : defaultRuns;
}
