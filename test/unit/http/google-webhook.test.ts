// Google push notifications (R10): authenticated by the channel's id and token (an HMAC the service made when it
// opened the channel), compared in constant time; only a change (not the first `sync` message) asks for a session.
import Fastify from 'fastify';
import { googleChannelToken, mailboxOfChannel, registerGoogleWebhook } from '../../../src/server/http/google-webhook.js';

const SECRET = 'client-state-secret-0123456789';

async function app() {
  const sessions: string[] = [];
  const server = Fastify();
  registerGoogleWebhook(server, {
    channelSecret: SECRET,
    queue: { enqueueMailboxSession: async (mailboxId: string, reason: string) => void sessions.push(`${mailboxId}:${reason}`) },
    store: { getMailbox: async (id: string) => (id === 'google:dan' ? { mailboxId: id, tenantId: 't', provider: 'google' as const, email: 'dan@x.example', displayName: 'Dan', employeePartyId: 'E', enabled: true } : null) },
  });
  return { server, sessions };
}

const post = (server: Awaited<ReturnType<typeof app>>['server'], headers: Record<string, string>) => server.inject({ method: 'POST', url: '/webhooks/google', headers });

describe('Google channel tokens', () => {
  it('name their mailbox only with the channel id they were made for', () => {
    const token = googleChannelToken(SECRET, 'crm-sync-1', 'google:dan');
    expect(token.length).toBeLessThanOrEqual(256);
    expect(mailboxOfChannel(SECRET, 'crm-sync-1', token)).toBe('google:dan');
    expect(mailboxOfChannel(SECRET, 'crm-sync-2', token)).toBeNull();
    expect(mailboxOfChannel('another-secret-0123456789', 'crm-sync-1', token)).toBeNull();
    const forged = `${Buffer.from('google:eve').toString('base64url')}.${token.split('.')[1]}`;
    expect(mailboxOfChannel(SECRET, 'crm-sync-1', forged)).toBeNull();
    expect(mailboxOfChannel(SECRET, 'crm-sync-1', undefined)).toBeNull();
  });
});

describe('POST /webhooks/google', () => {
  it('asks for an insta session on a change, nothing on the first sync message, and refuses a wrong token', async () => {
    const { server, sessions } = await app();
    const headers = { 'x-goog-channel-id': 'crm-sync-1', 'x-goog-channel-token': googleChannelToken(SECRET, 'crm-sync-1', 'google:dan'), 'x-goog-resource-id': 'r1', 'x-goog-message-number': '1' };
    expect((await post(server, { ...headers, 'x-goog-resource-state': 'sync' })).statusCode).toBe(200);
    expect(sessions).toEqual([]);
    expect((await post(server, { ...headers, 'x-goog-resource-state': 'exists', 'x-goog-message-number': '2' })).statusCode).toBe(200);
    expect(sessions).toEqual(['google:dan:insta']);
    expect((await post(server, { ...headers, 'x-goog-channel-id': 'crm-sync-9', 'x-goog-resource-state': 'exists' })).statusCode).toBe(401);
    expect((await post(server, { 'x-goog-channel-id': 'crm-sync-1', 'x-goog-resource-state': 'exists' })).statusCode).toBe(401);
    expect(sessions).toEqual(['google:dan:insta']);
    await server.close();
  });
});
