// JSON batching (POST /v1.0/$batch): at most 20 requests, ids unique, dependsOn honoured (a failed dependency
// gives 424), independent requests run four at a time like Graph's forwarding to Outlook. Each member goes
// through the full pipeline (auth, throttling, faults), so a throttled member is a 429 inside a 200 batch.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest, graphErrorBody } from '../errors.js';
import { parseBody } from './helpers.js';

export const MAX_BATCH_REQUESTS = 20;
const PARALLEL_MEMBERS = 4;
const MEMBER_TIMEOUT_MS = 60_000;

const memberSchema = z.object({
  id: z.string().min(1),
  method: z.string().transform((m) => m.toUpperCase()).pipe(z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
}).strict();
const batchSchema = z.object({ requests: z.array(memberSchema) }).strict();
type Member = z.infer<typeof memberSchema>;

interface MemberResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

function validate(requests: Member[]): void {
  if (requests.length === 0) throw badRequest('Invalid batch payload format: the batch contains no requests.');
  // Graph's own wording for a 21st request (reported in microsoftgraph/microsoftgraph-postman-collections#9).
  if (requests.length > MAX_BATCH_REQUESTS) throw badRequest('Number of requests inside batch exceeds the limit.');
  const ids = new Set<string>();
  for (const r of requests) {
    if (ids.has(r.id)) throw badRequest(`Invalid batch payload format: request id '${r.id}' is used more than once.`);
    ids.add(r.id);
  }
  for (const r of requests) {
    for (const dep of r.dependsOn ?? []) {
      if (!ids.has(dep) || dep === r.id) throw badRequest(`Invalid batch payload format: dependsOn '${dep}' of request '${r.id}' names no other request.`);
    }
  }
  // A dependency cycle could never run.
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map(requests.map((r) => [r.id, r]));
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw badRequest('Invalid batch payload format: dependsOn forms a cycle.');
    state.set(id, 'visiting');
    for (const dep of byId.get(id)?.dependsOn ?? []) visit(dep);
    state.set(id, 'done');
  };
  for (const r of requests) visit(r.id);
}

const KEPT_HEADERS: Record<string, string> = {
  'content-type': 'Content-Type', location: 'location', 'retry-after': 'Retry-After', etag: 'ETag', 'preference-applied': 'Preference-Applied',
};

function memberResult(id: string, status: number, headers: (name: string) => string | undefined, text: string): MemberResponse {
  const kept: Record<string, string> = {};
  for (const [name, label] of Object.entries(KEPT_HEADERS)) {
    const value = headers(name);
    if (value !== undefined) kept[label] = value;
  }
  let body: unknown;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { id, status, headers: kept, ...(body !== undefined ? { body } : {}) };
}

/**
 * Runs one member as a real HTTP request to this server (so injected faults hit it the way a failing backend
 * would: a dropped or hung connection becomes a 502/504 for that member only). The outer request's host and
 * scheme travel as X-Forwarded-*, so links inside member responses point where the client called.
 */
async function runMember(app: FastifyInstance, outer: FastifyRequest, member: Member): Promise<MemberResponse> {
  const headers: Record<string, string> = { ...(member.headers ?? {}), 'x-forwarded-host': outer.host, 'x-forwarded-proto': outer.protocol };
  if (outer.headers.authorization) headers.authorization = outer.headers.authorization;
  const hasBody = member.body !== undefined && member.body !== null;
  if (hasBody && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    return { id: member.id, status: 400, headers: { 'Content-Type': 'application/json' }, body: graphErrorBody('BadRequest', 'Content-Type header must be specified when a request body is present.') };
  }
  const path = `/v1.0/${member.url.replace(/^\/+/, '').replace(/^v1\.0\//, '')}`;
  // Graph ignores a body on GET and DELETE members (and fetch refuses to send one).
  const payload = hasBody && member.method !== 'GET' && member.method !== 'DELETE' ? JSON.stringify(member.body) : undefined;
  const address = app.server.address();
  if (!address || typeof address === 'string') {
    // Not listening (tests that only inject): run in-process.
    const res = await app.inject({ method: member.method, url: path, headers, payload });
    return memberResult(member.id, res.statusCode, (n) => (res.headers[n] === undefined ? undefined : String(res.headers[n])), res.body);
  }
  let request: Request;
  try {
    request = new Request(`http://127.0.0.1:${address.port}${path}`, {
      method: member.method, headers, body: payload, signal: AbortSignal.timeout(MEMBER_TIMEOUT_MS),
    });
  } catch {
    return { id: member.id, status: 400, headers: { 'Content-Type': 'application/json' }, body: graphErrorBody('BadRequest', 'Invalid request URL or headers.') };
  }
  try {
    const res = await fetch(request);
    return memberResult(member.id, res.status, (n) => res.headers.get(n) ?? undefined, await res.text());
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return timedOut
      ? { id: member.id, status: 504, headers: {}, body: graphErrorBody('GatewayTimeout', 'The request timed out.') }
      : { id: member.id, status: 502, headers: {}, body: graphErrorBody('BadGateway', 'The connection to the backend was dropped.') };
  }
}

export function registerBatchRoute(app: FastifyInstance): void {
  app.post('/v1.0/$batch', async (req) => {
    const { requests } = parseBody(batchSchema, req.body, 'microsoft.graph.batchRequest');
    validate(requests);
    const results = new Map<string, MemberResponse>();
    const pending = new Map(requests.map((r) => [r.id, r]));
    while (pending.size > 0) {
      const ready = [...pending.values()].filter((r) => (r.dependsOn ?? []).every((d) => results.has(d))).slice(0, PARALLEL_MEMBERS);
      await Promise.all(ready.map(async (member) => {
        pending.delete(member.id);
        const failed = (member.dependsOn ?? []).find((d) => (results.get(d)?.status ?? 500) >= 400);
        results.set(member.id, failed !== undefined
          ? { id: member.id, status: 424, headers: { 'Content-Type': 'application/json' }, body: graphErrorBody('FailedDependency', `The request depends on request '${failed}', which failed.`) }
          : await runMember(app, req, member));
      }));
    }
    return { responses: requests.map((r) => results.get(r.id)) };
  });
}
