// Self-contained, tamper-evident delta state. A token records the mailbox, the window, the change sequence the
// round started from (`base`) and up to (`high`), and — for skip tokens — the last id delivered. An epoch lets
// the control plane expire every token at once (the next use gets 410). The key is the sandbox's (kept in its
// state file), so tokens handed out before a restart with that file stay valid, as Graph's do across our restarts;
// a sandbox started fresh has a new key and answers old tokens 410 SyncStateNotFound (a lost sync state).
import { createHmac } from 'node:crypto';

export interface DeltaState {
  epoch: number;
  mailboxId: string;
  from: number;
  to: number;
  /** Changes with seq in (base, high] belong to this round. */
  base: number;
  high: number;
  /** Skip tokens: ids are delivered in ascending order; the next page starts after this one. */
  after?: string;
  /** The $expand of the first call, which later pages keep applying. */
  expand?: string;
  /** To Do task delta: the todoTaskList the round is over (calendar rounds leave it unset); $select of the first call. */
  listId?: string;
  select?: string;
  /** Contact delta: the contact folder the round is over. */
  folderId?: string;
}

export class DeltaTokenCodec {
  /** `purpose` keeps a calendar token from passing as a To Do one and the other way round. */
  constructor(
    private readonly key: Buffer,
    private readonly purpose: string,
  ) {}

  encode(state: DeltaState): string {
    const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The state, or undefined for anything not minted by this sandbox instance. */
  decode(token: string): DeltaState | undefined {
    const [payload, mac] = token.split('.');
    if (!payload || !mac || mac !== this.mac(payload)) return undefined;
    try {
      const state = JSON.parse(Buffer.from(payload, 'base64url').toString()) as DeltaState;
      return typeof state.mailboxId === 'string' && Number.isFinite(state.base) ? state : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(`${this.purpose}.${payload}`).digest('base64url').slice(0, 22);
  }
}
