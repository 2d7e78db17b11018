// The PostgreSQL test harness (test/support/postgres.ts) that integration tests across the project rely on.
import { jest } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresBinariesMissingError, findPostgresBin, startPostgres } from '../../support/postgres.js';

jest.setTimeout(60_000);

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(sql)).rows[0] as object)[0];
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  it('starts a private server on 127.0.0.1 with a fresh database, gives more databases, and cleans up on stop', async () => {
    const started = performance.now();
    const server = await startPostgres();
    const ms = Math.round(performance.now() - started);
    console.log(`private PostgreSQL cluster: initdb + start + create database in ${ms} ms`);
    try {
      expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/crm_sync_test`);
      expect(await scalar(server.url, 'SELECT current_database()')).toBe('crm_sync_test');
      expect(Number(await scalar(server.url, "SELECT current_setting('server_version_num')"))).toBeGreaterThanOrEqual(150000);
      expect(await scalar(server.url, "SELECT current_setting('fsync')")).toBe('off');
      const other = await server.createDatabase();
      expect(other).toMatch(/\/crm_sync_test_1$/);
      expect(await scalar(other, 'SELECT current_database()')).toBe('crm_sync_test_1');
      expect(await server.createDatabase('named_db')).toMatch(/\/named_db$/);
      await expect(server.createDatabase('bad name; DROP')).rejects.toThrow(/invalid test database name/);
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dir)).toBe(false);
    await expect(scalar(server.url, 'SELECT 1')).rejects.toThrow();
    await server.stop(); // a second stop is harmless
  });

  it('runs two servers side by side', async () => {
    const [a, b] = await Promise.all([startPostgres({ database: 'first' }), startPostgres({ database: 'second' })]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(await scalar(a.url, 'SELECT current_database()')).toBe('first');
      expect(await scalar(b.url, 'SELECT current_database()')).toBe('second');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('fails with a clear error, not a skip, when the binaries are missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-pg-bin-'));
    const saved = process.env.PG_BIN;
    process.env.PG_BIN = empty;
    try {
      expect(() => findPostgresBin()).toThrow(PostgresBinariesMissingError);
      await expect(startPostgres()).rejects.toThrow(/install-system-deps\.sh/);
    } finally {
      if (saved === undefined) delete process.env.PG_BIN;
      else process.env.PG_BIN = saved;
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
