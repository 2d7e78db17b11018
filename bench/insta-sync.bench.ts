// Insta-sync latency through the whole running service (webhooks → queue → session → the other side), with
// injected latency on every sandbox request (default 50 ms ± 20 ms). Outlook → C4C: a Graph write (create with the
// CRM category, then subject edits) until the C4C sandbox commits the matching change; C4C → Outlook: a C4C edit
// until the Graph sandbox commits it. Both ends are timed inside the sandboxes (Graph store change events; C4C
// change notifications through a relay), so the probes add no latency. Floor: the minimal sequential round trips
// (read the change, write the other side) × the round trip measured in this run with the same injected latency.
// `--family tasks` measures the task family the same way: a To Do task (create tagged, then title edits) and its C4C
// task (Subject edits). `--family google` measures a Google Workspace user (R10): events in their "SAP Appointments"
// calendar (Google's push channels) and their C4C Appointments; the injected latency applies to Google too.
//   npm run bench:insta-sync [-- --changes 200 --latency 50 --jitter 20 --timeout-seconds 60 --family calendar|tasks|google]
import { DEMO_USERS } from '../src/sandbox/common/demo-tenant.js';
import type { ChangeRecord } from '../src/sandbox/graph/store/graph-store.js';
import { DEFAULT_CATEGORIES } from '../src/shared/categories.js';
import { C4cClient, GraphClient, control } from '../test/support/sync-harness-http.js';
import { startC4cRelay, type C4cChange } from './lib/c4c-relay.js';
import { googleProbe, waitWatched, watchGoogleChanges } from './lib/google-probe.js';
import { measuredRoundTripMs } from './lib/round-trip.js';
import { isMain, numberArg, percentile, printResult, stringArg, type BenchResult } from './lib/report.js';
import { startInProcessService, startSandboxPair, waitFor } from './lib/service-stack.js';
import { waitQuiet, waitSubscribed } from './lib/quiet.js';

export interface InstaSyncOptions {
  changes?: number;
  latencyMs?: number;
  jitterMs?: number;
  /** Per change; a change that does not arrive in time counts as lost. */
  timeoutMs?: number;
  /** How long both sandboxes must see no request before the service counts as settled (start-up cycle). */
  quietMs?: number;
  /** The item family measured (default the calendar; `google`: the calendar of a Google Workspace user). */
  family?: 'calendar' | 'tasks' | 'google';
}

/** The groupware side of one family as the bench's user acts on it. */
export interface GroupwareProbe {
  crmSet: 'AppointmentCollection' | 'TasksCollection';
  createTagged(i: number, subject: string): Promise<string>;
  rename(id: string, subject: string): Promise<void>;
  subjectOf(id: string): Promise<string | undefined>;
}

export function calendarProbe(graph: GraphClient, userId: string): GroupwareProbe {
  return {
    crmSet: 'AppointmentCollection',
    createTagged: async (i, subject) =>
      String((await graph.createEvent(userId, { subject, start: { dateTime: day(2 + (i % 20), 8 + (i % 8)), timeZone: 'UTC' }, end: { dateTime: day(2 + (i % 20), 9 + (i % 8)), timeZone: 'UTC' }, categories: [DEFAULT_CATEGORIES.appointment] })).id),
    rename: async (id, subject) => void (await graph.patchEvent(userId, id, { subject })),
    subjectOf: async (id) => (await graph.getEvent(userId, id))?.subject as string | undefined,
  };
}

export async function taskProbe(graph: GraphClient, userId: string): Promise<GroupwareProbe> {
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await graph.request(method, path, body);
    if (res.status >= 300) throw new Error(`Graph ${method} ${path}: ${res.status}`);
    return res.body;
  };
  const lists = (await ok('GET', `/users/${userId}/todo/lists`)).value as { id: string; wellknownListName: string }[];
  const list = lists.find((l) => l.wellknownListName === 'defaultList')?.id ?? '';
  const path = (id = '') => `/users/${userId}/todo/lists/${list}/tasks${id ? `/${id}` : ''}`;
  return {
    crmSet: 'TasksCollection',
    createTagged: async (i, subject) => String((await ok('POST', path(), { title: subject, categories: [DEFAULT_CATEGORIES.task], dueDateTime: { dateTime: day(2 + (i % 20), 0), timeZone: 'UTC' } })).id),
    rename: async (id, subject) => void (await ok('PATCH', path(id), { title: subject })),
    subjectOf: async (id) => (await ok('GET', path(id))).title as string | undefined,
  };
}

const MIN_SEQUENTIAL_ROUND_TRIPS = 2;
const day = (d: number, h: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + d, h)).toISOString().slice(0, 19);

