// Everything one Google sandbox holds (data, service account, sync-token key, channels), so that routes share it
// and /_sandbox/reset can start it over, and what of it the state file keeps (snapshot/restore).
import type { SandboxControl } from '../common/control-plane.js';
import { SnapshotShapeError, field, isNumber, isRecord, isString } from '../common/state-json.js';
import { ChannelHub } from './channels.js';
import { GOOGLE_DEMO_USERS, seedGoogleDemo } from './seed.js';
import { ServiceAccount } from './service-account.js';
import { GoogleStore } from './store.js';
import { TokenCodec } from './tokens.js';

/** Bump when a snapshot of the previous version can no longer be restored. */
export const GOOGLE_STATE_VERSION = 1;

export interface GoogleSandboxOptions {
  /** Instant the seeded calendars are laid out around (default: now). */
  anchor?: number;
}

export class GoogleSandboxState {
  readonly store = new GoogleStore(GOOGLE_DEMO_USERS);
  readonly codec = new TokenCodec();
  readonly channels: ChannelHub;
  /** Seconds added to the token endpoint's clock (tests of assertion lifetimes). */
  clockSkewSeconds = 0;

  constructor(
    public account: ServiceAccount,
    readonly control: SandboxControl,
    private readonly options: GoogleSandboxOptions = {},
    log?: { warn(details: object, message: string): void },
  ) {
    this.channels = new ChannelHub(log);
    this.store.onChange((calendar) => this.channels.changed(calendar));
    seedGoogleDemo(this.store, options.anchor);
  }

  /** Kept: users, calendars and events, counters, the sync-token key and epoch, channels, the service-account key. */
  snapshot(): unknown {
    return {
      store: this.store.snapshot(),
      channels: this.channels.snapshot(),
      maxChannelTtlSeconds: this.channels.maxTtlSeconds,
      tokenKey: this.codec.key.toString('base64'),
      tokenEpoch: this.codec.epoch,
      account: { keyId: this.account.keyId, privateKeyPem: this.account.privateKeyPem, publicKeyPem: this.account.publicKeyPem },
    };
  }

  /** Restores a snapshot; the key is restored by the caller first (restoreAccount), as it needs to await. */
  restore(data: unknown): void {
    if (!isRecord(data)) throw new SnapshotShapeError('the state is not an object');
    const key = Buffer.from(field(data, 'tokenKey', isString, 'a key'), 'base64');
    if (key.length !== this.codec.key.length) throw new SnapshotShapeError('the sync-token key has the wrong length');
    const epoch = field(data, 'tokenEpoch', isNumber, 'a number');
    const maxTtl = field(data, 'maxChannelTtlSeconds', isNumber, 'a number');
    this.store.restore(data['store']);
    this.channels.restore(data['channels']);
    this.channels.maxTtlSeconds = maxTtl;
    key.copy(this.codec.key);
    this.codec.epoch = epoch;
  }

  /** The key of a snapshot, if it holds one. */
  static async accountOf(data: unknown): Promise<ServiceAccount | undefined> {
    if (!isRecord(data) || !isRecord(data['account'])) return undefined;
    const { keyId, privateKeyPem, publicKeyPem } = data['account'];
    if (typeof keyId !== 'string' || typeof privateKeyPem !== 'string' || typeof publicKeyPem !== 'string') return undefined;
    return ServiceAccount.restore(keyId, privateKeyPem, publicKeyPem);
  }

  /** Back to the seeded data and no channels. */
  reseedData(anchor = this.options.anchor): void {
    this.channels.clear();
    this.store.setUsers(GOOGLE_DEMO_USERS);
    this.store.clear();
    seedGoogleDemo(this.store, anchor);
  }

  /** Back to the seeded state: data, channels, sync tokens, faults, latency and counters (access tokens stay valid). */
  reset(anchor = this.options.anchor): void {
    this.reseedData(anchor);
    this.codec.epoch += 1;
    this.clockSkewSeconds = 0;
    this.control.clearFaults();
    this.control.setLatency({ fixedMs: 0, jitterMs: 0 });
    this.control.resetCounters();
  }
}
