// The fault soak in short: 12 s of random edits on both sides with 10% injected faults and three SIGKILLs of the
// service, then both sides must converge item by item with no duplicates and no lost edits, and no table may hold
// the soak's subjects, bodies or locations outside in-flight rows (docs/privacy.md). On both stores: the embedded
// PGlite data folder and PostgreSQL. About 40 s each on an idle machine; the settle window stops early once both
// sides agree, and is long enough for a loaded one.
import { runSoak } from '../../../bench/soak-lib/run-soak.js';
import { testPostgresServer, stopTestDatabases, TEST_DRIVERS } from '../../support/test-database.js';

afterAll(stopTestDatabases);

describe.each(TEST_DRIVERS)('fault soak (short) on %s', (driver) => {
  it('converges after faults and kill -9 of the service: no duplicates, no lost edits, failures visible, no content at rest', async () => {
    const lines: string[] = [];
    const databaseUrl = driver === 'postgres' ? await (await testPostgresServer()).createDatabase() : undefined;
    // A fixed seed keeps the edit sequence reproducible in CI; `npm run soak` draws a new one each run.
    const report = await runSoak({
      seed: 4242,
      durationMs: 12_000,
      faultRate: 0.1,
      kills: 3,
      settleMs: 40_000,
      users: 2,
      paceMs: 100,
      ...(databaseUrl ? { databaseUrl } : {}),
      log: (l) => lines.push(`${new Date().toISOString()} ${l}`),
    });
    if (report.check.violations.length > 0) console.error([...lines, ...report.check.violations].join('\n'));
    expect(report.kills).toBe(3);
    expect(report.check.items).toBeGreaterThan(2);
    expect(report.check.violations).toEqual([]);
    expect(report.check.converged + report.check.visibleErrors).toBe(report.check.items);
    // No item content at rest: the soak's subjects, bodies and locations are in no table's rows except in-flight
    // ones. Prints how many rows it read.
    console.log(`privacy scan (${driver}): ${report.privacy.rowsRead} rows of ${report.privacy.tables} tables read, ${report.privacy.inFlight} in flight`);
    expect(report.privacy.rowsRead).toBeGreaterThan(report.check.items);
    expect(report.privacy.hits).toEqual([]);
  }, 100_000);
});
