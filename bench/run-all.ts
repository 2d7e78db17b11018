// `npm run bench`: every benchmark in bench/*.bench.ts, one after another (each in its own process, so one's
// memory and timers never skew the next), with the figures each prints. Arguments after `--` go to every one.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { machineLine } from './lib/report.js';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..');
const only = process.env.BENCH_ONLY?.split(',');
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || only.some((name) => f.startsWith(name)))
  .sort();
console.log(machineLine());
const failed: string[] = [];
for (const file of benches) {
  console.log(`\n### ${file}`);
  const started = Date.now();
  const run = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(here, file), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  console.log(`### ${file}: exit ${run.status ?? run.signal}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (run.status !== 0) failed.push(file);
}
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
