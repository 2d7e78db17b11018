// Headers on every answer of the service. Its answers are JSON or plain text meant for programs, never pages: a
// browser must not sniff them into HTML (nosniff), run or load anything from them (CSP default-src 'none'), or
// frame them. The one page it serves (the admin console, admin-page.ts) sets its own policy, which is kept.
import type { FastifyInstance } from 'fastify';

export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

export function installSecurityHeaders(app: FastifyInstance): void {
  // onSend runs for every answer, errors and unknown routes included.
  app.addHook('onSend', async (_req, reply, payload) => {
    const ownPolicy = reply.getHeader('content-security-policy');
    reply.headers(API_SECURITY_HEADERS);
    if (ownPolicy !== undefined) reply.header('content-security-policy', ownPolicy);
    return payload;
  });
}
