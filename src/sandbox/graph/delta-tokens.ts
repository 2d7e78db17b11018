// Self-contained, tamper-evident delta state. A token records the mailbox, the window, the change sequence the
// round started from (`base`) and up to (`high`), and — for skip tokens — the last id delivered. An epoch lets
// the control plane expire every token at once (the next use gets 410).
import { createHmac, randomBytes } from 'node:crypto';

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
  private readonly key = randomBytes(32);

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
    return createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, 22);
  }
}
