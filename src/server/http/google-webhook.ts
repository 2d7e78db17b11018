// Google Calendar push notifications (R10 insta-sync): POSTs with an empty body and the channel in X-Goog-* headers.
// A channel's token is made by the service when it opens the channel: the mailbox id and an HMAC over channel id and
// mailbox id, so no table of channels is needed and a token copied to another channel id is refused. Compared in
// constant time. `sync` (the channel's first message) asks for nothing; `exists`/`not_exists` ask for an insta session.
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { JobQueue } from '../ports/job-queue.js';
import type { StateReader } from '../ports/state-store.js';
import { sendError } from './errors.js';
import { constantTimeEquals } from './webhook-secrets.js';

function mac(secret: string, channelId: string, mailboxId: string): string {
  return createHmac('sha256', secret).update(`google-channel:${channelId}:${mailboxId}`).digest('base64url');
}

/** The token of channel `channelId` for `mailboxId` (X-Goog-Channel-Token; Google allows 256 characters). */
export function googleChannelToken(secret: string, channelId: string, mailboxId: string): string {
  return `${Buffer.from(mailboxId).toString('base64url')}.${mac(secret, channelId, mailboxId)}`;
}

/** The mailbox a notification's channel id and token name, or null when the token is not ours for that channel. */
export function mailboxOfChannel(secret: string, channelId: string | undefined, token: string | undefined): string | null {
  if (!channelId || !token) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const mailboxId = Buffer.from(token.slice(0, dot), 'base64url').toString('utf8');
  return constantTimeEquals(token.slice(dot + 1), mac(secret, channelId, mailboxId)) ? mailboxId : null;
}

export interface GoogleWebhookDeps {
  queue: Pick<JobQueue, 'enqueueMailboxSession'>;
  store: Pick<StateReader, 'getMailbox'>;
  /** The secret channel tokens are derived from. */
  channelSecret: string;
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

export function registerGoogleWebhook(app: FastifyInstance, deps: GoogleWebhookDeps): void {
  app.post('/webhooks/google', { bodyLimit: 1024 }, async (req, reply) => {
    const mailboxId = mailboxOfChannel(deps.channelSecret, header(req.headers['x-goog-channel-id']), header(req.headers['x-goog-channel-token']));
    if (!mailboxId) return sendError(reply, 401, 'unauthorized', 'Unknown channel or token.');
    const state = header(req.headers['x-goog-resource-state']);
    if (state === 'exists' || state === 'not_exists') {
      const mailbox = await deps.store.getMailbox(mailboxId);
      if (mailbox?.provider === 'google') await deps.queue.enqueueMailboxSession(mailboxId, 'insta');
    }
    return reply.code(200).send();
  });
}
