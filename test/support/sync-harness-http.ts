// Direct HTTP clients for the two sandboxes, so tests can act as "the user in Outlook" and "the user in C4C":
// create/patch/delete Graph events (with categories and the add-in's `cecp-` links property) and read, patch,
// cancel, delete and create C4C activities. They use their own credentials and never go through the adapters.
import { DEMO_TENANT } from '../../src/sandbox/common/demo-tenant.js';
import type { CrmLink } from '../../src/shared/crm-links.js';
import { customPropertiesExtendedPropertyId, linksToCustomProperties } from '../../src/shared/crm-links.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface HttpAnswer {
  status: number;
  body: Json;
  headers: Headers;
}

export const CECP_ID = customPropertiesExtendedPropertyId(DEMO_TENANT.addinId);
export const C4C_SERVICE_PATH = '/sap/c4c/odata/v1/c4codataapi';
const WRITE_METHODS = ['POST', 'PATCH', 'PUT', 'MERGE', 'DELETE'];

async function answer(res: Response): Promise<HttpAnswer> {
  const text = await res.text();
  let body: Json = {};
  if (text) {
    try {
      body = JSON.parse(text) as Json;
    } catch {
      body = { text };
    }
  }
  return { status: res.status, body, headers: res.headers };
}

/** The `singleValueExtendedProperties` entry the add-in's custom properties become in Exchange. */
export function linksProperty(links: readonly CrmLink[]): { id: string; value: string }[] {
  return [{ id: CECP_ID, value: JSON.stringify(linksToCustomProperties(links)) }];
}

export class GraphClient {
  private token: string | null = null;
  constructor(readonly url: string) {}

