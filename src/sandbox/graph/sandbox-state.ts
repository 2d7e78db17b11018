// Everything one Graph sandbox instance holds, so that routes share it and /_sandbox/reset can start it over, and
// what of it the state file keeps (snapshot/restore).
import { randomBytes } from 'node:crypto';
import { DEMO_USERS } from '../common/demo-tenant.js';
import type { SandboxControl } from '../common/control-plane.js';
import type { PersistOptions } from '../common/state-file.js';
import { SnapshotShapeError, field, isNumber, isRecord, isString } from '../common/state-json.js';
import type { TokenService } from '../identity/tokens.js';
import { SubscriptionHub } from './notifications/subscriptions.js';
import { GraphStore } from './store/graph-store.js';
import { seedDemoData } from './store/seed.js';
import type { Throttle } from './throttle.js';

export interface GraphSandboxOptions {
  /** Instant the seeded calendars are laid out around (default: now). */
  anchor?: number;
  /** Seed for ids and demo data (default fixed, so runs repeat). */
  seed?: string;
  /** Keep the state in this file across restarts (`npm start`); default: in memory only. */
  persist?: PersistOptions;
}

/**
 * Version of the Graph sandbox's snapshot (state file `state`: store, subscriptions, delta-token key and epoch).
 * Bump it when a snapshot of the previous version can no longer be restored; a collection added to a mailbox
 * needs no bump (older snapshots restore it empty).
 */
export const GRAPH_STATE_VERSION = 1;

/** learn.microsoft.com (subscription resource): Outlook message, event and contact subscriptions, < 7 days. */
export const DEFAULT_SUBSCRIPTION_MAX_MINUTES = 10_080;

export class GraphSandboxState {
  readonly store: GraphStore;
  readonly subscriptions: SubscriptionHub;
  /** Longest subscription lifetime Graph grants for Outlook events (basic notifications). */
  subscriptionMaxMinutes = DEFAULT_SUBSCRIPTION_MAX_MINUTES;
  /** Bumped to invalidate every delta and skip token handed out so far. */
  tokenEpoch = 1;
  /** Signs delta and skip tokens; kept in the state file so that tokens survive a restart. Restored in place. */
  readonly deltaKey = randomBytes(32);
  private readonly resetHooks: Array<() => void> = [];

  constructor(
    readonly tokens: TokenService,
    readonly control: SandboxControl,
    readonly throttle: Throttle,
    private readonly options: GraphSandboxOptions = {},
    log?: { warn(details: object, message: string): void },
  ) {
    this.store = new GraphStore(DEMO_USERS, options.seed ?? 'crm-sync-graph-sandbox');
    seedDemoData(this.store, options.anchor);
    this.subscriptions = new SubscriptionHub(this.store, log);
  }

  /** What the state file keeps: the data, the subscriptions and what delta tokens need. Not kept: throttling, faults, latency, counters, token clock. */
  snapshot(): unknown {
    return {
      store: this.store.snapshot(),
      subscriptions: this.subscriptions.snapshot(),
      subscriptionMaxMinutes: this.subscriptionMaxMinutes,
      tokenEpoch: this.tokenEpoch,
      deltaKey: this.deltaKey.toString('base64'),
    };
  }

  restore(data: unknown): void {
    if (!isRecord(data)) throw new SnapshotShapeError('the state is not an object');
    const deltaKey = Buffer.from(field(data, 'deltaKey', isString, 'a key'), 'base64');
    if (deltaKey.length !== this.deltaKey.length) throw new SnapshotShapeError('the delta-token key has the wrong length');
    const tokenEpoch = field(data, 'tokenEpoch', isNumber, 'a number');
    const maxMinutes = field(data, 'subscriptionMaxMinutes', isNumber, 'a number');
    this.store.restore(data['store']);
    this.subscriptions.restore(data['subscriptions']);
    this.subscriptionMaxMinutes = maxMinutes;
    this.tokenEpoch = tokenEpoch;
    deltaKey.copy(this.deltaKey);
  }

  /** Back to the seeded data and no subscriptions, after a snapshot that could not be restored. */
  reseedData(anchor = this.options.anchor): void {
    this.subscriptions.clear();
    this.subscriptionMaxMinutes = DEFAULT_SUBSCRIPTION_MAX_MINUTES;
    this.store.clear();
    seedDemoData(this.store, anchor);
  }

  onReset(hook: () => void): void {
    this.resetHooks.push(hook);
  }

  /** Back to the seeded state: data, subscriptions, tokens, throttling, faults and counters. */
  reset(anchor = this.options.anchor): void {
    for (const hook of this.resetHooks) hook();
    this.reseedData(anchor);
    this.throttle.reset();
    this.tokenEpoch += 1;
    this.tokens.clockSkewSeconds = 0;
    this.control.clearFaults();
    this.control.setLatency({ fixedMs: 0, jitterMs: 0 });
    this.control.resetCounters();
  }
}
