// `npm start -- --reset`: the demo world starts over as a whole. The sandboxes' snapshots and the service's PGlite
// folder go together, because a store kept with a fresh seed would hold pairs and cursors of items that no longer
// exist (and the fresh seed hands out the same ids again, for other items).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../src/server/config/index.js';
import { acquireDataDirLock } from '../src/server/adapters/store/data-dir-lock.js';
import { removeSandboxState, sandboxStateFiles } from '../src/sandbox/state-dir.js';

export class ResetRefusedError extends Error {
  override name = 'ResetRefusedError';
}

/**
 * Deletes `<dataDir>/sandbox` and `<dataDir>/pglite` and returns what it removed. With a PostgreSQL store it
 * refuses and removes nothing: dropping a server's database is not something a demo flag should do silently, and
 * resetting the sandboxes alone would leave that database pointing at a world that is gone. The data folder's lock
 * is taken first, so a service still running on it is not pulled out from under (DataDirLockedError).
 */
export function resetLocalState(store: Config['store']): string[] {
  if (store.databaseUrl) {
    const stateDir = sandboxStateFiles(store.dataDir).dir;
    throw new ResetRefusedError(
      "--reset: refused, nothing was removed. The service's store is the PostgreSQL database of DATABASE_URL, and " +
        '--reset does not drop a database. To start over: empty that database yourself (for instance ' +
        '`dropdb <name> && createdb <name>`; the service creates its tables at its next start), delete the ' +
        `sandboxes' state with \`rm -r ${stateDir}\`, then run \`npm start\` again.`,
    );
  }
  const lock = acquireDataDirLock(store.dataDir);
  try {
    const removed = removeSandboxState(store.dataDir);
    const pglite = join(store.dataDir, 'pglite');
    if (existsSync(pglite)) {
      rmSync(pglite, { recursive: true, force: true });
      removed.push(`${pglite} (the service's database)`);
    }
    return removed;
  } finally {
    lock.release();
  }
}
