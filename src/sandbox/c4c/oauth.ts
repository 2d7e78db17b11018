// C4C's OAuth 2.0 token endpoint for the SAML bearer assertion grant (RFC 7522), as a C4C tenant offers it once an
// administrator has configured an OAuth 2.0 identity provider (Entra ID: its SAML issuer and signing certificate)
// and registered an OAuth 2.0 client (client id, secret, scope UIWC:CC_HOME): POST /sap/bc/sec/oauth2/token with
// the client's credentials (HTTP Basic or form fields), grant_type urn:ietf:params:oauth:grant-type:saml2-bearer,
// the base64url assertion and the scope. The answer is an access token for the user the assertion names (matched
// to an employee by e-mail), which the OData service accepts as Bearer, with that user's read restriction.
import type { webcrypto } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DEMO_TENANT, SAML_ISSUER } from '../common/demo-tenant.js';
import { AssertionRejected, verifyAssertion } from '../common/saml-assertion.js';
import { employeeByEmail, type BearerConfig } from './auth.js';
import { TOKEN_LIFETIME_SECONDS, type OAuthTokens } from './oauth-tokens.js';
import type { C4cStore } from './store.js';

export const TOKEN_PATH = '/sap/bc/sec/oauth2/token';
const SAML2_BEARER = 'urn:ietf:params:oauth:grant-type:saml2-bearer';

const oauthError = (reply: FastifyReply, status: number, error: string, description: string) =>
  reply.code(status).header('cache-control', 'no-store').send({ error, error_description: description });

function clientOf(authorization: string | undefined, form: Record<string, string>): { id: string; secret: string | undefined } {
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? { id: decoded, secret: undefined } : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  return { id: form.client_id ?? '', secret: form.client_secret };
}

export function installOAuthTokenEndpoint(app: FastifyInstance, deps: { store: C4cStore; tokens: OAuthTokens; bearer: BearerConfig | undefined }): void {
  const client = DEMO_TENANT.c4cOAuth;
  void app.register(async (scope) => {
    // Form bodies only here (the OData routes have their own parsers).
    if (scope.hasContentTypeParser('application/x-www-form-urlencoded')) scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 65_536 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.post(TOKEN_PATH, async (req, reply) => {
      const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
      const caller = clientOf(req.headers.authorization, form);
      if (caller.id !== client.clientId || caller.secret !== client.clientSecret) {
        reply.header('www-authenticate', 'Basic realm="SAP NetWeaver Application Server [C4C sandbox]"');
        return oauthError(reply, 401, 'invalid_client', 'Client authentication failed');
      }
      if (form.grant_type !== SAML2_BEARER) return oauthError(reply, 400, 'unsupported_grant_type', `Grant type ${form.grant_type ?? ''} is not supported for this client`);
      const scopes = (form.scope ?? '').split(' ').filter(Boolean);
      if (scopes.length === 0 || scopes.some((s) => s !== client.scope)) return oauthError(reply, 400, 'invalid_scope', `Scope must be ${client.scope}`);
      if (!deps.bearer) return oauthError(reply, 400, 'invalid_grant', 'No OAuth 2.0 identity provider is configured');
      const keys = deps.bearer.keys;
      let email: string;
      try {
        const claims = await verifyAssertion(form.assertion ?? '', { issuer: SAML_ISSUER, audience: client.samlEntityId }, async (kid) =>
          (await keys({ alg: 'RS256', kid }, { payload: '', signature: '' })) as webcrypto.CryptoKey,
        );
        email = claims.nameId;
      } catch (error) {
        if (error instanceof AssertionRejected) return oauthError(reply, 400, 'invalid_grant', `SAML assertion rejected: ${error.message}`);
        throw error;
      }
      // The NameID (e-mail format) must name a business user of the tenant.
      if (!employeeByEmail(deps.store, email)) return oauthError(reply, 400, 'invalid_grant', 'The user of the assertion has no business user in this tenant');
      return reply.header('cache-control', 'no-store').send({ access_token: deps.tokens.issue(email), token_type: 'Bearer', expires_in: String(TOKEN_LIFETIME_SECONDS), scope: client.scope });
    });
  });
}
