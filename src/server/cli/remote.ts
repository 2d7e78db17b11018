// `npm run sync -- --mailbox <upn>` through a running service: POST /api/admin/mailboxes/{mailbox}/sync with an
// admin's token, and the report in words. With `npm start` running, nothing needs configuring: the sandbox
// identity issues a token to its demo administrator (the user holding the admin app role). Against a real
// deployment, pass `--service <url>` and an admin's token (`--token` or CRMSYNC_ADMIN_TOKEN).
import type { SyncNowResponse } from '../../shared/admin-api.js';
import { scrubSecrets } from '../log/index.js';

export interface RemoteOptions {
  serviceUrl: string;
  /** An admin's bearer token for the service, or null to ask the sandbox identity for one. */
  token: string | null;
  /** Where the Graph sandbox (and its identity) answers, for the sandbox token. */
  sandboxGraphUrl: string;
  mailbox: string;
  json: boolean;
}

interface SandboxInfo {
  serviceApp?: { appIdUri?: string; adminRole?: string };
  users?: { mail: string; appRoles?: string[] }[];
}

export async function sandboxAdminToken(graphUrl: string): Promise<string> {
  const info = (await (await fetch(`${graphUrl}/_sandbox/info`)).json()) as SandboxInfo;
  const role = info.serviceApp?.adminRole;
  const admin = info.users?.find((u) => role !== undefined && u.appRoles?.includes(role));
  if (!info.serviceApp?.appIdUri || !admin) throw new Error('the sandbox names no administrator; pass --token');
  const url = `${graphUrl}/_sandbox/token?user=${encodeURIComponent(admin.mail)}&aud=${encodeURIComponent(info.serviceApp.appIdUri)}`;
  const minted = (await (await fetch(url)).json()) as { access_token?: string };
  if (!minted.access_token) throw new Error('the sandbox identity issued no token');
  return minted.access_token;
}

const LABELS: Record<string, string> = {
  createCrm: 'created in C4C',
  updateCrm: 'updated in C4C',
  cancelCrm: 'cancelled in C4C',
  createOutlook: 'created in Outlook',
  updateOutlook: 'updated in Outlook',
  deleteOutlook: 'deleted in Outlook',
  removeCategoryAndNotify: 'untagged in Outlook (gone in C4C)',
  unlink: 'unlinked (category removed)',
  markError: 'marked with the error category',
  clearError: 'error category cleared',
};

export function formatRemote(report: SyncNowResponse): string {
  const lines = [`Mailbox ${report.mailbox.email} (id ${report.mailbox.mailboxId})`];
  if (!report.finished) lines.push('No session ended within 60 s: the workers are busy or stopped. It runs when a worker is free.');
  const applied = Object.entries(report.applied).sort(([a], [b]) => a.localeCompare(b));
  if (report.finished && applied.length === 0 && report.failed.length === 0) lines.push('Session done. Nothing to do: both sides were already in step.');
  else if (report.finished) lines.push('Session done.');
  for (const [type, n] of applied) lines.push(`  ${String(n).padStart(4)}  ${LABELS[type] ?? type}`);
  if (report.failed.length > 0) {
    lines.push(`Failed: ${report.failed.length} (they carry the error category and are retried next session)`);
    for (const f of report.failed) lines.push(`  - ${f.pairId ?? '(session)'}: ${f.code ?? ''}: ${scrubSecrets(f.message ?? '')}`);
  }
  if (report.conflicts.length > 0) {
    lines.push(`Conflicts (changed on both sides, R12): ${report.conflicts.length}`);
    for (const c of report.conflicts) lines.push(`  - ${c.pairId ?? '(session)'}: ${c.fields.join(', ')}: ${c.winner === 'outlook' ? 'Outlook' : 'C4C'} won${c.applied ? '' : ' (not written yet; decided again next session)'}`);
  }
  if (report.held > 0) lines.push(`Held for an administrator: ${report.held} mass changes (GET /api/admin/holds)`);
  if (report.health && report.health !== 'ok') lines.push(`Mailbox health: ${report.health}${report.lastError ? ` (${report.lastError.code}: ${scrubSecrets(report.lastError.message ?? '')})` : ''}`);
  return lines.join('\n');
}

/** Exit codes as for a local run: 0 synced, 3 some items failed, 1 the cycle could not run. */
export async function runThroughService(options: RemoteOptions, io: { out(text: string): void; err(text: string): void }): Promise<number> {
  let token: string;
  try {
    token = options.token ?? (await sandboxAdminToken(options.sandboxGraphUrl));
  } catch (error) {
    io.err(`No admin token: ${(error as Error).message}. Pass --token <admin token> (or CRMSYNC_ADMIN_TOKEN) for a real deployment.`);
    return 1;
  }
  let res: Response;
  try {
    res = await fetch(`${options.serviceUrl}/api/admin/mailboxes/${encodeURIComponent(options.mailbox)}/sync`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    io.err(`The service at ${options.serviceUrl} does not answer (${(error as Error).message}). Is \`npm start\` running? Or pass --service <url>.`);
    return 1;
  }
  const body = (await res.json().catch(() => null)) as (SyncNowResponse & { error?: { message?: string } }) | null;
  if (res.status !== 200 || !body) {
    io.err(`The service refused: ${res.status} ${body?.error?.message ?? ''}`.trim());
    return 1;
  }
  io.out(options.json ? JSON.stringify(body, null, 2) : formatRemote(body));
  if (!body.finished) return 1;
  return body.failed.length > 0 ? 3 : 0;
}
