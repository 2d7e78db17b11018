// SAP's CSRF protection: a GET/HEAD with `x-csrf-token: Fetch` returns a token bound to a session cookie; every
// modifying request must send that token with that cookie, or gets 403 with `x-csrf-token: Required`.
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'SAP_SESSIONID_C4C_SANDBOX';
const MAX_SESSIONS = 10_000;

export class CsrfSessions {
  private readonly tokens = new Map<string, string>();

  private static sessionFrom(cookieHeader: string | undefined): string | undefined {
    for (const part of (cookieHeader ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === SESSION_COOKIE) return value.join('=');
    }
    return undefined;
  }

  /** Returns the token for the caller's session, creating the session (and its cookie) when needed. */
  fetch(cookieHeader: string | undefined): { token: string; setCookie?: string } {
    const session = CsrfSessions.sessionFrom(cookieHeader);
    const existing = session === undefined ? undefined : this.tokens.get(session);
    if (session !== undefined && existing) return { token: existing };
    const newSession = randomBytes(18).toString('base64url');
    const token = randomBytes(18).toString('base64');
    this.tokens.set(newSession, token);
    // Bounded, so clients that never send the cookie back cannot grow the map forever (oldest sessions go first).
    if (this.tokens.size > MAX_SESSIONS) this.tokens.delete(this.tokens.keys().next().value ?? '');
    return { token, setCookie: `${SESSION_COOKIE}=${newSession}; path=/; HttpOnly; SameSite=None; Secure` };
  }

  valid(cookieHeader: string | undefined, token: string | undefined): boolean {
    const session = CsrfSessions.sessionFrom(cookieHeader);
    return session !== undefined && token !== undefined && this.tokens.get(session) === token;
  }
}
