// The keyed hashing of the sync state (domain/state-digest.ts) for tests that run sessions or plans directly.
import { stateSealer } from '../../src/server/domain/state-digest.js';

export const TEST_SEALER = stateSealer('test-state-digest-secret-0123456789abcdef');
/** The seal of every test tenant (the key is per tenant; tests that compare tenants call TEST_SEALER). */
export const TEST_SEAL = TEST_SEALER('test-tenant');
