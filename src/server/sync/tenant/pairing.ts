// Tenant identity (restart safety). The sync state of a tenant (pairs, cursors, the C4C inbox) names records of one
// C4C system. Pointed at another (C4C_BASE_URL changed, a tenant swapped), every synced activity would "vanish" at
// once and sessions would untag or delete the user's items. So the service reads which system it talks to, at start
// and every few minutes, and compares it with the one the store was paired with:
// - no pairing yet: the first start pairs the tenant with what it finds;
// - the same system: sync runs;
// - another system: sync stops (sessions and C4C polls are refused with the reason, /readyz fails) until an admin
//   re-pairs, which forgets the old system's sync state so the next sessions start from a full read and act on
//   nothing that merely vanished (ports/tenant-pairing.ts `repair`);
// - C4C not reachable yet: sync waits (nothing is known about the system), and is asked again within seconds.
import type { Clock } from '../../ports/clock.js';
import type { CrmSystemIdentity, TenantPairing, TenantPairings } from '../../ports/tenant-pairing.js';

export type PairingStatus =
  | { state: 'unchecked'; message: string }
  | { state: 'paired'; pairing: TenantPairing }
  | { state: 'mismatch'; pairing: TenantPairing; found: CrmSystemIdentity; message: string };

/** What the gate logs through (pino's logger fits); the sync layer does not depend on the log module. */
export interface PairingLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface PairingDeps {
  tenantId: string;
  pairings: TenantPairings;
  readIdentity(): Promise<CrmSystemIdentity>;
  clock: Clock;
  logger: PairingLog;
  /** Called when sync may run again (first pairing, C4C reachable again, re-paired): catch up on what waited. */
  onPaired?(): Promise<void>;
}

/** How soon the system is asked again: soon while unknown, rarely once paired (one C4C call). */
const RECHECK_MS = { unchecked: 5_000, mismatch: 60_000, paired: 5 * 60_000 } as const;

const describe = (s: CrmSystemIdentity) => `${s.serviceRoot} (system ${s.systemId})`;

export function mismatchMessage(pairing: TenantPairing, found: CrmSystemIdentity): string {
  return (
    `Sync is stopped: this tenant's sync state belongs to the C4C system ${describe(pairing)}, paired ${pairing.pairedAt}, ` +
    `but C4C_BASE_URL reaches ${describe(found)}. Against another system every synced activity would seem deleted. ` +
    'If the change is intended, an admin re-pairs (POST /api/admin/tenant/re-pair): ' +
    "the old system's sync state is forgotten and the next sessions start from a full read."
  );
}

export class TenantPairingGate {
  private current: PairingStatus = { state: 'unchecked', message: 'The C4C system has not been checked yet.' };
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly deps: PairingDeps) {}

  status(): PairingStatus {
    return this.current;
  }

  /** Why sync may not run now, or null when it may. */
  refusal(): string | null {
    return this.current.state === 'paired' ? null : this.current.message;
  }

  async check(): Promise<PairingStatus> {
    const before = this.current.state;
    let next: PairingStatus;
    try {
      const found = await this.deps.readIdentity();
      const pairing = await this.deps.pairings.pairIfNew({ ...found, tenantId: this.deps.tenantId, graphTenantId: this.deps.tenantId, pairedAt: this.deps.clock.now().toISOString(), pairedBy: null });
      next = pairing.serviceRoot === found.serviceRoot && pairing.systemId === found.systemId ? { state: 'paired', pairing } : { state: 'mismatch', pairing, found, message: mismatchMessage(pairing, found) };
    } catch (error) {
      // A mismatch stays one while C4C is unreachable: nothing new is known.
      if (this.current.state === 'mismatch') return this.current;
      next = { state: 'unchecked', message: `Sync waits: the C4C system could not be checked (${(error as Error).message}).` };
    }
    this.current = next;
    if (next.state !== before) {
      if (next.state === 'mismatch') this.deps.logger.error({ tenantId: this.deps.tenantId, paired: next.pairing, found: next.found }, next.message);
      else if (next.state === 'unchecked') this.deps.logger.warn({ tenantId: this.deps.tenantId }, next.message);
      else this.deps.logger.info({ tenantId: this.deps.tenantId, crm: describe(next.pairing), pairedAt: next.pairing.pairedAt }, 'C4C system checked: sync runs');
      if (next.state === 'paired') await this.deps.onPaired?.();
    }
    return next;
  }

  /** Pairs the tenant with the system C4C_BASE_URL reaches now, forgetting the old system's sync state. */
  async repair(by: string): Promise<{ pairing: TenantPairing; pairsForgotten: number }> {
    const found = await this.deps.readIdentity();
    const pairing: TenantPairing = { ...found, tenantId: this.deps.tenantId, graphTenantId: this.deps.tenantId, pairedAt: this.deps.clock.now().toISOString(), pairedBy: by };
    const { pairsForgotten } = await this.deps.pairings.repair(pairing);
    this.deps.logger.warn({ tenantId: this.deps.tenantId, crm: describe(pairing), by, pairsForgotten }, 'tenant re-paired with another C4C system');
    this.current = { state: 'unchecked', message: 'Re-paired; checking the C4C system.' };
    await this.check();
    return { pairing, pairsForgotten };
  }

  /** First check (waits at most `waitMs`), then re-checks on its own until stop(). */
  async start(waitMs: number): Promise<void> {
    this.running = true;
    const tick = async () => {
      await this.check().catch((error: unknown) => this.deps.logger.warn({ err: (error as Error).message }, 'C4C system check failed'));
      if (this.running) this.timer = setTimeout(() => void tick(), RECHECK_MS[this.current.state]).unref();
    };
    await Promise.race([tick(), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
