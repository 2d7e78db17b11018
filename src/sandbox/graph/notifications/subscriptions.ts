// Change-notification subscriptions and their delivery: the validation handshake, change notifications on every
// create/update/delete in the subscribed mailbox (batched per subscription, retried a few times), lifecycle
// notifications, pausing while reauthorization is pending, and silence once a subscription has expired.
import type { LifecycleEvent } from '../../../shared/graph-lifecycle.js';
import { DEMO_TENANT } from '../../common/demo-tenant.js';
import { SnapshotShapeError, isRecord } from '../../common/state-json.js';
import { etagOf } from '../present.js';
import type { ChangeRecord, ChangeType, GraphStore } from '../store/graph-store.js';
import { NotificationFaults } from '../../common/notification-faults.js';

export interface Subscription {
  id: string;
  resource: string;
  /** Mailbox (user id) the resource lives in; undefined for resources the sandbox never changes. */
  mailboxId?: string;
  /**
   * Which collection: events; To Do tasks of one list; all personal contacts of the mailbox (`contacts`, every
   * folder, as the Outlook change-notifications overview says of /users/{id}/contacts) or those of one folder.
   */
  kind: 'events' | 'todoTasks' | 'contacts' | 'contactFolder' | 'other';
  /** todoTasks: the todoTaskList subscribed to. */
  listId?: string;
  /** contactFolder: the contact folder subscribed to. */
  contactFolderId?: string;
  changeTypes: Set<ChangeType>;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  clientState?: string;
  expiration: number;
  applicationId: string;
  creatorId: string;
  latestSupportedTlsVersion: string;
  reauthorizationPending: boolean;
  held: NotificationItem[];
  delivered: number;
  failedDeliveries: number;
}

export type NotificationItem = Record<string, unknown>;

export const VALIDATION_TIMEOUT_MS = 10_000;
const RETRY_DELAYS_MS = [500, 2_000, 5_000];
const BATCH_DELAY_MS = 25;

/** POSTs a JSON body; true on any 2xx. */
async function post(url: string, body: unknown, timeoutMs = 10_000): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return res.status >= 200 && res.status < 300;
  } catch {
    return false;
  }
}

/** Graph's handshake: POST url?validationToken=…; the endpoint must echo the token as text/plain within 10 s. */
export async function validateEndpoint(url: string, token: string): Promise<boolean> {
  const target = new URL(url);
  target.searchParams.set('validationToken', token);
  try {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS),
    });
    const body = await res.text();
    return res.status === 200 && body === token && (res.headers.get('content-type') ?? '').startsWith('text/plain');
  } catch {
    return false;
  }
}

export class SubscriptionHub {
  readonly subscriptions = new Map<string, Subscription>();
  /** Lost, duplicated and late change notifications (control plane). */
  readonly faults = new NotificationFaults();
  private readonly pending = new Map<string, NotificationItem[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly store: GraphStore,
    private readonly log?: { warn(details: object, message: string): void },
    private readonly now: () => number = Date.now,
  ) {
    store.onChange((change) => this.onChange(change));
  }

  /** The subscription, unless it expired (expired ones are dropped, as Graph does). */
  get(id: string): Subscription | undefined {
    const sub = this.subscriptions.get(id);
    if (sub && sub.expiration <= this.now()) {
      this.subscriptions.delete(id);
      return undefined;
    }
    return sub;
  }

  active(): Subscription[] {
    return [...this.subscriptions.keys()].map((id) => this.get(id)).filter((s): s is Subscription => s !== undefined);
  }

