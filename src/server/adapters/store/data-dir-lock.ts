// PGlite has no cross-process lock: two processes can open one data folder without error and one of them silently
// loses committed rows (measured, see TOOLCHAIN-NOTES). So the embedded store takes this lock file first and
// refuses to start while another live process holds it.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const LOCK_FILE_NAME = 'crm-sync.lock';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder
      ? `process ${holder.pid} on host "${holder.host}" (since ${holder.since})`
      : 'another process (the lock file is unreadable)';
    super(
      `The data folder ${lockPath.slice(0, -LOCK_FILE_NAME.length - 1)} is in use by ${who}. ` +
        'The embedded database (PGlite) can be opened by one process only: stop the other process, or run several ' +
        'processes against a PostgreSQL server (set DATABASE_URL). If no such process exists, delete ' +
        `${lockPath}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  token: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { pid, host, since, token } = parsed as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof since !== 'string' || typeof token !== 'string') return null;
    return { pid, host, since, token };
  } catch {
    return null;
  }
}

const heldInThisProcess = new Map<string, DataDirLock>();

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lock left behind by a crashed process on this host may be taken over; anything else may not. A lock that names
 * our own pid but that this process does not hold is stale too: in a container the restarted service often gets
 * the same pid (say 1) as the crashed one.
 */
function isStale(holder: LockHolder | null, path: string): boolean {
  if (holder === null || holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !heldInThisProcess.has(path);
  return !processIsAlive(holder.pid);
}

function tryCreate(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock file `<dir>/crm-sync.lock` (creating `dir` if needed) or throws DataDirLockedError. A second
 * open from this very process is refused as well, because two PGlite instances on one folder corrupt it just the
 * same. The lock is released by `release()` and, as a safety net, when the process exits.
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  const absDir = resolve(dir);
  mkdirSync(absDir, { recursive: true });
  const path = join(absDir, LOCK_FILE_NAME);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  };

  if (!tryCreate(path, me)) {
    const holder = readHolder(path);
    if (!isStale(holder, path)) throw new DataDirLockedError(path, holder);
    // Take over a crashed process's lock. Two processes racing for the same stale lock both unlink, but only one
    // `wx` create succeeds; the loser sees a live holder on its re-check below.
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (!tryCreate(path, me)) throw new DataDirLockedError(path, readHolder(path));
  }
  // Re-read: a racing taker-over could have unlinked our fresh file between its read and its unlink.
  if (readHolder(path)?.token !== me.token) throw new DataDirLockedError(path, readHolder(path));

  let released = false;
  const onExit = (): void => lock.release();
  const lock: DataDirLock = {
    path,
    release() {
      if (released) return;
      released = true;
      heldInThisProcess.delete(path);
      process.removeListener('exit', onExit);
      if (readHolder(path)?.token === me.token) {
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      }
    },
  };
  heldInThisProcess.set(path, lock);
  process.once('exit', onExit);
  return lock;
}
