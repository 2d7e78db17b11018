// `npm run doctor` and GET /api/admin/checks: every check of a configuration against the real services, in order,
// as one report. Pure over its probes (ports/doctor-probes.ts): the composition root binds them to the adapters,
// tests may bind them to anything.
import type { DoctorReport } from '../../shared/admin-api.js';
import type { Clock } from '../ports/clock.js';
import type { CrmProbes, GoogleProbes, GraphProbes, ProbeFailure, StoreProbe } from '../ports/doctor-probes.js';
import { c4cChecks, type C4cCheckSettings } from './c4c-checks.js';
import { ok, type CheckResult } from './check.js';
import { googleChecks, type GoogleCheckSettings } from './google-checks.js';
import { graphChecks, type GraphCheckSettings } from './graph-checks.js';
import { storeCheck } from './store-check.js';

export interface DoctorDeps {
  graph: GraphProbes;
  crm: CrmProbes;
  /** Google Calendar (R10), or null when no service account key is configured. */
  google: GoogleProbes | null;
  /** The database, or why it could not be opened (e.g. its data folder is locked by the running service). */
  store: StoreProbe | ProbeFailure;
  settings: GraphCheckSettings & C4cCheckSettings & { usesPostgres: boolean; google: GoogleCheckSettings };
  clock: Clock;
  fetch?: typeof fetch;
}

/** The line for a configuration that loaded: the checks below test it. */
export const CONFIG_OK = ok('config', 'Configuration valid', 'every setting passed the start-up checks');

/** The report of a set of lines: ok when none failed. */
export function reportOf(checks: CheckResult[], clock: Clock): DoctorReport {
  return { ok: checks.every((c) => c.status !== 'fail'), checkedAt: clock.now().toISOString(), checks };
}

export async function runChecks(deps: DoctorDeps): Promise<DoctorReport> {
  const store = 'ok' in deps.store ? null : deps.store;
  const lines: CheckResult[] = [CONFIG_OK];
  lines.push(await storeCheck(deps.store, deps.settings.usesPostgres));
  lines.push(...(await graphChecks(deps.graph, store, deps.settings, deps.clock)));
  lines.push(...(await c4cChecks(deps.crm, deps.settings, deps.fetch)));
  lines.push(...(await googleChecks(deps.google, deps.settings.google)));
  return reportOf(lines, deps.clock);
}
