// The doctor's check of the service's endpoint for C4C's Event Notification consumer: PUBLIC_URL/webhooks/c4c answers
// with the configured Basic credentials (C4C_WEBHOOK_USER / C4C_WEBHOOK_PASSWORD). From here only: whether C4C's own
// network reaches it shows in C4C's Event Notification Monitor.
import { fail, ok, type CheckResult } from './check.js';

export interface C4cCheckSettings {
  publicUrl: string;
  /** The Basic credentials the service expects from C4C's consumer (null: none, sandbox mode only). */
  webhook: { user: string; password: string } | null;
}

export async function consumerCheck(settings: C4cCheckSettings, fetchImpl: typeof fetch): Promise<CheckResult> {
  const id = 'c4c.notifications';
  const title = "C4C Event Notification consumer: the service's endpoint";
  const url = `${settings.publicUrl}/webhooks/c4c`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (settings.webhook) headers.authorization = `Basic ${Buffer.from(`${settings.webhook.user}:${settings.webhook.password}`).toString('base64')}`;
  // An event of a business object the service does not sync: acknowledged (202) and ignored, so nothing is polled.
  const body = JSON.stringify({ event: 'CrmSyncDoctor.Root.Updated', businessObjectId: 'CRMSYNCDOCTOR' });
  let status: number;
  try {
    const res = await fetchImpl(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    status = res.status;
    // Read to the end, so the connection is free again (an unread body keeps it busy until it times out).
    await res.arrayBuffer().catch(() => undefined);
  } catch (error) {
    return fail(id, title, `${url} did not answer from here: ${(error as Error).message}`, 'Is the service running at PUBLIC_URL? The reverse proxy must pass /webhooks/ to it from the internet, where C4C calls from (docs/deploy.md, sections 5 and 7).');
  }
  if (status === 202) return ok(id, title, `${url} accepts ${settings.webhook ? `C4C_WEBHOOK_USER's credentials` : 'notifications without authentication (sandbox mode)'}`);
  if (status === 401) {
    return fail(id, title, `${url} refused C4C_WEBHOOK_USER and C4C_WEBHOOK_PASSWORD (401)`, 'The service at PUBLIC_URL runs with other C4C_WEBHOOK_USER / C4C_WEBHOOK_PASSWORD than these settings: use the same values in both, and in C4C › Administrator › General Settings › Event Notification › (the consumer) › Edit Credentials.');
  }
  return fail(id, title, `${url} answered ${status}`, 'PUBLIC_URL/webhooks/c4c must reach this service: check the reverse proxy (docs/deploy.md, section 7).');
}
