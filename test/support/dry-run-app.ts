// The admin API with a real dry run behind it (sync/run/dry-run.ts over a started sync harness's store and the
// families given), for the dry-run tests over HTTP.
import { withDefaults } from '../../src/server/domain/settings.js';
import { findMailbox } from '../../src/server/jobs/erase-mailbox.js';
import type { FamilySync } from '../../src/server/sync/family-sync.js';
import { dryRunSession } from '../../src/server/sync/run/dry-run.js';
import { buildTestApp } from './http-app-fakes.js';
import { TENANT_ID, type SyncHarness } from './sync-harness.js';
import { TEST_SEALER } from './test-sealer.js';

export function buildDryRunApp(h: SyncHarness, families: readonly FamilySync[]): ReturnType<typeof buildTestApp> {
  return buildTestApp({
    items: {},
    admin: {
      dryRun: {
        findMailbox: (idOrEmail) => findMailbox(h.store, idOrEmail),
        storedSettings: async () => withDefaults((await h.store.getSettings(TENANT_ID)) ?? {}),
        run: (mailbox, settings, rereads) => dryRunSession({ store: h.store, families, sealer: TEST_SEALER, clock: h.clock }, mailbox, settings, rereads),
      },
    },
  });
}
