// `npm run soak`: random edits on both sides with injected faults and SIGKILLs of the service, then a check that
// both sides converged item by item. Exits 1 on any violation.
//   npm run soak [-- --minutes 2 --fault-rate 0.1 --kills 3 --settle-seconds 120 --mailboxes 3 --seed 42 --hard-deletes]
import { numberArg, printResult } from './lib/report.js';
import { runSoak } from './soak-lib/run-soak.js';

const minutes = numberArg('minutes', 2);
const seedArg = numberArg('seed', -1);
const report = await runSoak({
  durationMs: minutes * 60_000,
  faultRate: numberArg('fault-rate', 0.1),
  kills: numberArg('kills', 3),
  settleMs: numberArg('settle-seconds', 120) * 1000,
  users: numberArg('mailboxes', 3),
  hardDeletes: process.argv.includes('--hard-deletes'),
  ...(seedArg >= 0 ? { seed: seedArg } : {}),
  log: (line) => console.log(`[soak] ${line}`),
});
const c = report.check;
printResult({
  bench: `fault soak (${minutes} min of edits)`,
  figures: [
    { name: 'edits made', value: Object.values(report.edits).reduce((a, b) => a + b, 0), unit: 'edits' },
    { name: 'edits that gave up after retries', value: report.editFailures, unit: 'edits' },
    { name: 'kill -9 of the service', value: report.kills, unit: 'kills' },
    { name: 'faults injected (Graph + C4C)', value: report.faultsInjected.graph + report.faultsInjected.c4c, unit: 'faults' },
    { name: 'items tracked', value: c.items, unit: 'items' },
    { name: 'items converged', value: c.converged, unit: 'items', baseline: c.items, baselineLabel: 'all items' },
    { name: 'visible errors (error category)', value: c.visibleErrors, unit: 'items' },
    { name: 'converged on an older edit than the latest', value: c.notLatestEdit, unit: 'items' },
    { name: 'of them matched to an R12 conflict the service logged', value: report.conflicts.matched.length, unit: 'items', baseline: c.notLatestEdit, baselineLabel: 'required: all' },
    { name: 'conflicts the service logged (applied)', value: report.conflicts.logged, unit: 'conflicts' },
    { name: 'violations', value: c.violations.length, unit: 'items', baseline: 0, baselineLabel: 'required' },
    { name: 'settled after', value: (report.settledAfterMs ?? Number.NaN) / 1000, unit: 's' },
    { name: 'database rows scanned for the soak\'s subjects, bodies, locations', value: report.privacy.rowsRead, unit: 'rows' },
    { name: 'rows holding them outside in-flight rows', value: report.privacy.hits.length, unit: 'rows', baseline: 0, baselineLabel: 'required' },
  ],
  notes: [
    `edits by kind: ${JSON.stringify(report.edits)}`,
    `items by final state: ${JSON.stringify(c.byState)}`,
    `items by family (tracked / converged): ${JSON.stringify(c.byFamily)}`,
    ...report.conflicts.matched.slice(0, 5).map(({ item, conflict }) => `conflict matched: ${item.tag} (${item.family}) kept the ${item.keptSide} edit over the later one; logged ${conflict.at}, pair ${conflict.pairId}, fields ${conflict.record.fields.join('+')}, ${conflict.record.winner} won`),
    ...c.violations.slice(0, 30).map((v) => `VIOLATION ${v}`), ...report.privacy.hits.slice(0, 10).map((h) => `CONTENT AT REST in ${h.table}: ${h.row}`)],
});
process.exit(c.violations.length > 0 || report.privacy.hits.length > 0 ? 1 : 0);
