// Push notifications (events.watch / channels.stop): a channel watches one calendar's events for one user. The
// sandbox POSTs an empty body to the channel's address with the X-Goog-* headers: `sync` (message 1) as soon as the
// channel exists, then `exists` after changes (a burst of changes makes one message). A channel ends at its
// expiration and is never renewed: the client must open a new one. Undelivered messages are retried twice, then
// dropped, as Google gives up on an unreachable address. Injected faults (control plane /_sandbox/notifications/faults)
// lose, duplicate or delay `exists` messages, so that a client shows it does not depend on every message arriving
// once and in order (the scheduled incremental sync must still find every change).
import { NotificationFaults } from '../common/notification-faults.js';
import { SnapshotShapeError } from '../common/state-json.js';
import { GoogleError, invalid } from './errors.js';
import type { StoredCalendar } from './model.js';
import { SERVICE_ACCOUNT } from './service-account.js';

export interface Channel {
  id: string;
  token?: string;
  address: string;
  /** ms since epoch. */
  expiration: number;
  resourceId: string;
  resourceUri: string;
  calendarId: string;
  owner: string;
  messageNumber: number;
  delivered: number;
  failedDeliveries: number;
}

/** Google's default and longest channel lifetime for Calendar events is a week here ([M]: not stated by Google). */
export const DEFAULT_CHANNEL_TTL_SECONDS = 7 * 86_400;
const COALESCE_MS = 25;
const RETRY_DELAYS_MS = [500, 2_000];

export interface WatchRequest {
  id?: unknown;
  type?: unknown;
  address?: unknown;
  token?: unknown;
  expiration?: unknown;
  params?: { ttl?: unknown };
}

export class ChannelHub {
  readonly channels = new Map<string, Channel>();
  maxTtlSeconds = DEFAULT_CHANNEL_TTL_SECONDS;
  /** Lost, duplicated and late `exists` messages (the `sync` handshake and `not_exists` are never touched). */
  readonly faults = new NotificationFaults();
  private readonly pending = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly log?: { warn(details: object, message: string): void },
    private readonly now: () => number = Date.now,
  ) {}

  /** The channel unless it expired (expired channels are forgotten). */
  get(id: string): Channel | undefined {
    const channel = this.channels.get(id);
    if (channel && channel.expiration <= this.now()) {
      this.channels.delete(id);
      return undefined;
    }
    return channel;
  }

  watch(calendar: StoredCalendar, owner: string, body: WatchRequest, resourceUri: string): Channel {
    if (typeof body.id !== 'string' || body.id === '' || body.id.length > 64 || !/^[A-Za-z0-9\-_+/=]+$/.test(body.id)) throw invalid('Invalid channel id.', 'id');
    if (body.type !== 'web_hook' && body.type !== 'webhook') throw invalid(`Unsupported channel type: ${String(body.type)}`, 'type');
    if (typeof body.address !== 'string' || !/^https?:\/\//.test(body.address)) throw invalid('Invalid address.', 'address');
    if (body.token !== undefined && (typeof body.token !== 'string' || body.token.length > 256)) throw invalid('Invalid token.', 'token');
    if (this.get(body.id)) throw new GoogleError(400, 'channelIdNotUnique', `Channel id ${body.id} not unique`, 'push');
    const now = this.now();
    const ttl = body.params?.ttl !== undefined ? Number(body.params.ttl) * 1000 : undefined;
    const asked = body.expiration !== undefined && body.expiration !== null ? Number(body.expiration) : ttl !== undefined ? now + ttl : undefined;
    const longest = now + this.maxTtlSeconds * 1000;
    const expiration = asked !== undefined && Number.isFinite(asked) && asked > now ? Math.min(asked, longest) : longest;
    const channel: Channel = {
      id: body.id, address: body.address, expiration, resourceId: calendar.resourceId, resourceUri, calendarId: calendar.id, owner,
      messageNumber: 0, delivered: 0, failedDeliveries: 0, ...(typeof body.token === 'string' ? { token: body.token } : {}),
    };
    this.channels.set(channel.id, channel);
    this.send(channel, 'sync');
    return channel;
  }

  stop(owner: string, id: unknown, resourceId: unknown): void {
    const channel = typeof id === 'string' ? this.get(id) : undefined;
    if (!channel || channel.resourceId !== resourceId || channel.owner !== owner) {
      throw new GoogleError(404, 'notFound', `Channel '${String(id)}' not found for project '${SERVICE_ACCOUNT.projectId}'`);
    }
    this.channels.delete(channel.id);
  }

  /** A calendar's events changed: one `exists` message per watching channel, after a short quiet time. */
  changed(calendar: StoredCalendar): void {
    for (const channel of [...this.channels.keys()].map((id) => this.get(id))) {
      if (!channel || channel.calendarId !== calendar.id || this.pending.has(channel.id)) continue;
      this.pending.add(channel.id);
      this.later(COALESCE_MS, () => {
        this.pending.delete(channel.id);
        if (this.get(channel.id)) this.send(channel, 'exists');
      });
    }
  }

  /** The calendar is gone: its channels end (Google sends `not_exists` for a removed resource). */
  removed(calendar: StoredCalendar): void {
    for (const channel of [...this.channels.values()].filter((c) => c.calendarId === calendar.id)) {
      this.send(channel, 'not_exists');
      this.channels.delete(channel.id);
    }
  }

  private send(channel: Channel, state: 'sync' | 'exists' | 'not_exists'): void {
    channel.messageNumber += 1;
    const headers: Record<string, string> = {
      'x-goog-channel-id': channel.id,
      'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': channel.resourceUri,
      'x-goog-resource-state': state,
      'x-goog-message-number': String(channel.messageNumber),
      ...(channel.token !== undefined ? { 'x-goog-channel-token': channel.token } : {}),
    };
    if (state !== 'exists') {
      void this.deliver(channel, headers, 0);
      return;
    }
    // A duplicate repeats the message (same number); a late one arrives after later messages of the channel.
    for (const delay of this.faults.plan()) {
      if (delay > 0) this.later(delay, () => void this.deliver(channel, headers, 0));
      else void this.deliver(channel, headers, 0);
    }
  }

  private async deliver(channel: Channel, headers: Record<string, string>, attempt: number): Promise<void> {
    if (this.closed) return;
    try {
      const res = await fetch(channel.address, { method: 'POST', headers: { ...headers, 'content-length': '0' }, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status >= 200 && res.status < 300) {
        channel.delivered += 1;
        return;
      }
    } catch {
      // Retried below, as for an error status.
    }
    channel.failedDeliveries += 1;
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay !== undefined) this.later(delay, () => void this.deliver(channel, headers, attempt + 1));
    else this.log?.warn({ channelId: channel.id, state: headers['x-goog-resource-state'] }, 'google sandbox: push notification dropped after retries');
  }

  private later(ms: number, run: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  clear(): void {
    this.faults.clear();
    this.channels.clear();
    this.pending.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Stops delivering; the channels stay for the state file. */
  close(): void {
    this.closed = true;
    this.pending.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  snapshot(): Channel[] {
    return [...this.channels.values()];
  }

  restore(saved: unknown): void {
    if (!Array.isArray(saved)) throw new SnapshotShapeError("'channels' is not a list");
    this.clear();
    for (const channel of saved as Channel[]) {
      if (typeof channel?.id !== 'string' || typeof channel.calendarId !== 'string') throw new SnapshotShapeError('a channel has no id or calendar');
      this.channels.set(channel.id, channel);
    }
  }
}
