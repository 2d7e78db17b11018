// The doctor's subscription check, which is also the PUBLIC_URL check: a real subscription to the mailbox's events
// with the service's webhook URLs, so Graph runs its validation handshake against PUBLIC_URL/webhooks/graph (and
// /lifecycle) as it does for the service; then it is deleted.
import type { GraphProbes, ProbeMailbox } from '../ports/doctor-probes.js';
import { fail, ok, skip, type CheckResult } from './check.js';
import { permissionLine } from './graph-permissions.js';

const SUBSCRIPTION = 'Graph: create and delete a change subscription';
export const PUBLIC_URL_TITLE = 'PUBLIC_URL reachable by Graph';

export async function publicUrlChecks(graph: GraphProbes, mailbox: ProbeMailbox, publicUrl: string, namedMailbox: boolean): Promise<CheckResult[]> {
  const webhook = `${publicUrl}/webhooks/graph`;
  const outcome = await graph.subscription(mailbox, { notificationUrl: webhook, lifecycleNotificationUrl: `${webhook}/lifecycle` });
  if (outcome.ok) {
    return [ok('graph.subscription', SUBSCRIPTION, outcome.note ?? 'created and deleted'), ok('graph.publicUrl', PUBLIC_URL_TITLE, `Graph's validation handshake with ${webhook} succeeded`)];
  }
  // Graph's answers when its handshake failed: ValidationError "…must respond with 200 OK…" or "…must exactly match
  // validationToken…", and InvalidRequest "Subscription validation request timed out.".
  if (outcome.status === 400 && (/ValidationError/i.test(outcome.code) || /validation request/i.test(outcome.message))) {
    return [
      skip('graph.subscription', SUBSCRIPTION, 'not known: Graph could not validate the notification URL (next line)'),
      fail(
        'graph.publicUrl',
        PUBLIC_URL_TITLE,
        `Graph's validation request to ${webhook} got no 200 with the token: ${outcome.message}`,
        'PUBLIC_URL must be the https address at which Graph reaches this service from the internet: check the DNS name, the TLS certificate (a public CA), and that the reverse proxy passes /webhooks/ through without authentication or buffering, answering within 10 s (docs/deploy.md, sections 1 and 7). Is the service running there?',
      ),
    ];
  }
  return [permissionLine('graph.subscription', SUBSCRIPTION, 'Calendars.Read', outcome, namedMailbox, 'created and deleted'), skip('graph.publicUrl', PUBLIC_URL_TITLE, 'not known: Graph refused the subscription')];
}
