// One line of the doctor's report, and the few words every check shares.
import type { CheckResult } from '../../shared/admin-api.js';
import type { ProbeFailure } from '../ports/doctor-probes.js';

export type { CheckResult };

export const ok = (id: string, title: string, detail: string): CheckResult => ({ id, title, status: 'ok', detail, fix: null });
export const fail = (id: string, title: string, detail: string, fix: string): CheckResult => ({ id, title, status: 'fail', detail, fix });
export const skip = (id: string, title: string, detail: string): CheckResult => ({ id, title, status: 'skip', detail, fix: null });

/** "403 ErrorAccessDenied: Access is denied…" — what came back, in one line. */
export function described(failure: ProbeFailure): string {
  const status = failure.status === null ? 'no answer' : String(failure.status);
  return `${status} ${failure.code}${failure.message ? `: ${failure.message}` : ''}`.slice(0, 400);
}

/** Where to grant a Graph application permission (docs/deploy.md, section 2). */
export function grantGraphPermission(permission: string): string {
  return (
    `Grant the application permission ${permission}: Entra admin center › App registrations › (the service app, CLIENT_ID) › ` +
    `API permissions › Add a permission › Microsoft Graph › Application permissions › ${permission}, then "Grant admin consent" ` +
    '(docs/deploy.md, section 2). Granted already? Then an Exchange RBAC for Applications scope or application access policy ' +
    'keeps the app out of this mailbox.'
  );
}
