// The embedded store on a real data folder: it survives a restart, and only one process may open it (PGlite has
// no cross-process lock of its own; a second opener would silently lose data).
import { jest } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataDirLockedError, LOCK_FILE_NAME, MIGRATIONS, createStateStore, openDatabase, type Database } from '../../../src/server/adapters/store/index.js';
import { acquireDataDirLock } from '../../../src/server/adapters/store/data-dir-lock.js';
import { aMailbox } from '../../support/state-fixtures.js';

jest.setTimeout(120_000);
const run = promisify(execFile);

describe('PGlite data folder', () => {
  let dir: string;
  let db: Database | null = null;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-sync-data-'));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a new folder, migrates it, and holds the lock file', async () => {
    const started = performance.now();
    const opened = await openDatabase({ dataDir: dir });
    const ms = performance.now() - started;
    db = opened.db;
    console.log(`PGlite first open + migrate of a new data folder: ${Math.round(ms)} ms`);
    expect(opened.migrations?.applied).toEqual(MIGRATIONS.map((m) => `${String(m.id).padStart(4, '0')}_${m.name}`));
    const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')) as { pid: number; host: string };
    expect(lock).toMatchObject({ pid: process.pid, host: hostname() });
    await createStateStore(db, { ownsDatabase: false }).transaction((tx) => tx.upsertMailbox(aMailbox()));
  });

  it('refuses a second opener in this process with a clear error', async () => {
    const error = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toMatch(/in use by process \d+/);
    expect((error as Error).message).toMatch(/DATABASE_URL/);
  });

  it('refuses a second process', async () => {
    const child = await run(process.execPath, ['--import', 'tsx', 'test/support/open-data-dir.ts', dir], { cwd: process.cwd() }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(child.code).toBe(3);
    const report = JSON.parse(child.stdout) as { opened: boolean; code: string; message: string };
    expect(report).toMatchObject({ opened: false, code: 'DATA_DIR_LOCKED' });
    expect(report.message).toContain(`process ${process.pid}`);
  });

  it('releases the lock on close; the data and schema survive a reopen', async () => {
    await db?.close();
    db = null;
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    const started = performance.now();
    const reopened = await openDatabase({ dataDir: dir });
    console.log(`PGlite reopen of an existing data folder: ${Math.round(performance.now() - started)} ms`);
    db = reopened.db;
    expect(reopened.migrations?.applied).toEqual([]);
    expect(await createStateStore(db, { ownsDatabase: false }).getMailbox('mbx-1')).toEqual(aMailbox());
  });
});

describe('data folder lock file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-sync-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeLock = (holder: object): void => writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify(holder));

  it('takes over a lock left by a crashed process on this host', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeLock({ pid: dead, host: hostname(), since: '2026-01-01T00:00:00Z', token: 'old' });
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('takes over a lock that names this pid but is not held by this process (restarted container)', () => {
    writeLock({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00Z', token: 'previous-life' });
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
  });

  it('refuses a lock held by a live process, one from another host, or an unreadable one', () => {
    writeLock({ pid: process.ppid, host: hostname(), since: '2026-01-01T00:00:00Z', token: 'parent' });
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    writeLock({ pid: 999_999, host: 'another-machine', since: '2026-01-01T00:00:00Z', token: 'remote' });
    expect(() => acquireDataDirLock(dir)).toThrow(/host "another-machine"/);
    writeFileSync(join(dir, LOCK_FILE_NAME), 'garbage');
    expect(() => acquireDataDirLock(dir)).toThrow(/unreadable/);
  });

  it('does not delete a lock file that another process took over', () => {
    const lock = acquireDataDirLock(dir);
    writeLock({ pid: process.ppid, host: hostname(), since: '2026-01-01T00:00:00Z', token: 'someone-else' });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(true);
  });
});
