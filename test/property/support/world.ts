import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { withDefaults, type ConflictWinner } from '../../../src/server/domain/settings.js';
import { World } from './harness.js';

export const MAILBOX: Mailbox = {
  mailboxId: 'mb-1',
  tenantId: 't-1',
  provider: 'graph',
  email: 'ava@contoso.example',
  displayName: 'Ava',
  employeePartyId: 'E-OWNER',
  enabled: true,
};

/** `provider` google: the mailbox's calendar keeps only what a Google event keeps (fake-google.ts). */
export function newWorld(seed: number, conflictWinner: ConflictWinner = 'outlook', provider: Mailbox['provider'] = 'graph'): World {
  return new World({ ...MAILBOX, provider }, withDefaults({ conflictWinner, deleteGuardLimit: 1000, massChangeShare: 0 }), seed);
}
