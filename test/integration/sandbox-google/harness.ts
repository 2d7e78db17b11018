// Starts a Google sandbox on an ephemeral port and gives tests Google's own client for any of its users:
// @googleapis/calendar with `rootUrl` at the sandbox, authenticated by google-auth-library's JWT client doing the
// real JWT-bearer grant with the service-account key from /_sandbox/info. google-auth-library 11 posts that grant to
// the fixed https://oauth2.googleapis.com/token (and signs it for that audience): a request interceptor on the
// client's transporter sends the one request to the sandbox's /token instead, unchanged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { JWT } from 'google-auth-library';
import { startGoogleSandbox, type BuildOptions, type GoogleSandbox } from '../../../src/sandbox/google/server.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const DAN = 'dan.diaz@contoso.example';
export const EVE = 'eve.evans@contoso.example';
export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface GoogleHarness {
  sandbox: GoogleSandbox;
  url: string;
  info: Json;
  /** A JWT client acting as `subject` (domain-wide delegation), its token requests sent to the sandbox. */
  jwt(subject?: string, scopes?: string[]): JWT;
  client(subject: string): calendar_v3.Calendar;
  control(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

export function pointAtSandbox(auth: JWT, tokenUrl: string): JWT {
  auth.transporter.interceptors.request.add({
    resolved: async (options) => {
      if (String(options.url) === GOOGLE_TOKEN_URL) options.url = new URL(tokenUrl);
      return options;
    },
  });
  return auth;
}

export async function startGoogleHarness(options: BuildOptions = {}): Promise<GoogleHarness> {
  const sandbox = await startGoogleSandbox({ ...options, port: 0 });
  const url = sandbox.url;
  const info = (await (await fetch(`${url}/_sandbox/info`)).json()) as Json;
  const key = info.serviceAccountKey as Json;
  const jwt = (subject?: string, scopes = [CALENDAR_SCOPE]) =>
    pointAtSandbox(new JWT({ email: key.client_email, key: key.private_key, keyId: key.private_key_id, scopes, ...(subject ? { subject } : {}) }), info.tokenUrl as string);
  return {
    sandbox,
    url,
    info,
    jwt,
    // No retries: the tests see every status the sandbox answers.
    client: (subject) => calendar({ version: 'v3', rootUrl: `${url}/`, auth: jwt(subject), retry: false }),
    async control(method, path, body) {
      const res = await fetch(`${url}${path}`, {
        method,
        ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
    },
    close: () => sandbox.close(),
  };
}

/** The status and Google error body of a failed client call. */
export async function failure(call: Promise<unknown>): Promise<{ status: number; body: Json }> {
  try {
    await call;
  } catch (error) {
    const e = error as { status?: number; response?: { status: number; data: Json } };
    return { status: e.response?.status ?? e.status ?? 0, body: e.response?.data ?? {} };
  }
  throw new Error('the call succeeded');
}

export interface Push {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A web-hook address that records Google's push notifications. */
export async function startPushReceiver(): Promise<{ url: string; pushes: Push[]; waitFor(n: number, timeoutMs?: number): Promise<Push[]>; close(): Promise<void> }> {
  const pushes: Push[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pushes.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/google`,
    pushes,
    async waitFor(n, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (pushes.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} pushes, got ${pushes.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return pushes;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
