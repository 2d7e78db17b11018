// The contact family's first sync of a large sync list (R14): one mailbox whose list names `entries` C4C records
// (the seeded tenant's contacts, then accounts), synced from nothing to a copy of each in the service's contact
// folder. Measures items per second and the HTTP round trips to C4C and Graph per item (a $batch is one round trip):
// C4C's counted by its sandbox, Graph's by the service's own fetches (the Graph sandbox replays each $batch member
// against itself and counts it as a request too, as Graph counts members against a mailbox's limits). Goal (issue 14): ≤ 0.15 round trips per item with $batch. Baseline, measured in the same
// run: the same first sync of a list a tenth the size, in a second mailbox (how the cost scales).
//   npm run bench:contact-first-sync [-- --entries 5000]
import type { DemoUser } from '../src/sandbox/common/demo-tenant.js';
import { AVA, BEN, startSyncHarness, type SyncHarness } from '../test/support/sync-harness.js';
import { control, type Json } from '../test/support/sync-harness-http.js';
import { countFetches } from './lib/fetch-counter.js';
import { isMain, numberArg, printResult, type BenchResult } from './lib/report.js';

export interface ContactFirstSyncOptions {
  entries?: number;
}

const isTokenRoute = (route: string) => /oauth2|discovery|openid/.test(route);

/** Readable ids of the seeded tenant's contacts and accounts, `count` of them (contacts first). */
async function recordIds(h: SyncHarness, count: number): Promise<{ type: 'contact' | 'account'; c4cId: string }[]> {
  const ids: { type: 'contact' | 'account'; c4cId: string }[] = [];
  for (const [type, set, property] of [['contact', 'ContactCollection', 'ContactID'], ['account', 'CorporateAccountCollection', 'AccountID']] as const) {
    for (let skip = 0; ids.length < count; skip += 1000) {
      const page = ((await h.c4c.request('GET', `${set}?$select=${property}&$top=1000&$skip=${skip}`)).body.d?.results ?? []) as Json[];
      if (page.length === 0) break;
      for (const row of page) if (ids.length < count) ids.push({ type, c4cId: String(row[property]) });
    }
  }
  if (ids.length < count) throw new Error(`the sandbox holds only ${ids.length} contacts and accounts, ${count} wanted`);
  return ids;
}

/** The first sync of `entries` list entries of `user`'s (nothing synced before): seconds, copies, round trips by side. */
async function firstSync(h: SyncHarness, user: DemoUser, entries: number): Promise<{ seconds: number; copies: number; graph: number; graphRequests: number; c4c: number; sessions: number; routes: Record<string, number> }> {
  for (const ref of await recordIds(h, entries)) await h.syncList.add(user.id, ref, 'user');
  // The control connection sat idle while the list filled: its keep-alive socket may have been closed meanwhile.
  await h.resetCounters().catch(() => h.resetCounters());
  // Graph's API only (not its token endpoint or control plane); members of a $batch are not round trips of their own.
  const graphTrips = countFetches([`${h.graphUrl}/v1.0/`]);
  const started = performance.now();
  // Sessions until one applies nothing (the first normally does all the work).
  let sessions = 0;
  while (sessions < 5) {
    sessions += 1;
    const { sessions: ran } = await h.cycle(user.id);
    if (ran.every((s) => Object.keys(s.applied).length === 0)) break;
  }
  const seconds = (performance.now() - started) / 1000;
  graphTrips.restore();
  const { graph, c4c } = await h.counters();
  const routes: Record<string, number> = {};
  const count = (byRoute: Record<string, number>, side: string) =>
    Object.entries(byRoute).reduce((n, [route, k]) => {
      if (isTokenRoute(route)) return n;
      routes[`${side} ${route}`] = (routes[`${side} ${route}`] ?? 0) + k;
      return n + k;
    }, 0);
  const copies = (await h.store.loadPairs(user.id)).filter((p) => p.status === 'synced').length;
  const graphRequests = count(graph.byRoute, 'Graph');
  return { seconds, copies, graph: graphTrips.snapshot().total, graphRequests, c4c: count(c4c.byRoute, 'C4C'), sessions, routes };
}

export async function runContactFirstSync(options: ContactFirstSyncOptions = {}): Promise<BenchResult> {
  const entries = options.entries ?? 5000;
  const small = Math.max(1, Math.round(entries / 10));
  // The sandbox seeds twice as many contacts as accounts (at most 4,000): enough of both for the list. The baseline's
  // list (a second mailbox, first) takes the first records; the full list takes them again, as users share records.
  const h = await startSyncHarness('pglite', { users: [AVA, BEN], families: ['contacts'], c4cAccounts: Math.max(200, Math.ceil(entries / 2.5)) });
  // Graph allows 10,000 requests per mailbox per 10 minutes (its sandbox too); a list this size without $batch'd writes
  // goes past it, and the rest of the window would be spent waiting. The window is lifted here so the figures show
  // the service's own pace; the Graph requests against that limit are a figure of their own.
  const limits = (await control(h.graphUrl, 'GET', '/throttling')).body.limits as { requestsPerWindow: number; windowSeconds: number };
  await control(h.graphUrl, 'PUT', '/throttling', { requestsPerWindow: 10_000_000 });
  let base: Awaited<ReturnType<typeof firstSync>>;
  let full: Awaited<ReturnType<typeof firstSync>>;
  try {
    base = await firstSync(h, BEN, small);
    full = await firstSync(h, AVA, entries);
  } finally {
    await h.close();
  }
  const perItem = (r: typeof full) => (r.graph + r.c4c) / Math.max(1, r.copies);
  return {
    bench: `first sync of a ${entries}-entry sync list (contacts family, one mailbox, in process on PGlite)`,
    figures: [
      { name: 'items per second', value: full.copies / full.seconds, unit: 'items/s', baseline: base.copies / base.seconds, baselineLabel: `${small}-entry list` },
      { name: 'round trips per item (C4C + Graph)', value: perItem(full), unit: 'req/item', baseline: 0.15, baselineLabel: 'goal with $batch' },
      { name: 'C4C round trips per item', value: full.c4c / Math.max(1, full.copies), unit: 'req/item', baseline: base.c4c / Math.max(1, base.copies), baselineLabel: `${small}-entry list` },
      { name: 'Graph round trips per item', value: full.graph / Math.max(1, full.copies), unit: 'req/item', baseline: base.graph / Math.max(1, base.copies), baselineLabel: `${small}-entry list` },
      { name: 'Graph requests of the first sync (one mailbox; $batch members each count)', value: full.graphRequests, unit: 'req', baseline: limits.requestsPerWindow, baselineLabel: `Graph's limit per mailbox per ${limits.windowSeconds / 60} min` },
      { name: 'copies synced', value: full.copies, unit: 'items', baseline: entries, baselineLabel: 'entries' },
      { name: 'first sync took', value: full.seconds, unit: 's' },
    ],
    notes: [
      `sessions until one applied nothing: ${full.sessions}`,
      `requests by route (Graph: each $batch member counted under its own route as well): ${JSON.stringify(full.routes)}`,
      `${small}-entry baseline: ${base.copies} copies in ${base.seconds.toFixed(1)} s, ${perItem(base).toFixed(3)} round trips per item`,
    ],
  };
}

if (isMain(import.meta.url)) printResult(await runContactFirstSync({ entries: numberArg('entries', 5000) }));
