// A new data folder's PGlite cluster is created by a short-lived child process (pglite-cluster.ts), so the memory of
// PGlite's initdb ends with that process instead of staying in the service's (issue 18, goal 3).
import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LOCK_FILE_NAME, PgliteClusterError, openDatabase, openPglite, preparePgliteDataDir } from '../../../src/server/adapters/store/index.js';

jest.setTimeout(180_000);
const run = promisify(execFile);

describe('a new data folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-sync-cluster-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created by a child process, so the opening process stays as small as on a later start', async () => {
    // A process of its own, as `npm start` is: the jest worker's RSS says nothing. Created in process, PGlite's
    // initdb left this process at ~450 MB; opening an existing cluster it is at ~230 MB.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/support/open-data-dir.ts', dir], { cwd: process.cwd() });
    const report = JSON.parse(stdout) as { opened: boolean; rssMb: number };
    console.log(`RSS after opening and migrating a new data folder: ${report.rssMb} MB`);
    expect(report.opened).toBe(true);
    expect(report.rssMb).toBeLessThan(340);
    expect(existsSync(join(dir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['pglite']);
  });

  it('is prepared once, under the lock, and then opens with the product settings', async () => {
    expect(await preparePgliteDataDir(dir)).toBe(true);
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    expect(await preparePgliteDataDir(dir)).toBe(false);
    const { db } = await openDatabase({ dataDir: dir });
    try {
      expect((await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows).toEqual([{ shared_buffers: '32MB' }]);
      expect((await db.query('SELECT 1 FROM sync_log LIMIT 1')).rowCount).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('says clearly when the child fails, leaves nothing behind and lets a later start try again', async () => {
    const failing = join(dir, 'failing-initdb.mjs');
    writeFileSync(failing, "process.stderr.write('initdb: could not create directory: No space left on device\\n');\nprocess.exit(3);\n");
    const data = join(dir, 'data');
    const failed = await openPglite({ dataDir: data, createClusterScript: failing }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(PgliteClusterError);
    expect((failed as Error).message).toContain(`Creating the embedded database (PGlite) in ${join(data, 'pglite')} failed`);
    expect((failed as Error).message).toContain('exited with code 3');
    expect((failed as Error).message).toContain('No space left on device');
    // No half-made cluster, no folder of the child's, and the lock let go.
    expect(readdirSync(data)).toEqual([]);
    expect(await preparePgliteDataDir(data)).toBe(true);
  });

  it('says so when the child ends without an error but without a cluster', async () => {
    const silent = join(dir, 'silent.mjs');
    writeFileSync(silent, 'process.exit(0);\n');
    await expect(preparePgliteDataDir(join(dir, 'data'), silent)).rejects.toThrow(/ended without creating it\. It wrote no error output/);
  });
});
