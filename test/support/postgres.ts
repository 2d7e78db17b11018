/**
 * A private, throw-away PostgreSQL server for tests (the scale-out store of DESIGN §3).
 *
 *   import { startPostgres, type TestPostgres } from '../../support/postgres.js';
 *
 *   let pg: TestPostgres;
 *   beforeAll(async () => { pg = await startPostgres(); });   // ~0.5–1.5 s
 *   afterAll(async () => { await pg.stop(); });
 *
 *   pg.url                      // postgres://postgres@127.0.0.1:<port>/crm_sync_test  (trust auth, no password)
 *   await pg.createDatabase()   // → url of a new, empty database on the same server (isolates one test)
 *
 * How: finds `initdb`/`pg_ctl` under /usr/lib/postgresql/<newest>/bin (or $PG_BIN), runs `initdb` into a fresh temp
 * directory (as user `postgres` when the tests run as root, because PostgreSQL refuses to run as root), starts the
 * server on a free port on 127.0.0.1 with its unix socket inside that directory and durability switched off (fsync,
 * synchronous_commit, full_page_writes: a test cluster never needs to survive a power cut), and creates the database.
 * `stop()` shuts the server down immediately and deletes the directory; a process exit hook does the same for
 * servers a test forgot to stop.
 *
 * Missing binaries are an error, never a skip: `scripts/install-system-deps.sh` (run by `npm test` and CI)
 * installs them (`apt-get install postgresql`).
 */
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './net.js';

const run = promisify(execFile);

export interface TestPostgres {
  /** Connection URL of the test database (`crm_sync_test` unless another name was asked for). */
  readonly url: string;
  /** Connection URL of the maintenance database `postgres` (for CREATE DATABASE and the like). */
  readonly adminUrl: string;
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The cluster's directory (data, socket, server log). Deleted by stop(). */
  readonly dir: string;
  /** Creates a new empty database on this server and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /**
   * Stops the server and starts it again on the same port, with the same data (the fault "PostgreSQL restarted under
   * the service"). `fast`: PostgreSQL ends every session and shuts down cleanly (`pg_ctl stop -m fast`); `immediate`:
   * it quits like a crash and recovers from its WAL at the start. Clients see their connections dropped either way.
   */
  restart(mode: 'fast' | 'immediate', downMs?: number): Promise<void>;
  /** Stops the server (immediate shutdown) and deletes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Name of the database to create; default `crm_sync_test`. */
  database?: string;
}

export class PostgresBinariesMissingError extends Error {
  constructor(searched: string) {
    super(
      `PostgreSQL server binaries (initdb, pg_ctl) not found in ${searched}. ` +
        'Install them with `bash scripts/install-system-deps.sh` (Debian package "postgresql") or set PG_BIN to their folder.',
    );
    this.name = 'PostgresBinariesMissingError';
  }
}

/** Folder holding initdb and pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/<major>/bin. */
export function findPostgresBin(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'initdb'))) throw new PostgresBinariesMissingError(fromEnv);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = majors[0];
  if (newest === undefined) throw new PostgresBinariesMissingError(`${root}/*/bin`);
  return join(root, newest, 'bin');
}

const runningAsRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as user `postgres` when we are root. */
async function runPg(bin: string, args: string[]): Promise<void> {
  const [file, fullArgs] = runningAsRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    await run(file, fullArgs, { timeout: 30_000 });
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr) : '';
    throw new Error(`${bin} ${args.join(' ')} failed: ${error instanceof Error ? error.message : String(error)}\n${detail}`, {
      cause: error,
    });
  }
}


const running = new Set<{ pgCtl: string; dataDir: string; dir: string }>();
let exitHookInstalled = false;

function stopSync(server: { pgCtl: string; dataDir: string; dir: string }): void {
  const args = [server.pgCtl, 'stop', '-D', server.dataDir, '-m', 'immediate', '-s'];
  if (runningAsRoot) spawnSync('runuser', ['-u', 'postgres', '--', ...args]);
  else spawnSync(args[0] as string, args.slice(1));
  rmSync(server.dir, { recursive: true, force: true });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const server of running) stopSync(server);
  });
}

async function createDb(adminUrl: string, port: number, user: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid test database name "${name}"`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return `postgres://${user}@127.0.0.1:${port}/${name}`;
}

/** Starts a private PostgreSQL server; see the top of this file. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  const binDir = findPostgresBin();
  const initdb = join(binDir, 'initdb');
  const pgCtl = join(binDir, 'pg_ctl');
  const database = options.database ?? 'crm_sync_test';
  // The superuser is called `postgres` whoever runs the tests, so URLs look the same everywhere.
  const user = 'postgres';

  const dir = mkdtempSync(join(tmpdir(), 'crm-sync-pg-'));
  const dataDir = join(dir, 'data');
  if (runningAsRoot) {
    const pgUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const pgGroup = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (pgUser.status !== 0) throw new Error('running as root, but there is no "postgres" user to run the test server as');
    chownSync(dir, Number(pgUser.stdout.trim()), Number(pgGroup.stdout.trim()));
  }
  const server = { pgCtl, dataDir, dir };
  installExitHook();

  try {
    await runPg(initdb, ['-D', dataDir, '-U', user, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions']);
    let port = 0;
    let serverOptions = '';
    const startServer = () => runPg(pgCtl, ['start', '-D', dataDir, '-w', '-t', '20', '-s', '-l', join(dir, 'server.log'), '-o', serverOptions]);
    // A free port can be taken between probing and binding; try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      serverOptions = [
        `-p ${port}`,
        `-k ${dir}`,
        "-c listen_addresses='127.0.0.1'",
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=100',
      ].join(' ');
      try {
        running.add(server);
        await startServer();
        break;
      } catch (error) {
        running.delete(server);
        if (attempt >= 3) throw error;
      }
    }
    const adminUrl = `postgres://${user}@127.0.0.1:${port}/postgres`;
    const url = await createDb(adminUrl, port, user, database);

    let counter = 0;
    let stopped = false;
    return {
      url,
      adminUrl,
      host: '127.0.0.1',
      port,
      dir,
      createDatabase: (name) => createDb(adminUrl, port, user, name ?? `${database}_${++counter}`),
      async restart(mode, downMs = 0) {
        if (stopped) throw new Error('restart of a stopped test PostgreSQL server');
        await runPg(pgCtl, ['stop', '-D', dataDir, '-m', mode, '-w', '-s']);
        if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
        await startServer();
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        running.delete(server);
        await runPg(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-s']).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    running.delete(server);
    stopSync(server);
    throw error;
  }
}
