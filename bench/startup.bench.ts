// Start-up time of `npm start` (issue 18, goal 6): from spawning the start script until the service's /readyz answers
// 200. Cold: a fresh data folder (empty database, fresh sandbox seeds), no bundle of the start script (the launcher's
// .cache/start is deleted) and an empty tsx cache, as after a fresh checkout and `npm install`. Warm: the same folder and cache again, as every later start. Each run prints
// where its time went, from the service's own log lines (JSON, timestamped) and the bench's clock. The add-in's
// first build is not part of the figure (it runs after the service is ready), so the bench's checkout must have it
// built or not as the reader wants (`dist/addin`).
//   npm run bench:startup [-- --warm 3]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/support/net.js';
import { isMain, mean, numberArg, printResult, type BenchResult } from './lib/report.js';

const root = join(new URL('.', import.meta.url).pathname, '..');

/** The log lines whose times say where a start's time went (the service's messages, in order). */
const PHASES = ['starting', 'database migrated', 'listening'];

export interface StartupRun {
  readyMs: number;
  /** ms from spawn to each phase line seen (PHASES). */
  phases: Record<string, number>;
}

async function startOnce(env: Record<string, string>): Promise<StartupRun> {
  const started = Date.now();
  // What `npm start` runs (package.json): node on the launcher, which loads the bundled start script.
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, ...env, LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const phases: Record<string, number> = {};
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const { msg, time } = JSON.parse(line) as { msg?: string; time?: number | string };
      const at = typeof time === 'string' ? Date.parse(time) : (time ?? Date.now());
      if (msg && PHASES.includes(msg) && phases[msg] === undefined) phases[msg] = at - started;
    }
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  try {
    for (;;) {
      if (exitedEarly) throw new Error(`npm start exited before it was ready: ${errors.slice(-2000)}`);
      if (Date.now() - started > 120_000) throw new Error('npm start not ready within 120 s');
      const status = await fetch(`http://127.0.0.1:${env.PORT}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return { readyMs: Date.now() - started, phases };
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    // The whole process group (tsx runs the script in a child node): a clean stop, then a kill if it hangs.
    if (!exitedEarly && child.pid) process.kill(-child.pid, 'SIGINT');
    const timer = setTimeout(() => child.pid && !exitedEarly && process.kill(-child.pid, 'SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}

async function portsEnv(dataDir: string, tmp: string): Promise<Record<string, string>> {
  return {
    DATA_DIR: dataDir,
    TMPDIR: tmp,
    PORT: String(await freePort()),
    SANDBOX_GRAPH_PORT: String(await freePort()),
    SANDBOX_C4C_PORT: String(await freePort()),
    SANDBOX_GOOGLE_PORT: String(await freePort()),
    OUTLOOK_HOST_PORT: String(await freePort()),
  };
}

export interface StartupOptions {
  warm?: number;
  /**
   * Keep the launcher's bundle (.cache/start) for the cold start: only the data folder and the tsx cache are new.
   * For the tiny run in `npm test`, where another test may be starting the service from that bundle at the moment.
   */
  keepBundle?: boolean;
}

export async function runStartup(options: StartupOptions = {}): Promise<BenchResult> {
  const warmRuns = Math.max(1, options.warm ?? 3);
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-startup-data-'));
  const tsxCache = mkdtempSync(join(tmpdir(), 'crm-startup-tmp-'));
  try {
    const env = await portsEnv(dataDir, tsxCache);
    if (!options.keepBundle) rmSync(join(root, '.cache/start'), { recursive: true, force: true });
    const cold = await startOnce(env);
    const warm: StartupRun[] = [];
    for (let i = 0; i < warmRuns; i += 1) warm.push(await startOnce(env));
    const phaseNote = (label: string, run: StartupRun) =>
      `${label}: ${PHASES.map((p) => `${p} ${run.phases[p] ?? '–'} ms`).join(', ')}, /readyz 200 at ${run.readyMs} ms (from spawn)`;
    return {
      bench: 'npm start until /readyz 200 (PGlite, the three sandboxes, the add-in host)',
      figures: [
        { name: options.keepBundle ? 'cold start (fresh data folder, empty tsx cache, bundle kept)' : 'cold start (fresh data folder, no bundle, empty tsx cache)', value: cold.readyMs, unit: 'ms', baseline: 5000, baselineLabel: 'goal' },
        { name: `warm start (mean of ${warmRuns})`, value: mean(warm.map((w) => w.readyMs)), unit: 'ms', baseline: 2000, baselineLabel: 'goal' },
        { name: 'slowest warm start', value: Math.max(...warm.map((w) => w.readyMs)), unit: 'ms', baseline: 2000, baselineLabel: 'goal' },
      ],
      notes: [phaseNote('cold', cold), ...warm.map((w, i) => phaseNote(`warm ${i + 1}`, w))],
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(tsxCache, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  printResult(await runStartup({ warm: numberArg('warm', 3) }));
}
