// Google's OAuth 2.0 token endpoint for service accounts (RFC 7523 JWT-bearer grant, what google-auth-library's JWT
// client sends): POST /token with grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer and assertion=<RS256 JWT>
// signed with the service account's key, claims iss (the account's e-mail), scope, aud (the token endpoint),
// iat/exp (at most one hour apart) and sub (the Workspace user to act as, domain-wide delegation). Errors are
// OAuth's `{error, error_description}`, with Google's wording: 400 invalid_grant for a bad assertion or user, 401
// unauthorized_client for a scope the admin did not delegate.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { ACCESS_TOKEN_SECONDS, DELEGATED_SCOPES, GOOGLE_TOKEN_URL, SERVICE_ACCOUNT, type ServiceAccount } from './service-account.js';

export const TOKEN_PATH = '/token';
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** How far an assertion's iat may lie in the future (clock skew Google tolerates, roughly). */
const CLOCK_SKEW_SECONDS = 300;

const SHORT_LIVED = 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';

export interface TokenEndpointDeps {
  account: () => ServiceAccount;
  /** Whether the e-mail is a user of the sandbox's Workspace (impersonation target). */
  isUser(email: string): boolean;
  /** The sandbox's own token URL, an accepted audience beside Google's. */
  tokenUrl(req: FastifyRequest): string;
  /** Seconds added to the sandbox's clock when it checks iat/exp (tests of clock skew). */
  clockSkewSeconds(): number;
}

function oauthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send({ error, error_description: description });
}

type Verdict = { ok: true; email: string; scopes: string[] } | { ok: false; status: number; error: string; description: string };

const refuse = (status: number, error: string, description: string): Verdict => ({ ok: false, status, error, description });

async function checkAssertion(assertion: string, deps: TokenEndpointDeps, req: FastifyRequest): Promise<Verdict> {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    if (decodeProtectedHeader(assertion).alg !== 'RS256') return refuse(400, 'invalid_grant', 'Invalid JWT Signature.');
    claims = decodeJwt(assertion);
  } catch {
    return refuse(400, 'invalid_grant', 'Invalid JWT: the assertion is not a JWT.');
  }
  // Google finds the key by the issuer: another account's assertion cannot be verified with this key.
  if (claims.iss !== SERVICE_ACCOUNT.clientEmail) return refuse(400, 'invalid_grant', 'Invalid JWT Signature.');
  try {
    // The signature only: the time claims are checked below, with Google's own message.
    await compactVerify(assertion, deps.account().publicKey, { algorithms: ['RS256'] });
  } catch {
    return refuse(400, 'invalid_grant', 'Invalid JWT Signature.');
  }
  const audiences = [GOOGLE_TOKEN_URL, deps.tokenUrl(req)];
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a))) return refuse(400, 'invalid_grant', 'Invalid JWT: Failed audience check.');
  const now = Math.floor(Date.now() / 1000) + deps.clockSkewSeconds();
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > 3600 || exp <= now || iat > now + CLOCK_SKEW_SECONDS) {
    return refuse(400, 'invalid_grant', SHORT_LIVED);
  }
  const scopes = typeof claims['scope'] === 'string' ? claims['scope'].split(' ').filter(Boolean) : [];
  if (scopes.length === 0) return refuse(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  const sub = typeof claims.sub === 'string' ? claims.sub.toLowerCase() : undefined;
  if (sub !== undefined && !deps.isUser(sub)) return refuse(400, 'invalid_grant', 'Invalid email or User ID');
  // Domain-wide delegation covers only the scopes the admin entered for the client id, and all must be covered.
  if (sub !== undefined && scopes.some((s) => !DELEGATED_SCOPES.includes(s))) {
    return refuse(401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
  }
  return { ok: true, email: sub ?? SERVICE_ACCOUNT.clientEmail, scopes };
}

export function installTokenEndpoint(app: FastifyInstance, deps: TokenEndpointDeps): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 65_536 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.post(TOKEN_PATH, async (req, reply) => {
      const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string | undefined>;
      if (form.grant_type !== JWT_BEARER) return oauthError(reply, 400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
      if (!form.assertion) return oauthError(reply, 400, 'invalid_request', 'Missing required parameter: assertion');
      const verdict = await checkAssertion(form.assertion, deps, req);
      if (!verdict.ok) return oauthError(reply, verdict.status, verdict.error, verdict.description);
      const { token } = deps.account().issue(verdict.email, verdict.scopes);
      return reply.header('cache-control', 'no-store').send({ access_token: token, expires_in: ACCESS_TOKEN_SECONDS, token_type: 'Bearer' });
    });
  });
}
