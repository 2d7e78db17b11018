// `npm run soak`: random edits on both sides with injected faults and SIGKILLs of the service, then a check that
// both sides converged item by item. Exits 1 on any violation. The modes (README, "The fault soak"):
//   npm run soak                                          PGlite, one process (or DATABASE_URL's server)
//   npm run soak -- --store postgres                      a private PostgreSQL server, restarted during the edits
//   npm run soak -- --store postgres --workers 2          the same with one web process and 2 worker processes
//   [--minutes 2 --fault-rate 0.1 --kills 3 --db-restarts 2 --settle-seconds 120 --mailboxes 20 --google 2 --seed 42 --hard-deletes]
import { numberArg, printResult, stringArg } from './lib/report.js';
import { runSoak } from './soak-lib/run-soak.js';

const minutes = numberArg('minutes', 2);
const seedArg = numberArg('seed', -1);
const store = stringArg('store', process.env.DATABASE_URL ?? 'pglite');
const report = await runSoak({
  durationMs: minutes * 60_000,
  faultRate: numberArg('fault-rate', 0.1),
  kills: numberArg('kills', 3),
  settleMs: numberArg('settle-seconds', 120) * 1000,
  users: numberArg('mailboxes', 20),
  store,
  workers: numberArg('workers', 0),
  ...(numberArg('google', -1) >= 0 ? { googleMailboxes: numberArg('google', -1) } : {}),
  dbRestarts: numberArg('db-restarts', store === 'postgres' ? 2 : 0),
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
    ...Object.entries(report.killsByRole).map(([role, n]) => ({ name: `  of them: role ${role}`, value: n, unit: 'kills' })),
    { name: 'PostgreSQL restarts under the service', value: report.dbRestarts.length, unit: 'restarts' },
    { name: 'service processes that exited on their own', value: report.crashes.length, unit: 'processes', baseline: 0, baselineLabel: 'required' },
    { name: 'faults injected (Graph + C4C + Google)', value: report.faultsInjected.graph + report.faultsInjected.c4c + report.faultsInjected.google, unit: 'faults' },
    { name: 'Google sync tokens expired (410) during the edits', value: report.syncTokenExpiries, unit: 'expiries' },
    { name: 'items tracked', value: c.items, unit: 'items' },
    { name: 'items converged', value: c.converged, unit: 'items', baseline: c.items, baselineLabel: 'all items' },
    { name: 'visible errors (error category)', value: c.visibleErrors, unit: 'items' },
    { name: 'refused by a rule and showing it (R5 private Visits)', value: c.refusals.length, unit: 'items' },
    { name: 'converged on an older edit than the latest', value: c.notLatestEdit, unit: 'items' },
    { name: 'of them matched to an R12 conflict the service logged', value: report.conflicts.matched.length, unit: 'items', baseline: c.notLatestEdit, baselineLabel: 'required: all' },
    { name: 'conflicts the service logged (applied)', value: report.conflicts.logged, unit: 'conflicts' },
    { name: 'violations', value: c.violations.length, unit: 'items', baseline: 0, baselineLabel: 'required' },
    { name: 'settled after', value: (report.settledAfterMs ?? Number.NaN) / 1000, unit: 's' },
    { name: 'peak memory: this process (sandboxes, edits, checks)', value: report.peakRssMb.soak, unit: 'MB' },
    { name: 'peak memory: largest service process', value: report.peakRssMb.service, unit: 'MB' },
    { name: 'database rows scanned for the soak\'s subjects, bodies, locations', value: report.privacy.rowsRead, unit: 'rows' },
    { name: 'rows holding them outside in-flight rows', value: report.privacy.hits.length, unit: 'rows', baseline: 0, baselineLabel: 'required' },
  ],
  notes: [
    `seed ${report.seed}; ${report.mailboxes} mailboxes (${report.googleMailboxes} at Google); ${report.store}; ${report.processes}`,
    `faults injected: ${JSON.stringify(report.faultsInjected)}`,
    `processes killed, in order: ${report.killed.join(', ') || 'none'}; PostgreSQL restarts: ${report.dbRestarts.join(', ') || 'none'}`,
    `shared meetings: ${JSON.stringify(report.check.shared)}`,
    `edits by kind: ${JSON.stringify(report.edits)}`,
    `items by final state: ${JSON.stringify(c.byState)}`,
    ...c.visibleErrorItems.map((e) => `visible error: ${e.tag} (${e.family}) ${e.reason ?? 'reason not read'}`),
    ...c.refusals.map((r) => `refusal: ${r}`),
    `items by family (tracked / converged): ${JSON.stringify(c.byFamily)}; calendar items by provider: ${JSON.stringify(c.byProvider)}`,
    ...report.conflicts.matched.slice(0, 5).map(({ item, conflict }) => `conflict matched: ${item.tag} (${item.family}) kept the ${item.keptSide} edit over the later one; logged ${conflict.at}, pair ${conflict.pairId}, fields ${conflict.record.fields.join('+')}, ${conflict.record.winner} won`),
    ...c.violations.slice(0, 30).map((v) => `VIOLATION ${v}`), ...report.privacy.hits.slice(0, 10).map((h) => `CONTENT AT REST in ${h.table}: ${h.row}`)],
});
process.exit(c.violations.length > 0 || report.privacy.hits.length > 0 ? 1 : 0);
