// The order jest hands test files to its workers: longest first, so the slow files (the browser test, the benchmarks
// through the service) start at once and no worker is left alone with one of them at the end. Jest's own sequencer
// does this only with timings cached by an earlier run; a fresh clone (CI) has none and falls back to file size,
// which put the slowest file last and made CI's tail a couple of minutes long. So the times come from jest's cache
// when there is one, else from test/durations.json (refreshed from a CI log by scripts/test-durations.mjs), else a
// file that took under 5 s counts as short. Failed files still go first, as with jest's sequencer.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sequencerModule from '@jest/test-sequencer';

// A CommonJS module whose class is its `default` export; Node's ESM import may or may not lift it, so take either.
const Sequencer = sequencerModule.default ?? sequencerModule;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const recorded = JSON.parse(readFileSync(resolve(ROOT, 'test', 'durations.json'), 'utf8'));
const SHORT_MS = 1_000;

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const expected = (test) => this.time(test) ?? (recorded[relative(ROOT, test.path)] ?? 0) * 1_000;
    const weighed = tests.map((test) => ({ test, failed: this.hasFailed(test), ms: expected(test) || SHORT_MS }));
    weighed.sort((a, b) => (a.failed !== b.failed ? (a.failed ? -1 : 1) : b.ms - a.ms));
    return weighed.map(({ test }) => test);
  }
}

export default LongestFirstSequencer;
