// A tenant of many mailboxes for the throughput benchmark: grows both sandboxes to the same N users (Graph users and
// C4C employees matched by e-mail, tenantUsers in demo-tenant.ts), seeds changed items into many mailboxes at once,
// and posts Graph's change notifications for them in chunks, as Graph batches them.
import { DEMO_TENANT, type DemoUser } from '../../src/sandbox/common/demo-tenant.js';
import { clientStateFor } from '../../src/server/http/webhook-secrets.js';
import { DEFAULT_CATEGORIES } from '../../src/shared/categories.js';
import { control } from '../../test/support/sync-harness-http.js';

/** Notifications per POST: Graph batches several changes into one request, a few hundred at most in practice. */
const NOTIFICATIONS_PER_POST = 100;

/** Graph users + C4C employees up to `count` (the demo users stay first); both sandboxes then hold the same people. */
export async function growTenant(graphUrl: string, c4cUrl: string, count: number): Promise<void> {
  const graph = await control(graphUrl, 'POST', '/users', { count });
  if (graph.status !== 200) throw new Error(`Graph sandbox users: ${graph.status} ${JSON.stringify(graph.body)}`);
  const c4c = await control(c4cUrl, 'POST', '/employees', { count });
  if (c4c.status !== 200) throw new Error(`C4C sandbox employees: ${c4c.status} ${JSON.stringify(c4c.body)}`);
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** `count` Outlook items with the CRM category in a mailbox (as the user creating them in Outlook). */
export async function seedItems(graphUrl: string, mail: string, count: number, prefix: string): Promise<void> {
  const body = { mailbox: mail, generate: { count, startDay: 1, days: 25, subjectPrefix: prefix, categories: [DEFAULT_CATEGORIES.appointment] } };
  // A loaded machine once reset one of these connections (ECONNRESET) 70 s into a 1,000-mailbox run: tried once more.
  // Should the first attempt have landed after all, the benches' exact count of items in C4C reports the duplicates.
  const res = await control(graphUrl, 'POST', '/seed', body).catch(async (error: unknown) => {
    if (!(error instanceof TypeError)) throw error;
    await new Promise((r) => setTimeout(r, 1_000));
    return control(graphUrl, 'POST', '/seed', body);
  });
  if (res.status !== 201) throw new Error(`seed ${mail}: ${res.status}`);
}

export async function seedMailboxes(graphUrl: string, users: readonly DemoUser[], items: number, prefix: string): Promise<void> {
  await inParallel(users, 8, (u) => seedItems(graphUrl, u.mail, items, prefix));
}

/** Items in C4C whose subject starts with `prefix` (the bench's own, so earlier rounds do not count). */
export async function c4cCount(c4cUrl: string, prefix: string): Promise<number> {
  const { user, password } = DEMO_TENANT.c4cTechnicalUser;
  const filter = encodeURIComponent(`startswith(Subject,'${prefix}')`);
  const res = await fetch(`${c4cUrl}/sap/c4c/odata/v1/c4codataapi/AppointmentCollection/$count?$filter=${filter}`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  });
  return Number(await res.text());
}

/**
 * Graph's change notifications for these mailboxes, posted to the web process with the right clientState and the
 * subscription Graph (the sandbox) holds for each: the service refuses a notification of a subscription it does not
 * know (webhook-routes.ts), so a made-up subscription id would be answered 401.
 */
export async function notifyChanged(webUrl: string, secret: string, users: readonly DemoUser[], graphUrl: string): Promise<void> {
  const subs = ((await control(graphUrl, 'GET', '/subscriptions')).body.value ?? []) as { id: string; mailboxId: string }[];
  const subscriptionOf = new Map(subs.map((s) => [s.mailboxId, s.id]));
  for (let i = 0; i < users.length; i += NOTIFICATIONS_PER_POST) {
    const value = users.slice(i, i + NOTIFICATIONS_PER_POST).map((u) => ({
      subscriptionId: subscriptionOf.get(u.id) ?? `none-${u.id}`,
      clientState: clientStateFor(secret, u.id),
      changeType: 'created',
      resource: `Users/${u.id}/Events/bench`,
      tenantId: DEMO_TENANT.tenantId,
    }));
    const res = await fetch(`${webUrl}/webhooks/graph`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value }) });
    if (res.status !== 202) throw new Error(`notification: ${res.status} ${await res.text()}`);
  }
}
