// The soak's faults beyond failed requests and kills (issue 19): Graph's change notifications and Google's push
// messages lost, sent twice and late (out of order), and C4C's clock running ahead of the service's. Set on the sandboxes' control planes while
// the edits run, and taken off with the request faults before the settle. The scheduled sessions and the final clean
// start must recover what the lost notifications did not announce. A clock set *behind* cannot be shown on a running
// sandbox (its stamps never go back); the integration tests cover that side (docs/reliability.md).
import { control } from '../../test/support/sync-harness-http.js';

export interface NotificationFaultCounts {
  dropped: number;
  duplicated: number;
  delayed: number;
}

/** Half the notifications lost, a fifth sent twice, each up to 3 s late; C4C's stamps 2 minutes ahead. */
export const SOAK_NOTIFICATION_FAULTS = { drop: 0.5, duplicate: 0.2, delayMs: 3_000 };
export const SOAK_C4C_CLOCK_AHEAD_SECONDS = 120;

export async function startNotificationFaults(urls: { graphUrl: string; c4cUrl: string }, seed: number): Promise<void> {
  await control(urls.graphUrl, 'PUT', '/notifications/faults', { ...SOAK_NOTIFICATION_FAULTS, seed });
  await control(urls.c4cUrl, 'PUT', '/clock', { offsetSeconds: SOAK_C4C_CLOCK_AHEAD_SECONDS });
}

/** The same faults on the Google sandbox's push messages (`exists`; the `sync` handshake is never lost). */
export async function startGooglePushFaults(googleUrl: string, seed: number): Promise<void> {
  await control(googleUrl, 'PUT', '/notifications/faults', { ...SOAK_NOTIFICATION_FAULTS, seed });
}

export async function stopGooglePushFaults(googleUrl: string): Promise<NotificationFaultCounts> {
  const { body } = await control(googleUrl, 'GET', '/notifications/faults');
  await control(googleUrl, 'DELETE', '/notifications/faults');
  return { dropped: Number(body.dropped ?? 0), duplicated: Number(body.duplicated ?? 0), delayed: Number(body.delayed ?? 0) };
}

/** Turns the notification faults off and returns what they did. The C4C clock stays ahead: its stamps never go back. */
export async function stopNotificationFaults(urls: { graphUrl: string }): Promise<NotificationFaultCounts> {
  const { body } = await control(urls.graphUrl, 'GET', '/notifications/faults');
  await control(urls.graphUrl, 'DELETE', '/notifications/faults');
  return { dropped: Number(body.dropped ?? 0), duplicated: Number(body.duplicated ?? 0), delayed: Number(body.delayed ?? 0) };
}
