// Everything one Graph sandbox instance holds, so that routes share it and /_sandbox/reset can start it over.
import { DEMO_USERS } from '../common/demo-tenant.js';
import type { SandboxControl } from '../common/control-plane.js';
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
}

/** learn.microsoft.com (subscription resource): Outlook message, event and contact subscriptions, < 7 days. */
export const DEFAULT_SUBSCRIPTION_MAX_MINUTES = 10_080;

export class GraphSandboxState {
  readonly store: GraphStore;
  readonly subscriptions: SubscriptionHub;
  /** Longest subscription lifetime Graph grants for Outlook events (basic notifications). */
  subscriptionMaxMinutes = DEFAULT_SUBSCRIPTION_MAX_MINUTES;
  /** Bumped to invalidate every delta and skip token handed out so far. */
  tokenEpoch = 1;
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

  onReset(hook: () => void): void {
    this.resetHooks.push(hook);
  }

  /** Back to the seeded state: data, subscriptions, tokens, throttling, faults and counters. */
  reset(anchor = this.options.anchor): void {
    for (const hook of this.resetHooks) hook();
    this.subscriptions.clear();
    this.subscriptionMaxMinutes = DEFAULT_SUBSCRIPTION_MAX_MINUTES;
    this.store.clear();
    seedDemoData(this.store, anchor);
    this.throttle.reset();
    this.tokenEpoch += 1;
    this.tokens.clockSkewSeconds = 0;
    this.control.clearFaults();
    this.control.setLatency({ fixedMs: 0, jitterMs: 0 });
    this.control.resetCounters();
  }
}
