// Secrets for inbound webhooks. Graph's clientState is derived per mailbox with an HMAC, so the service needs no
// table of secrets and a leaked clientState of one mailbox says nothing about another. C4C's Event Notification
// authenticates with HTTP Basic (its consumer's "User ID and Password"). Comparisons run in constant time over
// fixed-length digests, so neither content nor length leaks through timing.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function clientStateFor(secret: string, mailboxId: string): string {
  return createHmac('sha256', secret).update(`graph-client-state:${mailboxId}`).digest('base64url');
}

export function constantTimeEquals(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

export interface BasicCredentials {
  user: string;
  password: string;
}

/**
 * Whether an `Authorization: Basic …` header (RFC 7617) carries exactly these credentials. User and password are
 * both compared, in constant time, whatever the other's outcome.
 */
export function basicCredentialsMatch(header: string | undefined, expected: BasicCredentials): boolean {
  const encoded = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header ?? '')?.[1];
  if (!encoded) return false;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const userMatches = constantTimeEquals(decoded.slice(0, colon), expected.user);
  const passwordMatches = constantTimeEquals(decoded.slice(colon + 1), expected.password);
  return userMatches && passwordMatches;
}
