// Starts the C4C sandbox on an ephemeral port with its own RS256 key pair standing in for the identity sandbox,
// and offers small fetch helpers (Basic auth, CSRF token + session cookie) for the tests.
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { FastifyInstance } from 'fastify';
import { DEMO_TENANT } from '../../../src/sandbox/common/demo-tenant.js';
import { buildC4cSandbox, type C4cSandboxOptions } from '../../../src/sandbox/c4c/server.js';

export const ISSUER = `http://identity.test/${DEMO_TENANT.tenantId}/v2.0`;
export const BASIC = `Basic ${Buffer.from(`${DEMO_TENANT.c4cTechnicalUser.user}:${DEMO_TENANT.c4cTechnicalUser.password}`).toString('base64')}`;

export interface Harness {
  app: FastifyInstance;
  origin: string;
  /** Service root ending in '/'. */
  svc: string;
  sign(claims: Record<string, unknown>): Promise<string>;
  /** GET/POST/… below the service root with Basic auth and (for writes) a valid CSRF token and cookie. */
  call(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string>; csrf?: boolean }): Promise<Response>;
  csrf(): Promise<{ token: string; cookie: string }>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(opts: C4cSandboxOptions = {}): Promise<Harness> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const app = buildC4cSandbox({ bearer: { keys: createLocalJWKSet({ keys: [jwk] }), issuer: ISSUER }, accounts: 300, ...opts });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const svc = `${address}/sap/c4c/odata/v1/c4codataapi/`;
  let session: { token: string; cookie: string } | undefined;

  const csrf = async () => {
    const res = await fetch(svc, { headers: { authorization: BASIC, 'x-csrf-token': 'Fetch' } });
    const token = res.headers.get('x-csrf-token') ?? '';
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    await res.arrayBuffer();
    return { token, cookie };
  };

  return {
    app,
    origin: address,
    svc,
    sign: (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setIssuer(ISSUER).setIssuedAt().setExpirationTime('1h').sign(privateKey),
    csrf,
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { authorization: BASIC, accept: 'application/json', ...(init.headers ?? {}) };
      if (method !== 'GET' && init.csrf !== false) {
        session ??= await csrf();
        headers['x-csrf-token'] ??= session.token;
        headers['cookie'] ??= session.cookie;
      }
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      return fetch(`${svc}${path}`, { method, headers, body });
    },
    control: (method, path, body) =>
      fetch(`${address}/_sandbox/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    close: () => app.close(),
  };
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface Feed {
  d: { results: Record<string, unknown>[]; __count?: string; __next?: string };
}
export interface Single {
  d: Record<string, unknown> & { __metadata: { uri: string; type: string; etag?: string } };
}
export interface SapError {
  error: { code: string; message: { lang: string; value: string } };
}