  private async appToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await fetch(`${this.url}/${DEMO_TENANT.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEMO_TENANT.serviceApp.clientId,
        client_secret: DEMO_TENANT.serviceApp.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    const token = ((await res.json().catch(() => ({}))) as Json).access_token;
    // A failed token request (an injected fault in the soak) must not become `Bearer undefined` and a 401.
    if (!res.ok || typeof token !== 'string') throw new Error(`Graph token request failed with ${res.status}`);
    this.token = token;
    return this.token;
  }

  async request(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.appToken()}`, prefer: 'outlook.timezone="UTC"' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // Like a real Graph client: a 429 (this user's requests share the mailbox's 4-request limit with the service)
    // was refused, not processed, so it is safe to send again after Retry-After.
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${this.url}/v1.0${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (res.status !== 429 || attempt >= 8) return answer(res);
      const retryAfter = Number(res.headers.get('retry-after'));
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 5) * 1000 : 200 * attempt));
    }
  }

  private async ok(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await this.request(method, path, body);
    if (res.status >= 300) throw new Error(`Graph ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  createEvent(userId: string, event: Json): Promise<Json> {
    return this.ok('POST', `/users/${userId}/events`, event);
  }

  patchEvent(userId: string, eventId: string, patch: Json): Promise<Json> {
    return this.ok('PATCH', `/users/${userId}/events/${eventId}`, patch);
  }

  async deleteEvent(userId: string, eventId: string): Promise<void> {
    await this.ok('DELETE', `/users/${userId}/events/${eventId}`);
  }

  /** The event with its links property expanded, or null when it is gone. */
  async getEvent(userId: string, eventId: string): Promise<Json | null> {
    const expand = `$expand=singleValueExtendedProperties($filter=id eq '${CECP_ID}')`;
    const res = await this.request('GET', `/users/${userId}/events/${eventId}?${expand}`);
    if (res.status === 404) return null;
    if (res.status >= 300) throw new Error(`Graph GET event: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Items of a user's calendar with this exact subject (series masters and single items; not occurrences). */
  async eventsBySubject(userId: string, subject: string): Promise<Json[]> {
    const filter = encodeURIComponent(`subject eq '${subject.replace(/'/g, "''")}'`);
    return ((await this.ok('GET', `/users/${userId}/events?$filter=${filter}&$top=100`)).value ?? []) as Json[];
  }

  async instances(userId: string, seriesId: string, startIso: string, endIso: string): Promise<Json[]> {
    const range = `startDateTime=${encodeURIComponent(startIso)}&endDateTime=${encodeURIComponent(endIso)}`;
    return ((await this.ok('GET', `/users/${userId}/events/${seriesId}/instances?${range}`)).value ?? []) as Json[];
  }

  async respond(userId: string, eventId: string, response: 'accept' | 'decline' | 'tentativelyAccept'): Promise<void> {
    await this.ok('POST', `/users/${userId}/events/${eventId}/${response}`, { sendResponse: true, comment: '' });
  }
}

export type C4cEntitySet = 'AppointmentCollection' | 'VisitCollection' | 'TasksCollection';

const EXPANDED: Record<C4cEntitySet, string> = {
  AppointmentCollection: 'AppointmentInvolvedParties,AppointmentBTDReference,AppointmentTextCollection',
  VisitCollection: 'VisitParty,VisitBTDReference,VisitTextCollection',
  TasksCollection: 'TasksBTDReference,TasksTextCollection',
};

export class C4cClient {
  private csrf: { token: string; cookie: string } | null = null;
  private readonly auth: string;
  constructor(readonly url: string) {
    const { user, password } = DEMO_TENANT.c4cTechnicalUser;
    this.auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  private async csrfSession(): Promise<{ token: string; cookie: string }> {
    if (this.csrf) return this.csrf;
    const res = await fetch(`${this.url}${C4C_SERVICE_PATH}/?$format=json`, { headers: { authorization: this.auth, 'x-csrf-token': 'Fetch' } });
    await res.text();
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    this.csrf = { token: res.headers.get('x-csrf-token') ?? '', cookie };
    return this.csrf;
  }

  /** `path` relative to the service root, e.g. `AppointmentCollection('…')`. */
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const h: Record<string, string> = { authorization: this.auth, accept: 'application/json', ...headers };
    if (WRITE_METHODS.includes(method)) {
      const csrf = await this.csrfSession();
      h['x-csrf-token'] = csrf.token;
      h.cookie = csrf.cookie;
    }
    if (body !== undefined) h['content-type'] = 'application/json';
    return answer(await fetch(`${this.url}${C4C_SERVICE_PATH}/${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) }));
  }

  private async ok(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer> {
    const res = await this.request(method, path, body, headers);
    if (res.status >= 300) throw new Error(`C4C ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  async query(set: string, filter: string, expand = ''): Promise<Json[]> {
    const params = [`$filter=${encodeURIComponent(filter)}`, '$top=500', ...(expand ? [`$expand=${expand}`] : [])];
    return ((await this.ok('GET', `${set}?${params.join('&')}`)).body.d?.results ?? []) as Json[];
  }

  /** One activity (or task) with its parties, BTD references and texts expanded, or null when it does not exist. */
  async activity(set: C4cEntitySet, objectId: string): Promise<Json | null> {
    const res = await this.request('GET', `${set}('${objectId}')?$expand=${EXPANDED[set]}`);
    if (res.status === 404) return null;
    if (res.status >= 300) throw new Error(`C4C GET ${set}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.d as Json;
  }

  async byGroupwareItemId(set: C4cEntitySet, groupwareItemId: string): Promise<Json[]> {
    return this.query(set, `GroupwareItemID eq '${groupwareItemId.replace(/'/g, "''")}'`);
  }

  async bySubject(set: C4cEntitySet, subject: string): Promise<Json[]> {
    return this.query(set, `Subject eq '${subject.replace(/'/g, "''")}'`);
  }

  async create(set: C4cEntitySet, body: Json): Promise<Json> {
    return (await this.ok('POST', set, body)).body.d as Json;
  }

  /** A PATCH as a C4C user would make it (no If-Match: last writer wins in the UI). */
  async patch(set: C4cEntitySet, objectId: string, body: Json): Promise<void> {
    await this.ok('PATCH', `${set}('${objectId}')`, body);
  }

  async cancel(set: C4cEntitySet, objectId: string): Promise<void> {
    await this.patch(set, objectId, set === 'AppointmentCollection' ? { LifeCycleStatusCode: '4' } : { Status: '4' });
  }

  async remove(set: C4cEntitySet, objectId: string): Promise<void> {
    await this.ok('DELETE', `${set}('${objectId}')`);
  }

  /** The readable id of the first object of a set (accounts, contacts, opportunities to link to). */
  async firstId(set: string, idField: string): Promise<string> {
    const res = await this.ok('GET', `${set}?$top=1&$select=${idField}`);
    return String((res.body.d?.results?.[0] as Json)[idField]);
  }
}

/** Sandbox control plane (`/_sandbox/...`), same shape for both. */
export async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  return answer(
    await fetch(`${baseUrl}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

export interface Counters {
  total: number;
  byRoute: Record<string, number>;
  /** C4C: what its $batch requests carried, by `METHOD EntitySet` (the control plane's batchParts). */
  batchParts?: Record<string, number>;
}

/** Requests that change something: write methods, except token requests and C4C's read-only function imports. */
export function writeRequests(counters: Counters): Record<string, number> {
  const writes: Record<string, number> = {};
  for (const [route, n] of Object.entries(counters.byRoute)) {
    const method = route.split(' ')[0] ?? '';
    if (!WRITE_METHODS.includes(method)) continue;
    // Both sandboxes' $batch envelopes are left out: Graph counts each member as a request of its own, and C4C's
    // carry reads too (a tenant poll's change queries), so its members that write are counted below instead.
    if (/oauth2|Check(Appointment|Visit)ByGroupwareID|^POST \/v1\.0\/\$batch$|^POST \/sap\/c4c\/odata\/v1\/c4codataapi\/\*$/.test(route)) continue;
    writes[route] = n;
  }
  for (const [part, n] of Object.entries(counters.batchParts ?? {})) {
    if (WRITE_METHODS.includes(part.split(' ')[0] ?? '')) writes[`$batch ${part}`] = n;
  }
  return writes;
}
