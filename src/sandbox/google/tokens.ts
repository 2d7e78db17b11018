// Sync and page tokens: opaque to clients, signed here (HMAC) so that a token cannot be forged or edited, and
// tied to an epoch the control plane can bump to expire every sync token at once (Google's 410 fullSyncRequired).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SyncTokenData {
  calendarId: string;
  /** The store's change sequence the token's listing was complete up to. */
  seq: number;
  epoch: number;
}

export interface PageTokenData {
  offset: number;
  /** The change sequence at the listing's first page (the nextSyncToken of its last page). */
  upper: number;
  /** The incremental listing's lower bound, when the listing started from a sync token. */
  from?: number;
  /** Which query the token belongs to (its parameters other than pageToken). */
  fingerprint: string;
  epoch: number;
}

export class TokenCodec {
  /** Tokens of an older epoch are refused (410 for sync tokens). */
  epoch = 1;

  constructor(readonly key: Buffer = randomBytes(32)) {}

  private sign(kind: string, payload: unknown): string {
    const body = Buffer.from(JSON.stringify([kind, payload])).toString('base64url');
    return `${body}.${createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22)}`;
  }

  private verify(kind: string, token: string): unknown {
    const [body = '', mac = ''] = token.split('.');
    const expected = createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22);
    if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return undefined;
    try {
      const [k, payload] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [string, unknown];
      return k === kind ? payload : undefined;
    } catch {
      return undefined;
    }
  }

  syncToken(calendarId: string, seq: number): string {
    return this.sign('s', { calendarId, seq, epoch: this.epoch } satisfies SyncTokenData);
  }

  /** The token's data, unless it is forged, of another kind, or of an older epoch. */
  readSyncToken(token: string): SyncTokenData | undefined {
    const data = this.verify('s', token) as SyncTokenData | undefined;
    return data && data.epoch === this.epoch ? data : undefined;
  }

  pageToken(data: Omit<PageTokenData, 'epoch'>): string {
    return this.sign('p', { ...data, epoch: this.epoch });
  }

  readPageToken(token: string): PageTokenData | undefined {
    const data = this.verify('p', token) as PageTokenData | undefined;
    return data && data.epoch === this.epoch ? data : undefined;
  }
}