export async function runInstaSync(options: InstaSyncOptions = {}): Promise<BenchResult> {
  const changes = options.changes ?? 200;
  const latency = { fixedMs: options.latencyMs ?? 50, jitterMs: options.jitterMs ?? 20 };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const family = options.family ?? 'calendar';
  const sandboxes = await startSandboxPair({ google: family === 'google' });
  const googleUsers = new Set(sandboxes.google?.users ?? []);
  // The measured user: Ava (Microsoft 365), or the first Google Workspace user for `google`.
  const user = family === 'google' ? DEMO_USERS.find((u) => googleUsers.has(u.mail.toLowerCase())) : DEMO_USERS[0];
  if (!user) throw new Error('no demo user');
  const relay = await startC4cRelay();
  const graph = new GraphClient(sandboxes.graphUrl);
  const c4c = new C4cClient(sandboxes.c4cUrl);
  // Every groupware commit, timed inside the sandbox: Graph's store change events, or Google's.
  const graphChanges: { eventId: string; at: number }[] = [];
  const unsubscribe = sandboxes.graphStore.onChange((change: ChangeRecord) => graphChanges.push({ eventId: change.eventId, at: performance.now() }));
  if (sandboxes.google) watchGoogleChanges(sandboxes.google.store, graphChanges);
  const service = await startInProcessService(sandboxes, {}, { pointC4cWebhook: false });
  const notes: string[] = [];
  const sandboxUrls = [sandboxes.graphUrl, sandboxes.c4cUrl, ...(sandboxes.google ? [sandboxes.google.url] : [])];
  try {
    relay.forwardTo(service.url);
    await relay.attach(sandboxes.c4cUrl);
    await waitSubscribed(sandboxes.graphUrl, DEMO_USERS.filter((u) => !googleUsers.has(u.mail.toLowerCase())).map((u) => u.id), 60_000);
    if (sandboxes.google) await waitWatched(sandboxes.google, 60_000);
    await waitQuiet(sandboxes.graphUrl, sandboxes.c4cUrl, options.quietMs ?? 2_500, 120_000);
    for (const url of sandboxUrls) await control(url, 'PUT', '/latency', latency);

    // Baseline: one sandbox round trip with the injected latency, measured now.
    const measured = await measuredRoundTripMs(graph, DEMO_USERS[0]?.id ?? user.id);
    const roundTrip = measured.p50;
    const probe = family === 'tasks' ? await taskProbe(graph, user.id) : family === 'google' && sandboxes.google ? await googleProbe(sandboxes.google, user.mail) : calendarProbe(graph, user.id);

    const linked = Math.max(1, Math.min(10, Math.floor(changes / 4)));
    const eventIds: string[] = [];
    const objectIds: string[] = [];
    const o2c: number[] = [];
    const c2o: number[] = [];
    let lost = 0;

    /** First relay change (after index `from`) on a C4C object whose subject is `subject`. */
    const arrivedInC4c = async (from: number, subject: string, objectId: string | null): Promise<C4cChange> => {
      const checked = new Set<C4cChange>();
      return waitFor(`C4C change "${subject}"`, async () => {
        for (const change of relay.changes.slice(from)) {
          if (checked.has(change) || (objectId && change.objectId !== objectId) || change.changeType === 'deleted') continue;
          checked.add(change);
          const found = await c4c.activity(probe.crmSet, change.objectId);
          if (found?.Subject === subject) return change;
        }
        return null;
      }, timeoutMs, 5);
    };
    const arrivedInOutlook = async (from: number, eventId: string, subject: string) => {
      const checked = new Set<object>();
      return waitFor(`Graph change "${subject}"`, async () => {
        for (const change of graphChanges.slice(from)) {
          if (checked.has(change) || change.eventId !== eventId) continue;
          checked.add(change);
          if ((await probe.subjectOf(eventId)) === subject) return change;
        }
        return null;
      }, timeoutMs, 5);
    };

    for (let i = 0; i < changes; i += 1) {
      const subject = `Insta o2c ${i}`;
      const fromGraph = graphChanges.length;
      const fromC4c = relay.changes.length;
      try {
        let eventId: string;
        if (i < linked) {
          eventId = await probe.createTagged(i, subject);
          eventIds.push(eventId);
        } else {
          eventId = eventIds[i % linked] ?? '';
          await probe.rename(eventId, subject);
        }
        const committed = graphChanges.slice(fromGraph).find((c) => c.eventId === eventId);
        if (!committed) throw new Error('Graph sandbox reported no change for our write');
        const landed = await arrivedInC4c(fromC4c, subject, i < linked ? null : (objectIds[i % linked] ?? null));
        if (i < linked) objectIds.push(landed.objectId);
        o2c.push(landed.at - committed.at);
      } catch (error) {
        lost += 1;
        notes.push(`Outlook → C4C change ${i} lost: ${(error as Error).message}`);
        if (i < linked) throw error;
      }
    }
    await waitQuiet(sandboxes.graphUrl, sandboxes.c4cUrl, Math.min(1_500, options.quietMs ?? 1_500), 60_000);

    for (let i = 0; i < changes; i += 1) {
      const subject = `Insta c2o ${i}`;
      const objectId = objectIds[i % objectIds.length] ?? '';
      const eventId = eventIds[i % eventIds.length] ?? '';
      const fromGraph = graphChanges.length;
      const fromC4c = relay.changes.length;
      try {
        await c4c.patch(probe.crmSet, objectId, { Subject: subject });
        const committed = await waitFor('C4C commit', async () => relay.changes.slice(fromC4c).find((c) => c.objectId === objectId), 5_000, 2);
        const landed = await arrivedInOutlook(fromGraph, eventId, subject);
        c2o.push(landed.at - committed.at);
      } catch (error) {
        lost += 1;
        notes.push(`C4C → Outlook change ${i} lost: ${(error as Error).message}`);
      }
    }

    const subs = sandboxes.google
      ? (((await control(sandboxes.google.url, 'GET', '/channels')).body.value ?? []) as { user: string; delivered: number; failedDeliveries: number }[]).map((c) => ({ ...c, mailboxId: c.user }))
      : (((await control(sandboxes.graphUrl, 'GET', '/subscriptions')).body.value ?? []) as { mailboxId: string; delivered: number; failedDeliveries: number }[]);
    const mine = subs.filter((s) => s.mailboxId === (sandboxes.google ? user.mail.toLowerCase() : user.id));
    notes.push(
      `${sandboxes.google ? 'Google push messages' : 'Graph notifications'} to the service for this mailbox: ${mine.map((s) => `${s.delivered} delivered, ${s.failedDeliveries} failed deliveries`).join('; ') || 'no subscription'}; ` +
        `C4C notifications forwarded: ${relay.changes.length}, failed ${relay.forwarding.failed}, slowest answer ${relay.forwarding.slowestMs.toFixed(0)} ms`,
    );
    const floor = MIN_SEQUENTIAL_ROUND_TRIPS * roundTrip;
    notes.push(
      `injected latency ${latency.fixedMs} ± ${latency.jitterMs} ms on every sandbox request; measured sandbox round trip p50 ${roundTrip.toFixed(0)} ms (mean ${measured.mean.toFixed(0)} ms)`,
      `floor = ${MIN_SEQUENTIAL_ROUND_TRIPS} sequential round trips (read the change on one side, write the other) × ${roundTrip.toFixed(0)} ms`,
      `${linked} items linked by the first Outlook-side creates; the other changes edit their subjects`,
    );
    const side = family === 'google' ? 'Google' : 'Outlook';
    return {
      bench: `insta-sync latency of the ${family === 'google' ? 'calendar family of a Google Workspace user' : `${family} family`} (${changes} changes each way, one mailbox, service in-process on PGlite)`,
      figures: [
        { name: `${side} → C4C p50`, value: percentile(o2c, 50), unit: 'ms', baseline: floor, baselineLabel: 'floor' },
        { name: `${side} → C4C p95`, value: percentile(o2c, 95), unit: 'ms', baseline: floor, baselineLabel: 'floor' },
        { name: `C4C → ${side} p50`, value: percentile(c2o, 50), unit: 'ms', baseline: floor, baselineLabel: 'floor' },
        { name: `C4C → ${side} p95`, value: percentile(c2o, 95), unit: 'ms', baseline: floor, baselineLabel: 'floor' },
        { name: 'slowest change (either way)', value: Math.max(...o2c, ...c2o), unit: 'ms', baseline: floor, baselineLabel: 'floor' },
        { name: 'changes measured', value: o2c.length + c2o.length, unit: 'changes' },
        { name: 'changes lost (timed out)', value: lost, unit: 'changes' },
      ],
      notes,
    };
  } finally {
    unsubscribe();
    for (const url of sandboxUrls) await control(url, 'DELETE', '/latency').catch(() => undefined);
    await service.close();
    await relay.close();
    await sandboxes.close();
  }
}

if (isMain(import.meta.url)) {
  printResult(
    await runInstaSync({
      changes: numberArg('changes', 200),
      latencyMs: numberArg('latency', 50),
      jitterMs: numberArg('jitter', 20),
      timeoutMs: numberArg('timeout-seconds', 60) * 1000,
      family: familyArg(),
    }),
  );
}

function familyArg(): 'calendar' | 'tasks' | 'google' {
  const family = stringArg('family', 'calendar');
  if (family === 'calendar' || family === 'tasks' || family === 'google') return family;
  console.error(`--family ${family}: expected calendar, tasks or google`);
  process.exit(2);
}
