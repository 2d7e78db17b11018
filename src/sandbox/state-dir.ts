// Where `npm start` and `npm run sandbox` keep the sandboxes' state: `<DATA_DIR>/sandbox/graph.json`, `c4c.json`
// and `google.json`, beside the sync service's PGlite folder (`<DATA_DIR>/pglite`), so that one folder holds the whole
// demo world and `--reset` can start all of it over.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function sandboxStateFiles(dataDir: string): { dir: string; graph: string; c4c: string; google: string } {
  const dir = join(dataDir, 'sandbox');
  return { dir, graph: join(dir, 'graph.json'), c4c: join(dir, 'c4c.json'), google: join(dir, 'google.json') };
}

/** Deletes the sandboxes' state folder (snapshots, and those set aside as unusable); returns the files it held. */
export function removeSandboxState(dataDir: string): string[] {
  const { dir } = sandboxStateFiles(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  rmSync(dir, { recursive: true, force: true });
  return names.sort().map((name) => join(dir, name));
}
