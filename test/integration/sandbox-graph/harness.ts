// Starts a Graph sandbox on an ephemeral port and gives tests typed helpers for tokens and Graph calls.
import { DEMO_TENANT, DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graph/server.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const [AVA, BEN, CHLOE, DAN, EVE] = DEMO_USERS as [typeof DEMO_USERS[0], typeof DEMO_USERS[0], typeof DEMO_USERS[0], typeof DEMO_USERS[0], typeof DEMO_USERS[0]];
export { DEMO_TENANT, DEMO_USERS };

export interface Harness {
  sandbox: GraphSandbox;
  url: string;
  appToken: string;
  userToken(userIdOrMail: string, aud?: string): Promise<string>;
  graph(method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string }): Promise<{ status: number; headers: Headers; body: Json }>;
  control(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

export async function appTokenFor(url: string, scope = 'https://graph.microsoft.com/.default'): Promise<string> {
  const res = await fetch(`${url}/${DEMO_TENANT.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials', client_id: DEMO_TENANT.serviceApp.clientId,
      client_secret: DEMO_TENANT.serviceApp.clientSecret, scope,
    }),
  });
  const body = (await res.json()) as Json;
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token as string;
}

export async function startHarness(): Promise<Harness> {
  const sandbox = await startGraphSandbox({ port: 0 });
  const url = sandbox.url;
  const appToken = await appTokenFor(url);
  const parse = async (res: Response): Promise<Json> => {
    const text = await res.text();
    if (!text) return {};
    try {
      return JSON.parse(text) as Json;
    } catch {
      return { text };
    }
  };
  return {
    sandbox,
    url,
    appToken,
    async userToken(user, aud) {
      const q = new URLSearchParams({ user, ...(aud ? { aud } : {}) });
      const res = await fetch(`${url}/_sandbox/token?${q}`);
      return ((await res.json()) as Json).access_token as string;
    },
    async graph(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const token = options.token ?? appToken;
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}/v1.0${path}`, { method, headers, body });
      return { status: res.status, headers: res.headers, body: await parse(res) };
    },
    async control(method, path, body) {
      const res = await fetch(`${url}/_sandbox${path}`, {
        method,
        headers: body !== undefined ? { 'content-type': 'application/json' } : {},
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: await parse(res) };
    },
    close: () => sandbox.close(),
  };
}

/** Graph's error envelope, checked the same way everywhere. */
export function expectGraphError(body: Json, code?: string): void {
  expect(typeof body.error?.code).toBe('string');
  expect(typeof body.error?.message).toBe('string');
  expect(body.error.innerError).toEqual(expect.objectContaining({ date: expect.any(String), 'request-id': expect.any(String), 'client-request-id': expect.any(String) }));
  if (code) expect(body.error.code).toBe(code);
}

export const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 19);

export function newEvent(subject: string, startDays = 1, extra: Json = {}): Json {
  return {
    subject,
    start: { dateTime: `${isoIn(startDays).slice(0, 10)}T10:00:00`, timeZone: 'UTC' },
    end: { dateTime: `${isoIn(startDays).slice(0, 10)}T11:00:00`, timeZone: 'UTC' },
    ...extra,
  };
}
