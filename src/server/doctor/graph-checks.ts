// The doctor's Microsoft Graph group, in order: the app token (nothing else runs without one), the clock, the
// permissions on one mailbox, the enrolment group's members, and the subscription that tests PUBLIC_URL. Each check
// is its own module.
import type { Clock } from '../ports/clock.js';
import type { GraphProbes, StoreProbe } from '../ports/doctor-probes.js';
import { skip, type CheckResult } from './check.js';
import { clockCheck } from './clock-check.js';
import { GROUP_CHECK_ID, GROUP_CHECK_TITLE, groupCheck } from './group-check.js';
import { permissionChecks } from './graph-permissions.js';
import { PUBLIC_URL_TITLE, publicUrlChecks } from './public-url-check.js';
import { tokenCheck } from './token-check.js';

export interface GraphCheckSettings {
  publicUrl: string;
  /** DOCTOR_MAILBOX: the mailbox to try (id or address); null: the first enrolled one, else the tenant's first user. */
  mailbox: string | null;
  /** Whether the To Do family runs (SYNC_FAMILIES includes tasks). */
  tasks: boolean;
}

export async function graphChecks(graph: GraphProbes, store: StoreProbe | null, settings: GraphCheckSettings, clock: Clock): Promise<CheckResult[]> {
  const token = await tokenCheck(graph);
  if (token.status === 'fail') {
    const why = 'not run: no app token';
    return [token, skip('graph.clock', 'Clock within 1 minute of Graph', why), skip('graph.permissions', 'Graph permissions', why), skip(GROUP_CHECK_ID, GROUP_CHECK_TITLE, why), skip('graph.publicUrl', PUBLIC_URL_TITLE, why)];
  }
  const permissions = await permissionChecks(graph, store, settings);
  // After the first calls: their answers carry the Date header.
  const lines = [token, await clockCheck(graph, clock), ...permissions.lines, await groupCheck(graph, store)];
  if (!permissions.mailbox) return [...lines, skip('graph.publicUrl', PUBLIC_URL_TITLE, 'not run: no mailbox to subscribe to')];
  return [...lines, ...(await publicUrlChecks(graph, permissions.mailbox, settings.publicUrl, settings.mailbox !== null))];
}
