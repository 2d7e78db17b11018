// Authentication as C4C does it for API clients: Basic with the tenant's technical user, or a Bearer token. A Bearer
// token is one C4C's OAuth 2.0 token endpoint issued (oauth.ts: SAML bearer assertion of the tenant's identity
// provider), or, as a sandbox shortcut, the identity sandbox's RS256 JWT checked against its JWKS and issuer; either
// way the caller becomes the employee whose e-mail matches the user, with that user's read restriction (access.ts).
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DEMO_TENANT } from '../common/demo-tenant.js';
import { ODataError } from './errors.js';
import type { CallerIdentity } from './function-imports.js';
import { restrictionOf } from './access.js';
import type { OAuthTokens } from './oauth-tokens.js';
import type { C4cStore } from './store.js';

export interface BearerConfig {
  keys: JWTVerifyGetKey;
  issuer: string | string[];
}

/**
 * The identity sandbox names its issuer after the Host its client used, always as https (one port serves http and
 * https), so the issuer of `http://127.0.0.1:4001` may read `https://localhost:4001/<tenant>/v2.0`: accept both
 * schemes and both loopback names on the identity sandbox's port.
 */
export function bearerConfigFor(identityBaseUrl: string): BearerConfig {
  const tenant = DEMO_TENANT.tenantId;
  const base = new URL(identityBaseUrl);
  const port = base.port ? `:${base.port}` : '';
  const hosts = new Set([base.host, `localhost${port}`, `127.0.0.1${port}`]);
  const issuers = [...hosts].flatMap((host) => ['https', 'http'].map((scheme) => `${scheme}://${host}/${tenant}/v2.0`));
  return {
    keys: createRemoteJWKSet(new URL(`${identityBaseUrl.replace(/\/$/, '')}/${tenant}/discovery/v2.0/keys`)),
    issuer: issuers,
  };
}

const unauthorized = () => new ODataError(401, 'UNAUTHORIZED', 'Authentication failed: provide Basic credentials of a technical user or a valid Bearer token');

export function employeeByEmail(store: C4cStore, email: string) {
  const id = store.index('EmployeeCollection', 'Email').lookup(email, true)[0];
  return id === undefined ? undefined : store.get('EmployeeCollection', id);
}

/** A business user: the employee with their e-mail, and what they may read. */
function businessUser(store: C4cStore, email: string | undefined, name: string | undefined, fallbackId: string): CallerIdentity {
  const employee = email ? employeeByEmail(store, email) : undefined;
  return { userId: email ?? fallbackId, displayName: name ?? email ?? fallbackId, email, employee, restriction: restrictionOf(email, employee) };
}

export async function authenticate(store: C4cStore, header: string | undefined, bearer: BearerConfig | undefined, oauth?: OAuthTokens): Promise<CallerIdentity> {
  if (!header) throw unauthorized();
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    const user = decoded.slice(0, sep);
    const password = decoded.slice(sep + 1);
    const tech = DEMO_TENANT.c4cTechnicalUser;
    if (sep < 0 || user !== tech.user || password !== tech.password) throw unauthorized();
    return { userId: tech.user, displayName: 'Sync technical user', uuid: store.systemIdentity };
  }
  if (scheme.toLowerCase() === 'bearer' && oauth && !value.includes('.')) {
    const user = oauth.userOf(value);
    if (!user) throw unauthorized();
    return businessUser(store, user.email, undefined, user.email);
  }
  if (scheme.toLowerCase() === 'bearer' && bearer) {
    try {
      const { payload } = await jwtVerify(value, bearer.keys, { issuer: bearer.issuer });
      const email = [payload['preferred_username'], payload['upn'], payload['email']].find((v): v is string => typeof v === 'string');
      const name = typeof payload['name'] === 'string' ? payload['name'] : undefined;
      return businessUser(store, email, name, String(payload.sub ?? 'user'));
    } catch {
      throw unauthorized();
    }
  }
  throw unauthorized();
}
