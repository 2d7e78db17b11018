// Token shapes shared by the acquirers.

export interface TokenRequestOptions {
  /** Allow a sign-in popup/dialog. Only from a user gesture (a click), or browsers block the popup. */
  interactive?: boolean;
}

export interface AccessToken {
  token: string;
  expiresAt: number;
}

export type TokenAcquirer = (options: TokenRequestOptions) => Promise<AccessToken>;

/** Decodes `exp` from a JWT without verifying it (the service verifies); 5 minutes when unreadable. */
export function expiryOf(token: string, now = Date.now()): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    if (typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    // opaque token
  }
  return now + 5 * 60_000;
}
