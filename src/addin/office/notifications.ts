// Notification messages on the item's info bar: how ribbon commands report their outcome.
import { officeCall } from './async.js';
import { currentItem } from './host.js';

export type NotificationKind = 'info' | 'error' | 'progress';

/** Office.js rejects messages longer than 150 characters. */
export const MAX_NOTIFICATION_LENGTH = 150;

export async function showNotification(key: string, kind: NotificationKind, message: string): Promise<void> {
  const text = message.length > MAX_NOTIFICATION_LENGTH ? `${message.slice(0, MAX_NOTIFICATION_LENGTH - 1)}…` : message;
  const types = Office.MailboxEnums.ItemNotificationMessageType;
  const details: Office.NotificationMessageDetails =
    kind === 'info'
      ? { type: types.InformationalMessage, message: text, icon: 'Icon.16', persistent: false }
      : { type: kind === 'error' ? types.ErrorMessage : types.ProgressIndicator, message: text };
  const messages = (currentItem() as unknown as Office.AppointmentRead).notificationMessages;
  await officeCall<void>('notificationMessages.replaceAsync', (cb) => messages.replaceAsync(key, details, cb));
}
