// The doctor's database check: reachable, and holding exactly the program's migrations (the service applies them at
// start, so a running service's database is current; pending ones mean it has not started on it yet).
import type { ProbeFailure, StoreProbe } from '../ports/doctor-probes.js';
import { fail, ok, type CheckResult } from './check.js';

const ID = 'database';
const TITLE = 'Database reachable, migrations current';

export async function storeCheck(store: StoreProbe | ProbeFailure, usesPostgres: boolean): Promise<CheckResult> {
  const status = 'ok' in store ? store : await store.migrations();
  if (!status.ok) {
    if (/DATA_DIR_LOCKED|locked/i.test(`${status.code} ${status.message}`)) {
      return fail(ID, TITLE, status.message, 'The running service holds the embedded database: run `npm run doctor` with no settings beside `npm start` (it asks the service), or `--service <url> --token <admin token>`; or stop the service first.');
    }
    return fail(ID, TITLE, status.message, usesPostgres ? 'Check DATABASE_URL (host, port, user, password, database, TLS options) and that this machine reaches the server.' : 'Check DATA_DIR: a folder this user may write.');
  }
  if (status.unknown.length > 0) {
    return fail(ID, TITLE, `the database holds migrations this version does not know (${status.unknown.join(', ')})`, 'It was migrated by a newer version of the service: run that version, or restore a backup taken before the upgrade.');
  }
  if (status.applied < status.known) {
    const pending = status.known - status.applied;
    return fail(ID, TITLE, `${pending} of ${status.known} migrations pending`, 'Start the service once (`npm run start:service`): it applies them at start, one process at a time. Then run the doctor again.');
  }
  return ok(ID, TITLE, `${usesPostgres ? 'PostgreSQL' : 'embedded PGlite'}, ${status.known} migrations applied`);
}
