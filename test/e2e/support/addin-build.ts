// The add-in build the browser tests load: a development webpack build in a folder of the e2e tests' own
// (test-results/e2e-addin), not dist/addin, so another helper's `npm run build` (webpack cleans its output
// folder) cannot pull files from under a running test. Rebuilt only when a bundled source is newer than the
// last build; E2E_ADDIN_DIR points the tests at an existing build instead.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = process.cwd();
export const E2E_BUILD_DIR = resolve(ROOT, 'test-results/e2e-addin');
const STAMP = join(E2E_BUILD_DIR, '.e2e-build-stamp');
const LOCK = `${E2E_BUILD_DIR}.lock`;
/** Everything webpack bundles into the add-in pages (the service code is not part of it). */
const BUNDLED = ['src/taskpane', 'src/addin', 'src/admin', 'src/commands', 'src/shared', 'src/sandbox/outlook-host', 'src/sandbox/common', 'webpack.config.js', 'manifest.xml', 'assets'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(STAMP) || !existsSync(join(E2E_BUILD_DIR, 'outlook-host.html'))) return false;
  const built = statSync(STAMP).mtimeMs;
  return BUNDLED.every((p) => newestMtime(resolve(ROOT, p)) <= built);
}

function runWebpack(): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const args = [resolve(ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'development', '--output-path', E2E_BUILD_DIR];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-6000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`webpack exited with ${String(code)}:\n${output}`))));
  });
}

/** One build at a time across jest workers: a lock folder (mkdir is atomic); a lock older than 5 minutes is stale. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another e2e build held ${LOCK} for 3 minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface AddinBuild {
  root: string;
  /** How long webpack took, or null when an up-to-date build was reused. */
  buildMs: number | null;
}

export async function ensureAddinBuild(): Promise<AddinBuild> {
  if (process.env.E2E_ADDIN_DIR) return { root: resolve(process.env.E2E_ADDIN_DIR), buildMs: null };
  return withLock(async () => {
    if (isFresh()) return { root: E2E_BUILD_DIR, buildMs: null };
    const started = Date.now();
    const stampTime = Date.now();
    await runWebpack();
    // The stamp carries the time the build started: a source saved during the build makes the next run rebuild.
    writeFileSync(STAMP, new Date(stampTime).toISOString());
    utimesSync(STAMP, new Date(stampTime), new Date(stampTime));
    return { root: E2E_BUILD_DIR, buildMs: Date.now() - started };
  });
}
