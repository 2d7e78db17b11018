// The sandbox's token service: an RS256 key pair per instance (published as JWKS), app tokens for client
// credentials and delegated user tokens, with Microsoft identity platform v2.0 claims. Graph verifies with it.
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, errors, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import { DEMO_TENANT, SAML_ISSUER, type DemoUser } from '../common/demo-tenant.js';
import { issueAssertion } from '../common/saml-assertion.js';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Application permissions the service app holds on Graph in the sandbox tenant. */
export const APP_ROLES = ['Calendars.ReadWrite', 'Contacts.ReadWrite', 'Tasks.ReadWrite.All', 'User.Read.All', 'GroupMember.Read.All', 'MailboxSettings.ReadWrite'];
/** Delegated permissions users consented to for Graph. */
export const DELEGATED_GRAPH_SCOPES = ['Calendars.ReadWrite', 'Contacts.ReadWrite', 'Tasks.ReadWrite', 'User.Read', 'MailboxSettings.ReadWrite'];
export const TOKEN_LIFETIME_SECONDS = 3599;

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  ext_expires_in: number;
  scope?: string;
}

export interface VerifiedToken {
  claims: JWTPayload & Record<string, unknown>;
  /** Application (client) id of the caller. */
  appId: string;
  /** Delegated tokens: the signed-in user's object id. */
  userId?: string;
  roles: string[];
  scopes: string[];
}

export type TokenFailure = 'expired' | 'invalid' | 'audience';

export class TokenService {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly jwk: JWK,
    /** Seconds to add to the clock, so tests can make tokens expire. */
    public clockSkewSeconds = 0,
  ) {}

  /**
   * Application permissions the tenant's admin has not granted (`PUT /_sandbox/app-permissions`): left out of the
   * `roles` of app tokens issued from now on, as Entra leaves out a permission without admin consent.
   */
  readonly deniedAppRoles = new Set<string>();

  static async create(): Promise<TokenService> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = randomUUID().replace(/-/g, '').slice(0, 27);
    return new TokenService(privateKey, publicKey, { ...jwk, kid, use: 'sig', alg: 'RS256', kty: 'RSA' });
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.jwk] };
  }

  private now(): number {
    return Math.floor(Date.now() / 1000) + this.clockSkewSeconds;
  }

  private async sign(claims: Record<string, unknown>, issuer: string, audience: string, lifetime: number): Promise<IssuedToken> {
    const iat = this.now();
    const token = await new SignJWT({ ...claims, tid: DEMO_TENANT.tenantId, ver: '2.0', uti: randomUUID().slice(0, 22) })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.jwk.kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + lifetime)
      .sign(this.privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime };
  }

  /** Client-credentials token: `roles` for Graph, none for the service's own API. */
  appToken(issuer: string, clientId: string, audience: string, lifetime = TOKEN_LIFETIME_SECONDS): Promise<IssuedToken> {
    const servicePrincipal = `5f0e${clientId.slice(4)}`;
    const roles = audience === GRAPH_RESOURCE ? APP_ROLES.filter((role) => !this.deniedAppRoles.has(role)) : [];
    return this.sign(
      { azp: clientId, azpacr: '1', idtyp: 'app', oid: servicePrincipal, sub: servicePrincipal, roles },
      issuer, audience, lifetime,
    );
  }

  /**
   * Delegated token for a user (task pane, tests): `scp` lists the delegated scopes; a token for the service's API
   * also carries the user's app roles of it in `roles` (as Entra does), e.g. the admin role.
   */
  userToken(issuer: string, clientId: string, user: DemoUser, audience: string, scopes: string[], lifetime = TOKEN_LIFETIME_SECONDS): Promise<IssuedToken> {
    const forServiceApi = audience === DEMO_TENANT.serviceApp.appIdUri || audience === DEMO_TENANT.serviceApp.clientId;
    const roles = forServiceApi && user.appRoles && user.appRoles.length > 0 ? { roles: [...user.appRoles] } : {};
    return this.sign(
      {
        azp: clientId, azpacr: '0', oid: user.id, sub: `sub-${user.id}`, name: user.displayName,
        preferred_username: user.mail, upn: user.mail, given_name: user.givenName, family_name: user.surname,
        scp: scopes.join(' '),
        ...roles,
      },
      issuer, audience, lifetime,
    ).then((t) => ({ ...t, scope: scopes.join(' ') }));
  }

  /**
   * The answer to an on-behalf-of request for a SAML application (requested_token_type saml2): a signed SAML 2.0
   * assertion about the user for the application's entity id, base64url in `access_token`, as Entra ID answers.
   * Signed with the key the JWKS publishes (its KeyName is the key's kid).
   */
  async samlAssertion(user: DemoUser, entityId: string, recipient: string, lifetime = TOKEN_LIFETIME_SECONDS): Promise<IssuedToken & { issued_token_type: string; resource: string }> {
    const now = this.now();
    const assertion = await issueAssertion(
      { issuer: SAML_ISSUER, nameId: user.mail, audience: entityId, recipient, notBefore: new Date(now * 1000), notOnOrAfter: new Date((now + lifetime) * 1000) },
      { privateKey: this.privateKey, kid: String(this.jwk.kid) },
      new Date(now * 1000),
    );
    return { access_token: assertion, token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, issued_token_type: 'urn:ietf:params:oauth:token-type:saml2', resource: entityId, scope: `${entityId}/.default` };
  }

  /** Verifies signature, lifetime, tenant and audience. */
  async verify(token: string, audiences: string[]): Promise<VerifiedToken | TokenFailure> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: ['RS256'],
        currentDate: new Date(this.now() * 1000),
      });
      const claims = payload as JWTPayload & Record<string, unknown>;
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!aud.some((a) => typeof a === 'string' && audiences.includes(a))) return 'audience';
      if (claims.tid !== DEMO_TENANT.tenantId) return 'invalid';
      const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
      const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ').filter(Boolean) : [];
      return {
        claims,
        appId: typeof claims.azp === 'string' ? claims.azp : '',
        userId: claims.idtyp === 'app' ? undefined : (claims.oid as string | undefined),
        roles,
        scopes,
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return 'expired';
      return 'invalid';
    }
  }
}
