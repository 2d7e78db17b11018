import { availableParallelism } from 'node:os';

// Jest runs TypeScript as native ESM (transpiled by swc, type-checked separately by `tsc`).
// Projects split the suite by kind: unit, property (fast-check), integration (real HTTP), e2e (chromium).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  // Integration tests start sandboxes and databases; jest applies testTimeout globally, not per project.
  testTimeout: 30_000,
  // Jest's default is one worker less than the cores: a single worker on the 2-core CI machines. The suite waits on
  // HTTP, child processes and databases much of the time, so two workers there cut its run from about 14.5 to 9 min.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // Longest files first, from test/durations.json when jest has no timings of its own (a fresh clone).
  testSequencer: '<rootDir>/test/support/sequencer.mjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts?(x)'] },
    { ...common, displayName: 'property', testMatch: ['<rootDir>/test/property/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
