// The doctor's Google line (R10): with Google Workspace users configured, a read of one user's calendar list proves
// the service account's key, the domain-wide delegation of the calendar scope and the API host, before any of those
// users' sessions fail on them.
import type { GoogleProbes } from '../ports/doctor-probes.js';
import { described, fail, ok, skip, type CheckResult } from './check.js';

export const GOOGLE_SCOPE = 'https://www.googleapis.com/auth/calendar';

export interface GoogleCheckSettings {
  /** GOOGLE_USERS and GOOGLE_DOMAINS. */
  users: readonly string[];
  domains: readonly string[];
  /** The service account's client ID from its key file, for the delegation fix; null when the file has none. */
  clientId: string | null;
  /** DOCTOR_MAILBOX, when set: checked if it is a Google user. */
  mailbox: string | null;
}

const ID = 'google.delegation';
const TITLE = 'Google Calendar: domain-wide delegation';

/** Which user to act as: DOCTOR_MAILBOX when it is a Google user, else the first of GOOGLE_USERS. */
function probeUser(settings: GoogleCheckSettings): string | null {
  const named = settings.mailbox?.toLowerCase() ?? null;
  if (named && (settings.users.includes(named) || settings.domains.some((d) => named.endsWith(`@${d}`)))) return named;
  return settings.users[0] ?? null;
}

export async function googleChecks(probes: GoogleProbes | null, settings: GoogleCheckSettings): Promise<CheckResult[]> {
  if (settings.users.length === 0 && settings.domains.length === 0) return [skip(ID, TITLE, 'no Google Workspace users configured (GOOGLE_USERS, GOOGLE_DOMAINS)')];
  if (!probes) {
    return [fail(ID, TITLE, 'Google Workspace users are configured but no service account key is', 'Set GOOGLE_SERVICE_ACCOUNT_KEY_FILE (or GOOGLE_SERVICE_ACCOUNT_KEY) to the JSON key file of the service account (README: Google Workspace).')];
  }
  const user = probeUser(settings);
  if (!user) return [skip(ID, TITLE, 'only GOOGLE_DOMAINS is set: name a Google user with DOCTOR_MAILBOX to check the delegation')];
  const outcome = await probes.calendarList(user);
  if (outcome.ok) return [ok(ID, TITLE, `${user}'s calendars read as the service account (${outcome.note ?? 'listed'})`)];
  const client = settings.clientId ? `client ID ${settings.clientId}` : "the service account's client ID (in its key file)";
  const delegation =
    `In the Google Admin console › Security › Access and data control › API controls › Manage domain-wide delegation, ` +
    `add ${client} with the scope ${GOOGLE_SCOPE} (README: Google Workspace). Changes can take a few minutes to apply.`;
  // The grant is refused when the client is not delegated the scope (unauthorized_client), or the key is not valid.
  const refusedGrant = outcome.status === 400 || outcome.status === 401 || /unauthorized_client|invalid_grant|access_denied/.test(outcome.code);
  if (refusedGrant) return [fail(ID, TITLE, `the token for ${user} was refused: ${described(outcome)}`, delegation)];
  if (outcome.status === 403) return [fail(ID, TITLE, `Google refused ${user}'s calendar list: ${described(outcome)}`, `Is the Calendar API enabled for the service account's project, and is ${user} a user of the Workspace domain? ${delegation}`)];
  return [fail(ID, TITLE, `Google Calendar did not answer as expected for ${user}: ${described(outcome)}`, 'Check that GOOGLE_API_ROOT_URL and GOOGLE_TOKEN_URL reach Google (their defaults do), and the service can make outbound HTTPS calls.')];
}
