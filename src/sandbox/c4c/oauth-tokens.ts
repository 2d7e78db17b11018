// The access tokens C4C's OAuth 2.0 token endpoint (oauth.ts) issued, for the OData service's Bearer check
// (auth.ts). In memory only, like CSRF sessions: a restarted sandbox forgets them, and clients ask for new ones.
import { randomBytes } from 'node:crypto';

export const TOKEN_LIFETIME_SECONDS = 3600;
/** Access tokens kept at most (the oldest go first). */
const MAX_TOKENS = 10_000;

export class OAuthTokens {
  private readonly tokens = new Map<string, { email: string; expiresAt: number }>();

  issue(email: string): string {
    const token = randomBytes(32).toString('base64url');
    if (this.tokens.size >= MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value as string);
    this.tokens.set(token, { email, expiresAt: Date.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return token;
  }

  /** The user of a live token, or undefined (unknown or expired). */
  userOf(token: string): { email: string } | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return { email: entry.email };
  }
}

