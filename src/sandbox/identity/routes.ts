// Microsoft identity platform endpoints, at Microsoft's paths under the sandbox's origin, so that @azure/msal-node
// and jose work with only the authority changed: OpenID configuration, JWKS, and the v2.0 token endpoint
// (client_credentials, password and on-behalf-of grants), plus /_sandbox/token for quick delegated tokens.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEMO_TENANT, DEMO_USERS, type DemoUser } from '../common/demo-tenant.js';
import { DELEGATED_GRAPH_SCOPES, GRAPH_APP_ID, GRAPH_RESOURCE, type TokenService } from './tokens.js';

/** The password every sandbox user signs in with (password grant); the sandbox protects nothing real. */
export const SANDBOX_USER_PASSWORD = 'sandbox-password';

const KNOWN_CLIENTS: Record<string, string | undefined> = {
  [DEMO_TENANT.serviceApp.clientId]: DEMO_TENANT.serviceApp.clientSecret,
  [DEMO_TENANT.addinApp.clientId]: undefined,
};

export function identityOrigin(req: FastifyRequest): string {
  return `https://${req.host}`;
}

export function issuerFor(req: FastifyRequest): string {
  return `${identityOrigin(req)}/${DEMO_TENANT.tenantId}/v2.0`;
}

function aadError(reply: FastifyReply, status: number, error: string, code: number, description: string) {
  const traceId = randomUUID();
  return reply.code(status).send({
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${traceId} Timestamp: ${new Date().toISOString()}`,
    error_codes: [code],
    timestamp: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    trace_id: traceId,
    correlation_id: traceId,
  });
}

const isOurTenant = (tenant: string) => [DEMO_TENANT.tenantId, DEMO_TENANT.domain, 'organizations'].includes(tenant.toLowerCase());

/** Resource (audience) of a `<resource>/.default` or `<resource>/<scope>` scope string. */
function parseScope(scope: string): { audience: string; scopes: string[] } | undefined {
  const items = scope.split(' ').filter((s) => s && !['openid', 'profile', 'offline_access', 'email'].includes(s));
  const first = items[0];
  if (!first) return undefined;
  const resourceOf = (s: string) => s.slice(0, s.lastIndexOf('/'));
  const resource = first.includes('/') ? resourceOf(first) : GRAPH_RESOURCE;
  const audience = resource === GRAPH_APP_ID || resource === `${GRAPH_RESOURCE}` || resource === `${GRAPH_RESOURCE}/` ? GRAPH_RESOURCE : resource;
  if (audience !== GRAPH_RESOURCE && audience !== DEMO_TENANT.serviceApp.appIdUri) return undefined;
  const names = items.map((s) => (s.includes('/') ? s.slice(s.lastIndexOf('/') + 1) : s));
  const scopes = names.includes('.default') ? (audience === GRAPH_RESOURCE ? DELEGATED_GRAPH_SCOPES : ['access_as_user']) : names;
  return { audience, scopes };
}

/** Finds a directory user by object id or sign-in name (lower-case e-mail). */
export type UserDirectory = (idOrMail: string) => DemoUser | undefined;

const demoDirectory: UserDirectory = (key) => DEMO_USERS.find((u) => u.id === key || u.mail === key);

/**
 * `directory` is the Graph sandbox's user list, so users added with POST /_sandbox/users can sign in too (by
 * default only the demo users).
 */
export function registerIdentityRoutes(app: FastifyInstance, tokens: TokenService, directory: UserDirectory = demoDirectory): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 65_536 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.get<{ Params: { tenant: string } }>('/:tenant/v2.0/.well-known/openid-configuration', async (req, reply) => {
    if (!isOurTenant(req.params.tenant)) return aadError(reply, 400, 'invalid_tenant', 90002, `Tenant '${req.params.tenant}' not found.`);
    const base = `${identityOrigin(req)}/${DEMO_TENANT.tenantId}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: issuerFor(req),
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${identityOrigin(req)}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'oid'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    };
  });

  app.get<{ Params: { tenant: string } }>('/:tenant/discovery/v2.0/keys', async (req, reply) => {
    if (!isOurTenant(req.params.tenant)) return aadError(reply, 400, 'invalid_tenant', 90002, `Tenant '${req.params.tenant}' not found.`);
    return tokens.jwks();
  });

  app.post<{ Params: { tenant: string }; Body: Record<string, string> | undefined }>('/:tenant/oauth2/v2.0/token', async (req, reply) => {
    if (!isOurTenant(req.params.tenant)) return aadError(reply, 400, 'invalid_tenant', 90002, `Tenant '${req.params.tenant}' not found.`);
    const form = req.body && typeof req.body === 'object' ? req.body : {};
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent) : [];
    const clientId = form.client_id ?? basicId ?? '';
    const secret = form.client_secret ?? basicSecret;
    if (!(clientId in KNOWN_CLIENTS)) return aadError(reply, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory.`);
    const expected = KNOWN_CLIENTS[clientId];
    const confidential = expected !== undefined;
    if (confidential && secret !== expected) return aadError(reply, 401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    // On-behalf-of for a SAML application (Entra's extension of the OBO flow): a SAML 2.0 assertion instead of a JWT.
    if (form.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && form.requested_token_type === SAML2_TOKEN_TYPE) {
      return samlOnBehalfOf(reply, tokens, form, confidential, directory);
    }
    const scope = parseScope(form.scope ?? '');
    if (!scope) return aadError(reply, 400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid.`);
    const issuer = issuerFor(req);
    switch (form.grant_type) {
      case 'client_credentials': {
        if (!confidential) return aadError(reply, 401, 'invalid_client', 7000218, "The request body must contain the parameter 'client_assertion' or 'client_secret'.");
        if (!(form.scope ?? '').endsWith('/.default')) return aadError(reply, 400, 'invalid_scope', 1002012, 'The scope provided is invalid: client credential flows must have a scope value with /.default suffixed.');
        return tokens.appToken(issuer, clientId, scope.audience);
      }
      case 'password': {
        const user = directory((form.username ?? '').toLowerCase());
        if (!user || form.password !== SANDBOX_USER_PASSWORD) return aadError(reply, 400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.');
        return tokens.userToken(issuer, clientId, user, scope.audience, scope.scopes);
      }
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer': {
        const user = await onBehalfOfUser(tokens, form.assertion ?? '', directory);
        if (!confidential || !user) return aadError(reply, 400, 'invalid_grant', 50013, 'Assertion failed signature validation or is not valid.');
        return tokens.userToken(issuer, clientId, user, scope.audience, scope.scopes);
      }
      default:
        return aadError(reply, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.grant_type ?? ''}'.`);
    }
  });

  // Sandbox-only shortcut for delegated tokens (the task pane, tests). Not a Microsoft endpoint. `role=` instead of
  // `user=` signs in the first demo user holding that app role (the admin console's demo admin). Any origin may call
  // it (the admin page is served by the service, on another port): the tokens are for made-up users only.
  app.get<{ Querystring: Record<string, string | undefined> }>('/_sandbox/token', async (req, reply) => {
    const q = req.query;
    reply.header('access-control-allow-origin', '*');
    const user = q.user ? directory(q.user.toLowerCase()) : q.role ? DEMO_USERS.find((u) => u.appRoles?.includes(q.role!)) : undefined;
    if (!user) return reply.code(400).send({ error: 'unknown_user', error_description: `No sandbox user '${q.user ?? q.role ?? ''}'.` });
    const audience = q.aud ?? GRAPH_RESOURCE;
    const scopes = q.scp ? q.scp.split(' ') : audience === GRAPH_RESOURCE ? DELEGATED_GRAPH_SCOPES : ['access_as_user'];
    const lifetime = q.expiresIn ? Number(q.expiresIn) : undefined;
    return tokens.userToken(issuerFor(req), q.client_id ?? DEMO_TENANT.addinApp.clientId, user, audience, scopes, lifetime);
  });
}

