// Write cost: HTTP round trips (counted on this process's fetch) and API requests (the
// members of a Graph or C4C $batch each count) per changed item, for 1, 20 and 1,000 items changed in one mailbox:
// first created in Outlook with the CRM category (→ C4C creates + links written back), then edited (→ C4C updates).
// Floor per item: one API write on the other side; round trips: one C4C $batch per CHANGE_SETS_PER_BATCH writes.
//   npm run bench:write-cost [-- --sizes 1,20,1000]
import { DEMO_USERS } from '../src/sandbox/common/demo-tenant.js';
import { CHANGE_SETS_PER_BATCH } from '../src/server/adapters/c4c/activity-writer.js';
import { DEFAULT_CATEGORIES } from '../src/shared/categories.js';
import { startSyncHarness, type SyncHarness } from '../test/support/sync-harness.js';
import { countFetches } from './lib/fetch-counter.js';
import { isMain, printResult, type BenchResult, type Figure } from './lib/report.js';

interface Measured {
  roundTrips: number;
  apiRequests: number;
  ms: number;
  applied: number;
}

async function measureCycle(h: SyncHarness, mailboxId: string, routes: string[]): Promise<Measured> {
  await h.resetCounters();
  const fetches = countFetches([h.graphUrl, h.c4cUrl]);
  const started = performance.now();
  let applied = 0;
  try {
    const { sessions } = await h.cycle(mailboxId);
    for (const s of sessions) {
      if (s.failed.length > 0) throw new Error(`session failed items: ${JSON.stringify(s.failed.slice(0, 3))}`);
      applied += Object.entries(s.applied).reduce((n, [type, k]) => (type === 'recordState' ? n : n + k), 0);
    }
  } finally {
    fetches.restore();
  }
  const ms = performance.now() - started;
  const seen = fetches.snapshot();
  const { graph, c4c } = await h.counters();
  routes.push(`${JSON.stringify(graph.byRoute)} ${JSON.stringify(c4c.byRoute)}`);
  return { roundTrips: seen.total, apiRequests: seen.operations, ms, applied };
}

async function seedTagged(h: SyncHarness, mail: string, count: number, prefix: string): Promise<string[]> {
  const res = await h.graphControl('POST', '/seed', {
    mailbox: mail,
    generate: { count, startDay: 1, days: 25, subjectPrefix: prefix, categories: [DEFAULT_CATEGORIES.appointment] },
  });
  if (res.status !== 201) throw new Error(`seed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.ids as string[];
}

export async function runWriteCost(options: { sizes?: number[] } = {}): Promise<BenchResult> {
  const sizes = options.sizes ?? [1, 20, 1000];
  const user = DEMO_USERS[0];
  if (!user) throw new Error('no demo user');
  const h = await startSyncHarness('pglite', { users: [user] });
  const figures: Figure[] = [];
  const notes: string[] = [];
  const routes: string[] = [];
  try {
    await h.settle(6);
    // Baseline: the fixed cost of a cycle with nothing to do, measured now, subtracted from every size.
    const idle = await measureCycle(h, user.id, routes);
    notes.push(`idle cycle (fixed cost, subtracted): ${idle.roundTrips} round trips, ${idle.apiRequests} API requests, ${idle.ms.toFixed(0)} ms`);
    for (const n of sizes) {
      const ids = await seedTagged(h, user.mail, n, `Write cost ${n}`);
      const created = await measureCycle(h, user.id, routes);
      await h.settle(3);
      for (const [i, id] of ids.entries()) await h.graph.patchEvent(user.id, id, { subject: `Write cost ${n} edited ${i}` });
      const updated = await measureCycle(h, user.id, routes);
      await h.settle(3);
      for (const [what, m] of [['create', created], ['update', updated]] as const) {
        figures.push(
          { name: `${what} ${n}: HTTP round trips per item`, value: (m.roundTrips - idle.roundTrips) / n, unit: 'trips', baseline: Math.ceil(n / CHANGE_SETS_PER_BATCH) / n, baselineLabel: `floor: one C4C $batch per ${CHANGE_SETS_PER_BATCH} writes` },
          { name: `${what} ${n}: API requests per item`, value: (m.apiRequests - idle.apiRequests) / n, unit: 'req', baseline: 1, baselineLabel: 'floor: one write on the other side' },
          { name: `${what} ${n}: cycle time per item`, value: m.ms / n, unit: 'ms' },
        );
        notes.push(`${what} ${n}: ${m.roundTrips} round trips, ${m.apiRequests} API requests, ${m.applied} actions applied, ${m.ms.toFixed(0)} ms`);
        notes.push(`${what} ${n} requests by route (Graph, then C4C; a C4C $batch counts once): ${routes.at(what === 'create' ? -2 : -1) ?? ''}`);
      }
    }
    return { bench: `write cost (one mailbox; Outlook-side creates and edits)`, figures, notes };
  } finally {
    await h.close();
  }
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--sizes');
  const sizes = at > 0 ? (process.argv[at + 1] ?? '').split(',').map(Number) : undefined;
  printResult(await runWriteCost(sizes ? { sizes } : {}));
}
