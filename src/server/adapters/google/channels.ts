// events.watch on each of a mailbox's two calendars, and channels.stop (API notes: push notifications). Google sends
// the channel's id and token back on every notification; the service authenticates them (http/google-webhook.ts).
import type { Mailbox } from '../../domain/mailbox.js';
import type { GoogleChannel } from '../../ports/google-channels.js';
import { callGoogle } from './google-call.js';
import type { CalendarApi } from './google-client.js';
import type { GoogleRetryOptions } from './options.js';

export async function watchCalendars(api: CalendarApi, retry: GoogleRetryOptions, calendarIds: readonly string[], address: string, channel: () => { id: string; token: string }, ttlSeconds: number): Promise<GoogleChannel[]> {
  const opened: GoogleChannel[] = [];
  for (const calendarId of calendarIds) {
    const { id, token } = channel();
    const answer = await callGoogle('events.watch', retry, () =>
      api.events.watch({ calendarId, requestBody: { id, type: 'web_hook', address, token, params: { ttl: String(ttlSeconds) } } }),
    );
    opened.push({ id, resourceId: answer.resourceId ?? '', expirationMs: Number(answer.expiration ?? Date.now() + ttlSeconds * 1000) });
  }
  return opened;
}

export async function stopChannel(api: CalendarApi, retry: GoogleRetryOptions, channel: Pick<GoogleChannel, 'id' | 'resourceId'>, mailbox: Mailbox): Promise<void> {
  void mailbox;
  await callGoogle(
    'channels.stop',
    retry,
    () => api.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } }),
    (info) => (info.status === 404 ? { value: undefined } : undefined),
  );
}
