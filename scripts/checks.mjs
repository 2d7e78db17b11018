// `npm test`'s static checks: type-checking, lint and the dependency rules, run side by side rather than one after
// another. Each is a separate process that mostly waits on its own CPU core, so on CI's 2-core machines the three
// take about as long as the slowest (tsc) instead of their sum. Output is kept per check and printed whole when it
// ends, so two checks' lines never interleave; the exit code is non-zero if any check failed.
import { spawn } from 'node:child_process';

const CHECKS = [
  ['typecheck', ['run', '-s', 'typecheck']],
  ['lint', ['run', '-s', 'lint']],
  ['lint:deps', ['run', '-s', 'lint:deps']],
];

function run([name, args]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ name, ok: false, output: `${output}${error.message}\n`, ms: Date.now() - started }));
    child.on('close', (code) => resolve({ name, ok: code === 0, output, ms: Date.now() - started }));
  }).then((result) => {
    const seconds = (result.ms / 1000).toFixed(1);
    process.stdout.write(`${result.ok ? '✔' : '✖'} ${result.name} (${seconds} s)\n${result.output}`);
    return result;
  });
}

const results = await Promise.all(CHECKS.map(run));
const failed = results.filter((r) => !r.ok).map((r) => r.name);
if (failed.length > 0) {
  process.stderr.write(`checks failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
