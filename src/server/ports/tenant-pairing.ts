// Which systems a tenant's sync state belongs to (sync/tenant/pairing.ts). Pairs, cursors and the C4C inbox name
// records of one Graph tenant and one C4C system; against another C4C system every synced activity would "vanish"
// at once. Implemented by adapters/store (sql-tenant-pairings.ts).

/** What the service reads from C4C at start to know which system it talks to. */
export interface CrmSystemIdentity {
  /** The OData service root, normalized (lower-case host, trailing slash). */
  serviceRoot: string;
  /** A value unique to the C4C system (the technical user's identity UUID; adapters/c4c/c4c-system-identity.ts). */
  systemId: string;
}

export interface TenantPairing extends CrmSystemIdentity {
  tenantId: string;
  /** The Entra tenant (GRAPH_TENANT_ID), or null when not configured. */
  graphTenantId: string | null;
  /** ISO UTC. */
  pairedAt: string;
  /** The admin who re-paired, or null for the first start. */
  pairedBy: string | null;
}

export interface TenantPairings {
  get(tenantId: string): Promise<TenantPairing | null>;
  /** Records the first pairing of a tenant; never replaces one (use repair). Returns the pairing in force. */
  pairIfNew(pairing: TenantPairing): Promise<TenantPairing>;
  /**
   * Re-pairs a tenant with another system: in one transaction, records the new pairing and forgets the tenant's sync
   * state of the old one (pairs, cursors, the C4C inbox, in-flight records, open holds), so the next sessions start
   * from a full read and act on nothing that only "vanished". It keeps the names of the old system's records
   * (StateReader.forgottenCrmObjectIds): items naming them are synced as new, not as copies of deleted records. The
   * sync log stays. Returns the pairs forgotten.
   */
  repair(pairing: TenantPairing): Promise<{ pairsForgotten: number }>;
}
