// Verifies the task pane's bearer tokens: signature against the identity provider's JWKS, issuer, audience,
// expiry (with a small clock skew) and tenant. Entra ID v2 tokens carry `oid` (the user's object id) and `tid`, and
// `roles` when the user is assigned app roles of the service's app registration (the admin role).
import { createRemoteJWKSet, jwtVerify, errors, type JWTVerifyGetKey } from 'jose';

export interface VerifiedCaller {
  /** Entra object id = Graph user id of the caller. */
  userId: string;
  tenantId: string;
  upn: string | null;
  scopes: string[];
  /** App roles assigned to the caller (Entra's `roles` claim), e.g. the admin role; empty when none. */
  roles: string[];
  /**
   * The verified bearer token itself: the on-behalf-of grant exchanges it for the user's C4C access (CRM search as
   * the user). Never logged or stored.
   */
  token: string;
}

export interface TokenVerifierOptions {
  /** e.g. https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys or the sandbox's. */
  jwksUrl: string;
  issuer: string;
  /** Accepted audiences: the API's application id URI and/or client id. */
  audiences: string[];
  tenantId: string;
  /** Scope the task pane requests (`access_as_user`). */
  requiredScope: string;
  /**
   * The client apps whose tokens are accepted (the add-in's app registration): Entra names the app a token was issued
   * to in `azp` (v2 tokens) or `appid` (v1). Empty or absent: any client of the tenant that got a token for the API.
   */
  allowedClientIds?: readonly string[];
  clockToleranceSeconds?: number;
  /** For tests: a key resolver instead of fetching the JWKS. */
  keyResolver?: JWTVerifyGetKey;
}

export class TokenRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejected';
  }
}

/**
 * The identity provider's signing keys could not be fetched (unreachable, timeout, non-200, not a key set): nothing
 * is known about the token yet, so the caller gets 503 and tries again, not a 401 that tells it to sign in anew.
 */
export class SigningKeysUnavailable extends Error {
  constructor(cause: unknown) {
    super('the identity provider\'s signing keys could not be fetched', { cause });
    this.name = 'SigningKeysUnavailable';
  }
}

/** Errors a key set answers about the token itself (its kid or alg), as opposed to failing to fetch the keys. */
const TOKEN_KEY_ERRORS = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSEAlgNotAllowed, errors.JOSENotSupported];

/** The remote key set, with its fetch failures told apart from what it says about the token. */
function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000 });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (TOKEN_KEY_ERRORS.some((type) => error instanceof type)) throw error;
      throw new SigningKeysUnavailable(error);
    }
  };
}

export type TokenVerifier = (authorizationHeader: string | undefined) => Promise<VerifiedCaller>;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys = options.keyResolver ?? remoteKeys(options.jwksUrl);
  return async (header) => {
    const match = /^Bearer ([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*)$/.exec(header ?? '');
    if (!match?.[1]) throw new TokenRejected('missing or malformed bearer token');
    try {
      const { payload } = await jwtVerify(match[1], keys, {
        issuer: options.issuer,
        audience: options.audiences,
        algorithms: ['RS256'],
        clockTolerance: options.clockToleranceSeconds ?? 60,
        requiredClaims: ['exp', 'oid', 'tid'],
      });
      if (payload.tid !== options.tenantId) throw new TokenRejected('token is from another tenant');
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(options.requiredScope)) throw new TokenRejected(`token lacks the ${options.requiredScope} scope`);
      const client = typeof payload.azp === 'string' ? payload.azp : typeof payload.appid === 'string' ? payload.appid : null;
      if (options.allowedClientIds && options.allowedClientIds.length > 0 && (client === null || !options.allowedClientIds.includes(client))) {
        throw new TokenRejected('token was issued to a client this service does not serve');
      }
      const oid = payload.oid;
      if (typeof oid !== 'string' || oid.length === 0) throw new TokenRejected('token has no user');
      const upn = typeof payload.preferred_username === 'string' ? payload.preferred_username : null;
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === 'string') : [];
      return { userId: oid, tenantId: options.tenantId, upn, scopes, roles, token: match[1] };
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenRejected('token expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new TokenRejected(`token claim "${error.claim}" is not valid`);
      if (error instanceof errors.JOSEError) throw new TokenRejected('token signature or format is not valid');
      throw error;
    }
  };
}
