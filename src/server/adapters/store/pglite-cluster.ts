// Creates the embedded database's cluster (PGlite's `initdb`) in a child process instead of the service's own.
//
// Why: PGlite runs initdb inside its WebAssembly memory, and WebAssembly memory never shrinks. Created in process, a
// new data folder left the service at 545 MB RSS for its whole life, against 391–394 MB for the same service opening
// an existing folder (bench/RESULTS.md, "Memory of `npm start`"). A child that creates the cluster and exits gives
// that memory back; the service then opens an existing cluster like on every later start.
//
// The child writes into a folder beside the cluster's and the parent renames it into place only when the child
// succeeded, so a crash or a kill halfway never leaves a half-made cluster that PGlite would later "resume". The
// caller holds the data folder's lock (data-dir-lock.ts) for the whole time, so no second process races it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The script the child runs (Node strips its types: it imports only PGlite). */
export const CREATE_CLUSTER_SCRIPT = fileURLToPath(new URL('./pglite-create-cluster.ts', import.meta.url));

const CREATING = '.creating-';
/** How much of the child's stderr an error quotes: its last lines say what went wrong. */
const STDERR_TAIL = 4000;

export class PgliteClusterError extends Error {
  constructor(
    readonly clusterDir: string,
    readonly exit: string,
    readonly stderr: string,
  ) {
    super(
      `Creating the embedded database (PGlite) in ${clusterDir} failed: the child process that creates it ${exit}.` +
        (stderr.trim() ? ` Its error output:\n${stderr.trim()}` : ' It wrote no error output.') +
        '\nNothing was left in the data folder; the next start tries again. Check that the folder is writable and has ' +
        'about 50 MB free.',
    );
    this.name = 'PgliteClusterError';
  }
}

export interface CreateClusterOptions {
  /** postgresql.conf lines the cluster is created with (the same as every later open passes). */
  conf: readonly string[];
  /** The script the child runs; tests name one that fails. */
  script?: string;
}

/** True when `clusterDir` holds no cluster and nothing else: missing, or an empty folder. */
function isVacant(clusterDir: string): boolean {
  if (!existsSync(clusterDir)) return true;
  return !existsSync(join(clusterDir, 'PG_VERSION')) && readdirSync(clusterDir).length === 0;
}

/** Removes folders a killed earlier creation left beside the cluster (the caller holds the lock: none is live). */
function removeLeftovers(clusterDir: string): void {
  const prefix = `${basename(clusterDir)}${CREATING}`;
  for (const name of readdirSync(dirname(clusterDir))) {
    if (name.startsWith(prefix)) rmSync(join(dirname(clusterDir), name), { recursive: true, force: true });
  }
}

function runChild(script: string, folder: string, conf: readonly string[]): Promise<{ exit: string | null; stderr: string }> {
  // Node 22.18+ strips types by default; 22.6–22.17 need the flag.
  const execArgv = process.features.typescript ? [] : ['--experimental-strip-types'];
  const child = spawn(process.execPath, [...execArgv, script, folder, ...conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  // A service stopped while the child works must not leave it running.
  const killChild = (): void => void child.kill('SIGKILL');
  process.once('exit', killChild);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL)));
  return new Promise((resolve) => {
    const done = (exit: string | null): void => {
      process.removeListener('exit', killChild);
      resolve({ exit, stderr });
    };
    child.once('error', (error) => done(`could not be started (${error.message})`));
    child.once('close', (code, signal) => done(code === 0 ? null : signal ? `was killed by ${signal}` : `exited with code ${code}`));
  });
}

/**
 * Makes sure `clusterDir` holds a PGlite cluster, creating it in a child process when the folder is missing or
 * empty. Returns true when it created one. A folder with anything else in it is left to PGlite, as before.
 */
export async function createPgliteClusterIfMissing(clusterDir: string, options: CreateClusterOptions): Promise<boolean> {
  if (!isVacant(clusterDir)) return false;
  removeLeftovers(clusterDir);
  const aside = `${clusterDir}${CREATING}${process.pid}`;
  const { exit, stderr } = await runChild(options.script ?? CREATE_CLUSTER_SCRIPT, aside, options.conf);
  if (exit !== null || !existsSync(join(aside, 'PG_VERSION'))) {
    rmSync(aside, { recursive: true, force: true });
    throw new PgliteClusterError(clusterDir, exit ?? 'ended without creating it', stderr);
  }
  // An empty folder in the way is replaced by rename(2) itself; a missing one is simply created.
  renameSync(aside, clusterDir);
  return true;
}
