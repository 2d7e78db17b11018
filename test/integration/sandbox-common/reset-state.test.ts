// `npm start -- --reset` (scripts/reset-state.ts): removes the sandboxes' snapshots and the service's PGlite folder
// together, refuses (removing nothing) for a PostgreSQL store or a data folder another process holds.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResetRefusedError, resetLocalState } from '../../../scripts/reset-state.js';
import { acquireDataDirLock, DataDirLockedError } from '../../../src/server/adapters/store/data-dir-lock.js';
import { Secret } from '../../../src/server/config/index.js';
import { sandboxStateFiles } from '../../../src/sandbox/state-dir.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'reset-state-'));
  const files = sandboxStateFiles(dataDir);
  mkdirSync(files.dir);
  writeFileSync(files.graph, '{}');
  writeFileSync(files.c4c, '{}');
  mkdirSync(join(dataDir, 'pglite'));
  writeFileSync(join(dataDir, 'pglite', 'PG_VERSION'), '17');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start -- --reset', () => {
  it('removes the sandbox snapshots and the PGlite folder, and says what it removed', () => {
    const files = sandboxStateFiles(dataDir);
    expect(resetLocalState({ dataDir, databaseUrl: null, poolSize: 1 })).toEqual([files.c4c, files.graph, `${join(dataDir, 'pglite')} (the service's database)`]);
    expect(existsSync(files.dir)).toBe(false);
    expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
    expect(resetLocalState({ dataDir, databaseUrl: null, poolSize: 1 })).toEqual([]);
  });

  it('refuses for a PostgreSQL store, removing nothing, and says how to start over', () => {
    const refuse = () => resetLocalState({ dataDir, databaseUrl: new Secret('postgres://u:p@localhost/crm'), poolSize: 1 });
    expect(refuse).toThrow(ResetRefusedError);
    expect(refuse).toThrow(/refused, nothing was removed.*dropdb <name> && createdb <name>.*rm -r /s);
    expect(existsSync(sandboxStateFiles(dataDir).graph)).toBe(true);
  });

  it('refuses while a service holds the data folder', () => {
    const lock = acquireDataDirLock(dataDir);
    try {
      expect(() => resetLocalState({ dataDir, databaseUrl: null, poolSize: 1 })).toThrow(DataDirLockedError);
      expect(existsSync(join(dataDir, 'pglite'))).toBe(true);
    } finally {
      lock.release();
    }
  });
});