const SAML2_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:saml2';

/**
 * SAML applications of the tenant (enterprise apps with SAML single sign-on) by entity id, each with the first reply
 * URL (Entra writes it as the assertion's Recipient): C4C's, whose OAuth 2.0 identity provider trusts this tenant.
 */
const SAML_APPS: ReadonlyMap<string, { replyUrl: string }> = new Map([
  [DEMO_TENANT.c4cOAuth.samlEntityId.toLowerCase(), { replyUrl: 'https://my000000.c4c-sandbox.example/sap/bc/sec/oauth2/token' }],
]);

async function samlOnBehalfOf(reply: FastifyReply, tokens: TokenService, form: Record<string, string>, confidential: boolean, directory: UserDirectory) {
  if (form.requested_token_use !== 'on_behalf_of') return aadError(reply, 400, 'invalid_request', 900144, "The request body must contain the parameter: 'requested_token_use'.");
  // The scope names the SAML application: its entity id with /.default (spn: prefixed when it is not a URI).
  const entityId = /^(.+)\/\.default$/.exec((form.scope ?? '').trim())?.[1]?.replace(/^spn:/, '') ?? '';
  const app = SAML_APPS.get(entityId.toLowerCase());
  if (!app) return aadError(reply, 400, 'invalid_resource', 500011, `The resource principal named ${entityId || '(none)'} was not found in the tenant.`);
  const user = await onBehalfOfUser(tokens, form.assertion ?? '', directory);
  if (!confidential || !user) return aadError(reply, 400, 'invalid_grant', 50013, 'Assertion failed signature validation or is not valid.');
  return tokens.samlAssertion(user, entityId, app.replyUrl);
}

async function onBehalfOfUser(tokens: TokenService, assertion: string, directory: UserDirectory): Promise<DemoUser | undefined> {
  const verified = await tokens.verify(assertion, [DEMO_TENANT.serviceApp.appIdUri, DEMO_TENANT.serviceApp.clientId]);
  if (typeof verified === 'string' || !verified.userId) return undefined;
  return directory(verified.userId);
}
