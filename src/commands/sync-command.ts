// The ribbon's "Sync to SAP" and "Sync as Visit": set the category (or let the service set it), then report the
// outcome on the item's notification bar. Outlook waits for event.completed(), which every path calls once.
import type { NotificationKind } from '../addin/office/notifications.js';
import type { SyncAsResult } from '../addin/sync-as.js';
import type { SyncKind } from '../shared/categories.js';
import { format, type Strings } from '../addin/text/index.js';

export interface CommandDeps {
  strings: Strings;
  applySyncKind(kind: SyncKind): Promise<SyncAsResult>;
  notify(kind: NotificationKind, message: string): Promise<void>;
  describeError(error: unknown): string;
}

export interface CompletableEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

/** Builds the handler Outlook calls. `getDeps` may fail (e.g. Office not ready); that path completes too. */
export function createSyncCommand(kind: SyncKind, getDeps: () => Promise<CommandDeps>) {
  return async (event: CompletableEvent): Promise<void> => {
    let done = false;
    const complete = () => {
      if (done) return;
      done = true;
      event.completed();
    };
    try {
      const deps = await getDeps();
      const notify = (k: NotificationKind, message: string) => deps.notify(k, message).catch(() => undefined);
      await notify('progress', deps.strings.commands.working);
      try {
        const result = await deps.applySyncKind(kind);
        const doneText = kind === 'visit' ? deps.strings.commands.doneVisit : deps.strings.commands.doneAppointment;
        await notify('info', result.via === 'service' ? `${doneText} ${deps.strings.commands.viaService}` : doneText);
      } catch (error) {
        await notify('error', format(deps.strings.commands.failed, { reason: deps.describeError(error) }));
      }
    } catch {
      // Nothing to report to: without Office there is no notification bar. Completing is all that is left.
    } finally {
      complete();
    }
  };
}
