// The doctor's clock check: this machine's clock against Graph's `Date` header. Token lifetimes, subscription expiry
// and the sync window all read the clock; a minute is what they tolerate well.
import type { Clock } from '../ports/clock.js';
import type { GraphProbes } from '../ports/doctor-probes.js';
import { fail, ok, skip, type CheckResult } from './check.js';

export const MAX_CLOCK_SKEW_MS = 60_000;
const ID = 'graph.clock';
const TITLE = 'Clock within 1 minute of Graph';

export async function clockCheck(graph: GraphProbes, clock: Clock): Promise<CheckResult> {
  const graphDate = await graph.serverDate();
  if (!graphDate) return skip(ID, TITLE, 'Graph sent no Date header');
  // The header has whole seconds: up to a second of the difference is its rounding.
  const skew = clock.now().getTime() - graphDate.getTime();
  if (Math.abs(skew) <= MAX_CLOCK_SKEW_MS) return ok(ID, TITLE, `${Math.round(skew / 1000)} s from Graph's Date header`);
  return fail(
    ID,
    TITLE,
    `this machine's clock is ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'ahead of' : 'behind'} Graph's Date header`,
    'Synchronize the clock with NTP (e.g. `timedatectl set-ntp true`, chrony): token lifetimes, subscription expiry and the sync window all depend on it.',
  );
}
