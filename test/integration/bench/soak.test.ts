// The fault soak in short: 15 s of random edits on both sides with 10% injected faults and three SIGKILLs of the
// service, then both sides must converge item by item with no duplicates and no lost edits.
import { runSoak } from '../../../bench/soak-lib/run-soak.js';

describe('fault soak (short)', () => {
  it('converges after faults and kill -9 of the service: no duplicates, no lost edits, failures visible', async () => {
    const lines: string[] = [];
    const report = await runSoak({ durationMs: 15_000, faultRate: 0.1, kills: 3, settleMs: 20_000, users: 2, paceMs: 50, log: (l) => lines.push(l) });
    if (report.check.violations.length > 0) console.error([...lines, ...report.check.violations].join('\n'));
    expect(report.kills).toBe(3);
    expect(report.check.items).toBeGreaterThan(5);
    expect(report.check.violations).toEqual([]);
    expect(report.check.converged + report.check.visibleErrors).toBe(report.check.items);
  }, 60_000);
});
