// Starts the Graph sandbox on an ephemeral port and builds a GraphCalendarSource against it: Graph over plain
// HTTP, identity over TLS (MSAL accepts only https authorities) with the sandbox certificate trusted for this
// process. Log lines are captured so tests can check that no token is ever logged.
import { Writable } from 'node:stream';
import pino from 'pino';
import { DEMO_TENANT, DEMO_USERS, type DemoUser } from '../../../src/sandbox/common/demo-tenant.js';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graph/server.js';
import { GraphCalendarSource, type GraphAdapterOptions } from '../../../src/server/adapters/graph/index.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { trustSandboxCertificate } from '../../support/net.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const [AVA, BEN, CHLOE, DAN] = DEMO_USERS as [DemoUser, DemoUser, DemoUser, DemoUser, DemoUser];
export const ADDIN_ID = DEMO_TENANT.addinId;
export const CECP_ID = `String {00020329-0000-0000-C000-000000000046} Name cecp-${ADDIN_ID}`;


export function mailboxOf(user: DemoUser): Mailbox {
  return {
    mailboxId: user.id,
    tenantId: DEMO_TENANT.tenantId,
    provider: 'graph',
    email: user.mail,
    displayName: user.displayName,
    employeePartyId: user.c4cEmployeeId,
    enabled: true,
  };
}

export interface AdapterHarness {
  sandbox: GraphSandbox;
  url: string;
  logLines: string[];
  adapter(overrides?: Partial<GraphAdapterOptions>): GraphCalendarSource;
  graph(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Json }>;
  control(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  counters(): Promise<{ byRoute: Record<string, number>; total: number }>;
  close(): Promise<void>;
}

async function appToken(url: string): Promise<string> {
  const res = await fetch(`${url}/${DEMO_TENANT.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEMO_TENANT.serviceApp.clientId,
      client_secret: DEMO_TENANT.serviceApp.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  return ((await res.json()) as Json).access_token as string;
}

async function parse(res: Response): Promise<Json> {
  const text = await res.text();
  if (!text) return {};
  try {
    return JSON.parse(text) as Json;
  } catch {
    return { text };
  }
}

export async function startAdapterHarness(): Promise<AdapterHarness> {
  trustSandboxCertificate();
  const sandbox = await startGraphSandbox({ port: 0 });
  const url = sandbox.url;
  const port = new URL(url).port;
  const token = await appToken(url);
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  return {
    sandbox,
    url,
    logLines,
    adapter: (overrides = {}) =>
      new GraphCalendarSource({
        graphBaseUrl: `${url}/v1.0`,
        authority: `https://127.0.0.1:${port}`,
        tenantId: DEMO_TENANT.tenantId,
        clientId: DEMO_TENANT.serviceApp.clientId,
        clientSecret: DEMO_TENANT.serviceApp.clientSecret,
        addinId: ADDIN_ID,
        logger,
        ...overrides,
      }),
    async graph(method, path, body, headers = {}) {
      const h: Record<string, string> = { authorization: `Bearer ${token}`, prefer: 'outlook.timezone="UTC"', ...headers };
      if (body !== undefined) h['content-type'] = 'application/json';
      const res = await fetch(`${url}/v1.0${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: await parse(res) };
    },
    async control(method, path, body) {
      const res = await fetch(`${url}/_sandbox${path}`, {
        method,
        headers: body !== undefined ? { 'content-type': 'application/json' } : {},
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: await parse(res) };
    },
    async counters() {
      const res = await fetch(`${url}/_sandbox/counters`);
      return (await res.json()) as { byRoute: Record<string, number>; total: number };
    },
    close: () => sandbox.close(),
  };
}

const DAY = 86_400_000;
export const dayIso = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** A Graph event body starting `days` from today at 10:00 UTC, one hour long. */
export function eventBody(subject: string, days: number, extra: Json = {}): Json {
  return {
    subject,
    start: { dateTime: `${dayIso(days)}T10:00:00`, timeZone: 'UTC' },
    end: { dateTime: `${dayIso(days)}T11:00:00`, timeZone: 'UTC' },
    ...extra,
  };
}

/** The custom-properties JSON the add-in writes for these links. */
export function cecpValue(links: Json[]): string {
  return JSON.stringify({ crmLinks: JSON.stringify(links), crmLinksVersion: '1' });
}
