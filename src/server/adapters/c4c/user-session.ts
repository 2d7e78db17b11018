// Calling C4C as the signed-in user: OAuth 2.0 SAML bearer assertion flow with Entra ID as C4C's identity provider.
//   1. Entra ID on-behalf-of, SAML variant (Microsoft identity platform, "SAML assertions obtained with an OAuth2.0
//      OBO flow"): the service app exchanges the user's token for the service's API for a SAML 2.0 assertion about
//      the user, for the SAML application whose entity id is C4C's (scope `<entity id>/.default`,
//      requested_token_use on_behalf_of, requested_token_type urn:ietf:params:oauth:token-type:saml2). Entra answers
//      with the assertion, base64url, in `access_token`.
//   2. C4C's token endpoint (`/sap/bc/sec/oauth2/token`, RFC 7522): the OAuth 2.0 client registered in C4C presents
//      the assertion (grant_type urn:ietf:params:oauth:grant-type:saml2-bearer, scope UIWC:CC_HOME); C4C trusts Entra
//      as OAuth 2.0 identity provider (its issuer and signing certificate) and answers with an access token for the
//      business user the assertion's NameID (e-mail) names.
// The access token then goes to c4codataapi as `Authorization: Bearer`, so C4C applies that user's access
// restrictions. Tokens are kept per user in memory until shortly before they expire; never logged, never stored.
import type { Logger } from 'pino';
import { PortFailure } from '../../ports/write-results.js';
import { ODataHttp, type C4cConnectionOptions } from './odata-http.js';

export interface C4cUserSessionOptions {
  /** Entra ID: authority host (e.g. https://login.microsoftonline.com), tenant, and the service app's credentials. */
  authority: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** C4C's SAML entity id: the identifier of C4C's enterprise application in Entra ID (its SSO local service provider). */
  samlEntityId: string;
  /** C4C's OAuth 2.0 token endpoint, e.g. https://my000000.crm.ondemand.com/sap/bc/sec/oauth2/token. */
  tokenUrl: string;
  /** The OAuth 2.0 client registered in C4C, and the scope it was given (UIWC:CC_HOME for the OData API). */
  oauthClientId: string;
  oauthClientSecret: string;
  scope: string;
  /** The c4codataapi connection the user's requests use (its Basic credentials are not sent). */
  connection: Omit<C4cConnectionOptions, 'authorization'>;
  logger: Logger;
  timeoutMs?: number;
  /** Users whose sessions are kept at once (least recently used go first). */
  maxSessions?: number;
  now?: () => number;
}

const SAML2 = 'urn:ietf:params:oauth:token-type:saml2';
/** A token is used until this long before it expires (requests in flight, clock skew). */
const EXPIRY_MARGIN_MS = 120_000;

interface Session {
  http: ODataHttp;
  expiresAt: number;
}

/** An OAuth error answer: the status and the `error` code only (the description can name the user). */
function refused(step: string, status: number, body: unknown): PortFailure {
  const error = body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : 'unknown';
  const code = /^[\w.-]{1,60}$/.test(error) ? error : 'unknown';
  // 400/401 on either step: the user, the trust or the client is not set up (invalid_grant, invalid_client, consent).
  const auth = status === 400 || status === 401 || status === 403;
  return new PortFailure({ code: auth ? 'auth' : status === 429 ? 'throttled' : 'temporary', message: `${step} answered ${status} ${code}` });
}

export class C4cUserSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly options: C4cUserSessionOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A c4codataapi connection as the user (a new C4C token when theirs is about to expire). */
  async connectionFor(userId: string, apiToken: string): Promise<ODataHttp> {
    const kept = this.sessions.get(userId);
    if (kept && kept.expiresAt - EXPIRY_MARGIN_MS > this.now()) {
      this.sessions.delete(userId);
      this.sessions.set(userId, kept);
      return kept.http;
    }
    const { token, expiresInSeconds } = await this.c4cToken(await this.samlAssertion(apiToken));
    const http = new ODataHttp({ ...this.options.connection, authorization: `Bearer ${token}` });
    this.sessions.set(userId, { http, expiresAt: this.now() + expiresInSeconds * 1000 });
    while (this.sessions.size > (this.options.maxSessions ?? 500)) this.sessions.delete(this.sessions.keys().next().value as string);
    return http;
  }

  /** Forgets a user's C4C token (C4C refused it before its time: revoked, or the user's role changed). */
  forget(userId: string): void {
    this.sessions.delete(userId);
  }

  private async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        redirect: 'manual',
      });
    } catch (error) {
      throw new PortFailure({ code: 'temporary', message: `token request to ${new URL(url).host} failed: ${(error as Error).message}` });
    }
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      return { status: res.status, body: null };
    }
  }

  private async samlAssertion(apiToken: string): Promise<string> {
    const o = this.options;
    const { status, body } = await this.post(`${o.authority}/${encodeURIComponent(o.tenantId)}/oauth2/v2.0/token`, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: o.clientId,
      client_secret: o.clientSecret,
      assertion: apiToken,
      scope: `${o.samlEntityId}/.default`,
      requested_token_use: 'on_behalf_of',
      requested_token_type: SAML2,
    });
    const assertion = (body as { access_token?: unknown } | null)?.access_token;
    if (status !== 200 || typeof assertion !== 'string' || assertion === '') throw refused('Entra ID on-behalf-of (SAML)', status, body);
    return assertion;
  }

  private async c4cToken(assertion: string): Promise<{ token: string; expiresInSeconds: number }> {
    const o = this.options;
    const basic = Buffer.from(`${o.oauthClientId}:${o.oauthClientSecret}`).toString('base64');
    const { status, body } = await this.post(
      o.tokenUrl,
      { grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer', assertion, client_id: o.oauthClientId, scope: o.scope },
      { authorization: `Basic ${basic}` },
    );
    const answer = (body ?? {}) as { access_token?: unknown; expires_in?: unknown };
    if (status !== 200 || typeof answer.access_token !== 'string' || answer.access_token === '') throw refused('C4C token endpoint', status, body);
    // C4C writes expires_in as a string ("3600"); RFC 6749 as a number.
    const seconds = Number(answer.expires_in);
    return { token: answer.access_token, expiresInSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 600 };
  }
}
