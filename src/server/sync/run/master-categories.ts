// Keeps the sync categories in each mailbox's master list, so Outlook's Categorize menu offers them with their
// colours (R1, R9, R13). Graph sends no notification when a user deletes a master category, so the list can only be
// read. The trigger (why these):
//   - forced when a mailbox is provisioned (each start) and when the task pane asks the service to set a category;
//   - otherwise from the mailbox's sessions, at most once per `recheckMs` (default an hour) per mailbox and process:
//     every enabled mailbox has a session at least every SYNC_INTERVAL_MINUTES, so a deleted category is back
//     within about an hour, for one Graph read per mailbox an hour (creates only when something is missing), where
//     reading it in every session would add a request to each of them.
// A failed check is not remembered: the next session tries again.
import type { Mailbox } from '../../domain/mailbox.js';
import { syncMasterCategories } from '../../domain/master-categories.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { Clock } from '../../ports/clock.js';
import type { MasterCategories } from '../../ports/master-categories.js';

export const DEFAULT_CATEGORY_RECHECK_MS = 60 * 60_000;

export interface MasterCategoryKeeper {
  /**
   * Creates the sync categories the mailbox's master list lacks. Returns the names created, or null when the list was
   * checked within the interval and `force` is not set. Throws what the groupware throws.
   */
  ensure(mailbox: Mailbox, settings: SyncSettings, options?: { force?: boolean }): Promise<string[] | null>;
}

export interface MasterCategoryKeeperDeps {
  groupware: MasterCategories;
  clock: Clock;
  /** Whether the task family syncs: its category is needed then (when it differs from the appointments'). */
  tasks: boolean;
  recheckMs?: number;
}

export function createMasterCategoryKeeper(deps: MasterCategoryKeeperDeps): MasterCategoryKeeper {
  const recheckMs = deps.recheckMs ?? DEFAULT_CATEGORY_RECHECK_MS;
  const checkedAt = new Map<string, number>();
  const running = new Map<string, Promise<string[]>>();
  return {
    async ensure(mailbox, settings, options = {}) {
      // Google has no master category list: its calendars stand for the categories (R10).
      if (mailbox.provider !== 'graph') return null;
      const last = checkedAt.get(mailbox.mailboxId);
      const now = deps.clock.now().getTime();
      if (!options.force && last !== undefined && now - last < recheckMs) return null;
      // One check per mailbox at a time: a forced one during a session's check waits for that one.
      const inFlight = running.get(mailbox.mailboxId);
      if (inFlight) return inFlight;
      const check = deps.groupware.ensureMasterCategories(mailbox, syncMasterCategories(settings.categories, { tasks: deps.tasks }));
      running.set(mailbox.mailboxId, check);
      try {
        const created = await check;
        checkedAt.set(mailbox.mailboxId, now);
        return created;
      } finally {
        running.delete(mailbox.mailboxId);
      }
    },
  };
}
