// Insta-sync of a contact edit between two users (R14, the Siebel scenario), through the whole running service: Ava
// and Ben have the same C4C contact on their sync lists (put there through /api, as the task pane does); Ava corrects
// the last name of her Outlook copy, the service writes it to C4C, C4C's outbound notification makes the tenant poll
// file it under Ben, and Ben's session updates his copy. Timed from the Graph sandbox's commit of Ava's edit to its
// commit of Ben's copy (Graph store change events: the probe adds no latency), with injected latency on every sandbox
// request (default 50 ± 20 ms). Goal (issue 14): p95 ≤ 1 s. Baseline, measured in the same run: the floor of four
// sequential round trips (read Ava's change, write C4C, read the C4C change, write Ben's copy) × the round trip.
// Each change is split into its two legs (Ava's edit → C4C write answered → Ben's copy) and their parts (notification
// delivery, queue wait, session) from a timeline of the in-process service's requests (lib/leg-timeline.ts).
//   npm run bench:contact-insta-sync [-- --changes 50 --latency 50 --jitter 20 --timeout-seconds 60]
import { DEMO_TENANT, DEMO_USERS, type DemoUser } from '../src/sandbox/common/demo-tenant.js';
import type { ChangeRecord } from '../src/sandbox/graph/store/graph-store.js';
import { GraphClient, control, type Json } from '../test/support/sync-harness-http.js';
import { legsOf, recordLegTimeline, requestLines, type ChangeLegs } from './lib/leg-timeline.js';
import { measuredRoundTripMs } from './lib/round-trip.js';
import { isMain, numberArg, percentile, printResult, type BenchResult } from './lib/report.js';
import { waitQuiet } from './lib/quiet.js';
import { startInProcessService, startSandboxPair, waitFor } from './lib/service-stack.js';

export interface ContactInstaSyncOptions {
  changes?: number;
  latencyMs?: number;
  jitterMs?: number;
  timeoutMs?: number;
  quietMs?: number;
}

const FLOOR_ROUND_TRIPS = 4;