  clear(): void {
    this.subscriptions.clear();
    this.faults.clear();
    this.pending.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Stops delivering. The subscriptions stay, so that the state file saved at close still holds them. */
  close(): void {
    this.closed = true;
    this.pending.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /**
   * For the state file: real Graph keeps subscriptions while our process restarts (notifications meanwhile go to
   * an endpoint that is down). Undelivered batches are not kept, as Graph gives up on an unreachable endpoint too.
   */
  snapshot(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  restore(saved: unknown): void {
    if (!Array.isArray(saved)) throw new SnapshotShapeError("'subscriptions' is not a list");
    this.clear();
    for (const sub of saved) {
      if (!isRecord(sub) || typeof sub['id'] !== 'string' || !(sub['changeTypes'] instanceof Set) || !Array.isArray(sub['held'])) {
        throw new SnapshotShapeError('a subscription has no id, changeTypes or held notifications');
      }
      this.subscriptions.set(sub['id'], sub as unknown as Subscription);
    }
  }

  private later(ms: number, run: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private matches(sub: Subscription, change: ChangeRecord): boolean {
    if (sub.mailboxId !== change.mailboxId || !sub.changeTypes.has(change.changeType)) return false;
    switch (sub.kind) {
      case 'events': return change.listId === undefined && change.contactFolderId === undefined;
      case 'todoTasks': return change.listId === sub.listId;
      case 'contacts': return change.contactFolderId !== undefined;
      case 'contactFolder': return change.contactFolderId === sub.contactFolderId;
      default: return false;
    }
  }

  /** The notification's resource path and type, in the casing of Graph's samples (`Users/{id}/Messages/{id}`). */
  private static describe(change: ChangeRecord): { path: string; type: string } {
    const user = `Users/${change.mailboxId}`;
    if (change.listId !== undefined) return { path: `${user}/todo/lists/${change.listId}/tasks/${change.eventId}`, type: '#Microsoft.Graph.todoTask' };
    if (change.contactFolderId !== undefined) return { path: `${user}/Contacts/${change.eventId}`, type: '#Microsoft.Graph.Contact' };
    return { path: `${user}/Events/${change.eventId}`, type: '#Microsoft.Graph.Event' };
  }

  private onChange(change: ChangeRecord): void {
    for (const sub of this.active()) {
      if (!this.matches(sub, change)) continue;
      const { path, type } = SubscriptionHub.describe(change);
      const item: NotificationItem = {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: new Date(sub.expiration).toISOString(),
        changeType: change.changeType,
        resource: path,
        resourceData: {
          '@odata.type': type,
          '@odata.id': path,
          ...(change.changeKey ? { '@odata.etag': etagOf(change.changeKey) } : {}),
          id: change.eventId,
        },
        ...(sub.clientState !== undefined ? { clientState: sub.clientState } : {}),
        tenantId: DEMO_TENANT.tenantId,
      };
      if (sub.reauthorizationPending) {
        sub.held.push(item);
        continue;
      }
      for (const delay of this.faults.plan()) {
        if (delay === 0) this.enqueue(sub, [item]);
        else this.later(delay, () => void (this.get(sub.id) && this.enqueue(sub, [item])));
      }
    }
  }

  private enqueue(sub: Subscription, items: NotificationItem[]): void {
    const queue = this.pending.get(sub.id);
    if (queue) {
      queue.push(...items);
      return;
    }
    this.pending.set(sub.id, [...items]);
    this.later(BATCH_DELAY_MS, () => {
      const batch = this.pending.get(sub.id) ?? [];
      this.pending.delete(sub.id);
      void this.deliver(sub.id, batch, 0);
    });
  }

  private async deliver(id: string, value: NotificationItem[], attempt: number): Promise<void> {
    const sub = this.get(id);
    if (!sub || value.length === 0) return;
    if (await post(sub.notificationUrl, { value })) {
      sub.delivered += value.length;
      return;
    }
    sub.failedDeliveries += 1;
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay !== undefined) this.later(delay, () => void this.deliver(id, value, attempt + 1));
    else this.log?.warn({ subscriptionId: id, notifications: value.length, attempts: attempt + 1 }, 'graph sandbox: change notifications dropped after retries');
  }

  /** Ends a pending reauthorization and releases the notifications held meanwhile. */
  reauthorized(sub: Subscription): void {
    sub.reauthorizationPending = false;
    const held = sub.held.splice(0);
    if (held.length) this.enqueue(sub, held);
  }

  /** Sends a lifecycle notification (control plane); returns whether the endpoint took it. */
  async lifecycle(sub: Subscription, event: LifecycleEvent): Promise<boolean> {
    if (event === 'reauthorizationRequired') sub.reauthorizationPending = true;
    if (event === 'subscriptionRemoved') this.subscriptions.delete(sub.id);
    if (!sub.lifecycleNotificationUrl) return false;
    return post(sub.lifecycleNotificationUrl, {
      value: [{
        lifecycleEvent: event,
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: new Date(sub.expiration).toISOString(),
        ...(sub.clientState !== undefined ? { clientState: sub.clientState } : {}),
        tenantId: DEMO_TENANT.tenantId,
        organizationId: DEMO_TENANT.tenantId,
      }],
    });
  }
}
