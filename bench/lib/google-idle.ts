// Idle cost of Google Workspace mailboxes (R10): what one scheduled cycle costs when nothing changed. A cycle is the
// tenant's C4C change query plus one session per mailbox. Floor: one events.list (with its sync token) per synced
// calendar, two per mailbox ("SAP Appointments", "SAP Visits"), and one change query per C4C entity set of the
// tenant. Counted by the Google and C4C sandboxes' request counters after the mailboxes settled.
import { DEMO_USERS } from '../../src/sandbox/common/demo-tenant.js';
import { GOOGLE_DEMO_USERS } from '../../src/sandbox/google/seed.js';
import { googleMailbox, startGoogleSyncHarness } from '../../test/integration/google-adapter/harness.js';
import { control } from '../../test/support/sync-harness-http.js';
import type { BenchResult } from './report.js';

const isTokenRoute = (route: string) => /token|oauth2/.test(route);

export async function runGoogleIdleCost(options: { cycles?: number } = {}): Promise<BenchResult> {
  const cycles = options.cycles ?? 3;
  const googleMails = new Set(GOOGLE_DEMO_USERS.map((u) => u.email));
  const mailboxes = DEMO_USERS.filter((u) => googleMails.has(u.mail.toLowerCase())).map(googleMailbox);
  const h = await startGoogleSyncHarness('pglite', mailboxes);
  try {
    for (const mailbox of mailboxes) await h.settle(mailbox, 6);
    const googlePerMailbox: number[] = [];
    const c4cPerTenant: number[] = [];
    const routes: Record<string, number> = {};
    const count = (byRoute: Record<string, number>, into: Record<string, number>) =>
      Object.entries(byRoute).reduce((n, [route, k]) => {
        if (isTokenRoute(route)) return n;
        into[route] = (into[route] ?? 0) + k;
        return n + k;
      }, 0);
    for (let cycle = 0; cycle < cycles; cycle += 1) {
      for (const url of [h.google.url, h.c4cUrl]) await control(url, 'DELETE', '/counters');
      // One tenant poll, then each mailbox's session (cycle() polls and runs the mailbox; a second poll in a cycle
      // finds nothing new and costs its one query, so the tenant's query is counted once per cycle below).
      const [first, ...rest] = mailboxes;
      if (first) await h.cycle(first);
      for (const mailbox of rest) await h.cycle(mailbox);
      const google = (await control(h.google.url, 'GET', '/counters')).body as { byRoute: Record<string, number> };
      const c4c = (await control(h.c4cUrl, 'GET', '/counters')).body as { byRoute: Record<string, number> };
      googlePerMailbox.push(count(google.byRoute, routes) / mailboxes.length);
      c4cPerTenant.push(count(c4c.byRoute, routes) / mailboxes.length);
    }
    const max = (xs: number[]) => Math.max(...xs);
    return {
      bench: `idle cost of Google Workspace mailboxes (${mailboxes.length} mailboxes, 1 tenant, ${cycles} idle cycles after settling)`,
      figures: [
        { name: 'Google requests per mailbox per cycle (max)', value: max(googlePerMailbox), unit: 'req', baseline: 2, baselineLabel: 'floor: one events.list per calendar (2)' },
        { name: 'C4C requests per tenant poll (max)', value: max(c4cPerTenant), unit: 'req', baseline: 1, baselineLabel: 'floor: one $batch of the change queries' },
      ],
      notes: [
        `each cycle polls the tenant once per mailbox here (the harness polls before each session), so the C4C figure is per poll`,
        `requests by route over all idle cycles: ${JSON.stringify(routes)}`,
      ],
    };
  } finally {
    await h.close();
  }
}
