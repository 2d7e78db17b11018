// The tenant pairing gate (sync/tenant/pairing.ts): the first check pairs, the same system lets sync run, another
// one stops it with the reason, an unreachable C4C makes sync wait (and does not lift a mismatch), and a re-pair
// forgets the old state and lets sync run again.
import type { CrmSystemIdentity, TenantPairing, TenantPairings } from '../../../src/server/ports/tenant-pairing.js';
import { TenantPairingGate } from '../../../src/server/sync/tenant/pairing.js';

const ROOT = 'https://my100.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/';

function world() {
  let stored: TenantPairing | null = null;
  let repaired = 0;
  const pairings: TenantPairings = {
    get: async () => stored,
    pairIfNew: async (p) => (stored ??= p),
    repair: async (p) => {
      stored = p;
      repaired += 1;
      return { pairsForgotten: 7 };
    },
  };
  let reach: CrmSystemIdentity | Error = { serviceRoot: ROOT, systemId: 'uuid-a' };
  const logs: string[] = [];
  const log = (level: string) => (_: object, message: string) => void logs.push(`${level}: ${message}`);
  let paired = 0;
  const gate = new TenantPairingGate({
    tenantId: 'tenant-1',
    pairings,
    readIdentity: async () => {
      if (reach instanceof Error) throw reach;
      return reach;
    },
    clock: { now: () => new Date('2026-12-06T10:00:00Z') },
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    onPaired: async () => void (paired += 1),
  });
  return {
    gate,
    logs,
    reachSystem: (value: CrmSystemIdentity | Error) => (reach = value),
    stored: () => stored,
    repaired: () => repaired,
    paired: () => paired,
  };
}

describe('tenant pairing gate', () => {
  it('waits before the first check, pairs on it, and lets sync run against the same system', async () => {
    const w = world();
    expect(w.gate.refusal()).toMatch(/not been checked/);
    expect((await w.gate.check()).state).toBe('paired');
    expect(w.stored()).toMatchObject({ tenantId: 'tenant-1', serviceRoot: ROOT, systemId: 'uuid-a', pairedBy: null });
    expect(w.gate.refusal()).toBeNull();
    expect(w.paired()).toBe(1);
    // Checked again: still paired, no second catch-up.
    await w.gate.check();
    expect(w.paired()).toBe(1);
  });

  it('stops sync against another system, with both systems and the way out in the reason', async () => {
    const w = world();
    await w.gate.check();
    w.reachSystem({ serviceRoot: ROOT, systemId: 'uuid-b' });
    const status = await w.gate.check();
    expect(status.state).toBe('mismatch');
    expect(w.gate.refusal()).toMatch(/belongs to the C4C system .*uuid-a.* but C4C_BASE_URL reaches .*uuid-b.*re-pair/s);
    expect(w.logs.filter((l) => l.startsWith('error'))).toHaveLength(1);
    // C4C unreachable now: nothing new is known, the mismatch stands.
    w.reachSystem(new Error('ECONNREFUSED'));
    expect((await w.gate.check()).state).toBe('mismatch');
    // The service root alone differing is another system too.
    w.reachSystem({ serviceRoot: 'https://my200.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/', systemId: 'uuid-a' });
    expect((await w.gate.check()).state).toBe('mismatch');
  });

  it('waits while C4C cannot be reached, and catches up once it can', async () => {
    const w = world();
    w.reachSystem(new Error('ECONNREFUSED'));
    expect((await w.gate.check()).state).toBe('unchecked');
    expect(w.gate.refusal()).toMatch(/could not be checked \(ECONNREFUSED\)/);
    expect(w.stored()).toBeNull();
    w.reachSystem({ serviceRoot: ROOT, systemId: 'uuid-a' });
    expect((await w.gate.check()).state).toBe('paired');
    expect(w.paired()).toBe(1);
  });

  it('re-pairs with the system reached now, recording who did it, and lets sync run', async () => {
    const w = world();
    await w.gate.check();
    w.reachSystem({ serviceRoot: ROOT, systemId: 'uuid-b' });
    await w.gate.check();
    const result = await w.gate.repair('admin-7');
    expect(result.pairsForgotten).toBe(7);
    expect(w.stored()).toMatchObject({ systemId: 'uuid-b', pairedBy: 'admin-7' });
    expect(w.gate.refusal()).toBeNull();
    expect(w.paired()).toBe(2);
  });
});
