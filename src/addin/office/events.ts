// ItemChanged (Mailbox 1.5): a pinned task pane follows the selected item.
import { officeCall } from './async.js';
import { supports } from './host.js';

/** Subscribes to item changes; resolves to an unsubscribe function (a no-op where pinning isn't supported). */
export async function onItemChanged(handler: () => void): Promise<() => Promise<void>> {
  if (!supports('Mailbox', '1.5')) return async () => undefined;
  const mailbox = Office.context.mailbox;
  await officeCall<void>('addHandlerAsync', (cb) => mailbox.addHandlerAsync(Office.EventType.ItemChanged, handler, cb));
  return async () => {
    await officeCall<void>('removeHandlerAsync', (cb) => mailbox.removeHandlerAsync(Office.EventType.ItemChanged, cb)).catch(() => undefined);
  };
}