export async function runContactInstaSync(options: ContactInstaSyncOptions = {}): Promise<BenchResult> {
  const changes = options.changes ?? 50;
  const latency = { fixedMs: options.latencyMs ?? 50, jitterMs: options.jitterMs ?? 20 };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const [ava, ben] = DEMO_USERS as [DemoUser, DemoUser];
  const sandboxes = await startSandboxPair();
  const graph = new GraphClient(sandboxes.graphUrl);
  const graphChanges: (ChangeRecord & { at: number })[] = [];
  const unsubscribe = sandboxes.graphStore.onChange((change) => graphChanges.push({ ...change, at: performance.now() }));
  // Cycles every minute: entries put on a list are read at the next cycle.
  const service = await startInProcessService(sandboxes, { SYNC_FAMILIES: 'contacts', SYNC_INTERVAL_MINUTES: '1' });
  const notes: string[] = [];
  let timeline: ReturnType<typeof recordLegTimeline> | undefined;
  const api = async (user: DemoUser, method: string, path: string, body?: unknown) => {
    const q = new URLSearchParams({ user: user.mail, aud: DEMO_TENANT.serviceApp.appIdUri });
    const token = ((await (await fetch(`${sandboxes.graphUrl}/_sandbox/token?${q}`)).json()) as { access_token: string }).access_token;
    const res = await fetch(`${service.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`service ${method} ${path}: ${res.status}`);
  };
  const graphOk = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await graph.request(method, path, body);
    if (res.status >= 300) throw new Error(`Graph ${method} ${path}: ${res.status}`);
    return res.body;
  };
  /** The user's copy of the record (in any folder: the service's folder is the only one holding it). */
  const copyOf = async (user: DemoUser, surname: string): Promise<Json | undefined> => {
    const folders = ((await graphOk('GET', `/users/${user.id}/contactFolders`)).value ?? []) as Json[];
    for (const f of folders) {
      const found = (((await graphOk('GET', `/users/${user.id}/contactFolders/${String(f.id)}/contacts?$top=500`)).value ?? []) as Json[]).find((c) => c.surname === surname);
      if (found) return found;
    }
    return undefined;
  };
  try {
    const contact = await readContact(sandboxes.c4cUrl);
    if (!contact) throw new Error('no C4C contact to sync');
    const { contactId, lastName } = contact;
    await api(ava, 'POST', '/api/sync-list', { type: 'contact', c4cId: contactId });
    await api(ben, 'POST', '/api/sync-list', { type: 'contact', c4cId: contactId });
    // The list change reaches a session at the next cycle (or a restart): the bench waits for both copies.
    const avas = await waitFor("Ava's copy", () => copyOf(ava, lastName), 10 * 60_000, 1_000);
    const bens = await waitFor("Ben's copy", () => copyOf(ben, lastName), 10 * 60_000, 1_000);
    await waitQuiet(sandboxes.graphUrl, sandboxes.c4cUrl, options.quietMs ?? 2_500, 120_000);
    for (const url of [sandboxes.graphUrl, sandboxes.c4cUrl]) await control(url, 'PUT', '/latency', latency);

    const measured = await measuredRoundTripMs(graph, ava.id);
    const roundTrip = measured.p50;
    const latencies: number[] = [];
    const legs: ChangeLegs[] = [];
    const spans: { start: number; end: number }[] = [];
    timeline = recordLegTimeline({ service: service.url, graph: sandboxes.graphUrl, c4c: sandboxes.c4cUrl });
    let lost = 0;
    for (let i = 0; i < changes; i += 1) {
      const surname = `${lastName}-Corrected ${i}`;
      const from = graphChanges.length;
      try {
        await graphOk('PATCH', `/users/${ava.id}/contacts/${String(avas.id)}`, { surname });
        const committed = graphChanges.slice(from).find((c) => c.eventId === avas.id);
        if (!committed) throw new Error('Graph sandbox reported no change for our write');
        const checked = new Set<object>();
        const landed = await waitFor(`Ben's copy "${surname}"`, async () => {
          for (const change of graphChanges.slice(from)) {
            if (checked.has(change) || change.eventId !== bens.id) continue;
            checked.add(change);
            const copy = (await graph.request('GET', `/users/${ben.id}/contacts/${String(bens.id)}`)).body as Json;
            if (copy.surname === surname) return change;
          }
          return null;
        }, timeoutMs, 5);
        latencies.push(landed.at - committed.at);
        spans.push({ start: committed.at, end: landed.at });
        const split = legsOf(timeline.events, committed.at, landed.at, { first: ava.id, second: ben.id });
        if (split) legs.push(split);
      } catch (error) {
        lost += 1;
        notes.push(`change ${i} lost: ${(error as Error).message}`);
      }
    }
    const floor = FLOOR_ROUND_TRIPS * roundTrip;
    const pct = (values: number[], p: number) => (values.length > 0 ? percentile(values, p) : Number.NaN);
    const partNames = { graphNotification: 'Graph notification delivered', queueFirst: "queue until Ava's session reads Graph", sessionFirst: "Ava's session until C4C answered its write", c4cNotification: 'C4C notification sent, from the C4C write answered (negative: before the answer)', queueSecond: "tenant poll and queue until Ben's session reads Graph", sessionSecond: "Ben's session until his copy is written" } as const;
    for (const [part, label] of Object.entries(partNames)) {
      const values = legs.flatMap((l) => (l.parts[part as keyof typeof partNames] === undefined ? [] : [l.parts[part as keyof typeof partNames] as number]));
      notes.push(`${label}: p50 ${pct(values, 50).toFixed(0)} ms, p95 ${pct(values, 95).toFixed(0)} ms (${values.length} changes)`);
    }
    // The requests of the change nearest the median, to see what the time is spent on (and the second before it: what
    // still ran when it started).
    const median = spans.sort((a, b) => a.end - a.start - (b.end - b.start))[Math.floor(spans.length / 2)];
    if (median) notes.push(`requests of the median change (${(median.end - median.start).toFixed(0)} ms): ${requestLines(timeline.events, median.start, median.end, { [ava.id]: 'Ava', [ben.id]: 'Ben' }, 1000).join('; ')}`);
    notes.push(
      `injected latency ${latency.fixedMs} ± ${latency.jitterMs} ms on every sandbox request; measured sandbox round trip p50 ${roundTrip.toFixed(0)} ms (mean ${measured.mean.toFixed(0)} ms)`,
      `floor = ${FLOOR_ROUND_TRIPS} sequential round trips (read Ava's change, write C4C, read the C4C change, write Ben's copy) × ${roundTrip.toFixed(0)} ms`,
    );
    return {
      bench: `insta-sync of a contact edit, Ava's Outlook → C4C → Ben's Outlook (${changes} edits, service in-process on PGlite)`,
      figures: [
        { name: 'Outlook → C4C → second Outlook p50', value: percentile(latencies, 50), unit: 'ms', baseline: floor, baselineLabel: 'floor' },
        { name: 'Outlook → C4C → second Outlook p95', value: percentile(latencies, 95), unit: 'ms', baseline: 1000, baselineLabel: 'goal' },
        { name: "leg 1, Ava's Outlook → C4C, p50 / p95", value: pct(legs.map((l) => l.toC4c), 50), unit: 'ms', baseline: pct(legs.map((l) => l.toC4c), 95), baselineLabel: 'p95' },
        { name: "leg 2, C4C → Ben's Outlook, p50 / p95", value: pct(legs.map((l) => l.toSecondUser), 50), unit: 'ms', baseline: pct(legs.map((l) => l.toSecondUser), 95), baselineLabel: 'p95' },
        { name: 'slowest', value: Math.max(...latencies), unit: 'ms', baseline: floor, baselineLabel: 'floor' },
        { name: 'changes measured', value: latencies.length, unit: 'changes' },
        { name: 'changes lost (timed out)', value: lost, unit: 'changes' },
      ],
      notes,
    };
  } finally {
    timeline?.restore();
    unsubscribe();
    for (const url of [sandboxes.graphUrl, sandboxes.c4cUrl]) await control(url, 'DELETE', '/latency').catch(() => undefined);
    await service.close();
    await sandboxes.close();
  }
}

/** An active C4C contact of the seeded tenant. */
async function readContact(c4cUrl: string): Promise<{ contactId: string; lastName: string } | null> {
  const info = (await (await fetch(`${c4cUrl}/_sandbox/info`)).json()) as { serviceRoot: string; technicalUser: { user: string; password: string } };
  const auth = `Basic ${Buffer.from(`${info.technicalUser.user}:${info.technicalUser.password}`).toString('base64')}`;
  const res = await fetch(`${info.serviceRoot}ContactCollection?$filter=${encodeURIComponent("StatusCode eq '2'")}&$top=1&$select=ContactID,LastName&$format=json`, { headers: { authorization: auth, accept: 'application/json' } });
  const row = (((await res.json()) as Json).d?.results ?? [])[0] as Json | undefined;
  return row ? { contactId: String(row.ContactID), lastName: String(row.LastName) } : null;
}

if (isMain(import.meta.url)) {
  printResult(await runContactInstaSync({ changes: numberArg('changes', 50), latencyMs: numberArg('latency', 50), jitterMs: numberArg('jitter', 20), timeoutMs: numberArg('timeout-seconds', 60) * 1000 }));
}
