// Secrets for inbound webhooks. Graph's clientState is derived per mailbox with an HMAC, so the service needs no
// table of secrets and a leaked clientState of one mailbox says nothing about another. Comparisons run in
// constant time over fixed-length digests, so neither content nor length leaks through timing.
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
