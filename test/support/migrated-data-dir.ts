/**
 * A PGlite data folder whose schema is already migrated, for tests that start the service on the embedded store:
 *
 *   const dataDir = h.tempDir('data');
 *   await seedMigratedDataDir(dataDir);            // ~0.5–1 s
 *   await h.startService({ role: 'all', dataDir });
 *
 * A service on an empty folder first creates the PGlite cluster, which took 5–13 s per start on the 2-core CI
 * machines (most of a service test's set-up) and is the same work every time. The folder here is a copy of a template
 * made once per machine from test-database.ts's migrated snapshot, so the service finds the cluster and every
 * migration in place (its start-up migrate applies none): the same state the service reaches on an empty folder
 * before it does anything else. Tests of a first start itself (creating and migrating the store) keep an empty
 * folder.
 */
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../../src/server/adapters/store/index.js';
import { migratedSnapshot, migratedSnapshotKey } from './test-database.js';

let template: Promise<string> | null = null;

/** The template folder (`<it>/pglite`), built once per machine; parallel jest workers may race, one rename wins. */
async function buildTemplate(): Promise<string> {
  const path = join(tmpdir(), `crm-sync-pglite-folder-${migratedSnapshotKey()}`);
  if (existsSync(join(path, 'pglite', 'PG_VERSION'))) return path;
  const partial = mkdtempSync(`${path}.partial-`);
  try {
    const db = await openPglite({ dataDir: partial, snapshot: await migratedSnapshot() });
    await db.close();
    rmSync(join(partial, 'crm-sync.lock'), { force: true });
    try {
      renameSync(partial, path);
    } catch (error) {
      // Another worker renamed its copy first (the target exists and is not empty): use that one.
      if (!existsSync(join(path, 'pglite', 'PG_VERSION'))) throw error;
    }
    return path;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/** Fills an empty data folder with a migrated PGlite cluster (`<dataDir>/pglite`), as the service would leave it. */
export async function seedMigratedDataDir(dataDir: string): Promise<string> {
  template ??= buildTemplate();
  cpSync(join(await template, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  return dataDir;
}
