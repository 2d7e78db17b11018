// Every route of a fastify app (from its printed route tree: fastify keeps no list of them otherwise), and the
// property the sandboxes' bodyless-request handling is held to: a request that carries no body gets the same
// answer whatever content-type it is labelled with, as Graph and C4C give.
import { request } from 'node:http';
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  url: string;
  methods: string[];
}

/** The routes as registered (`/v1.0/users/:userId/events`), with their methods. */
export function routesOf(app: FastifyInstance): RouteEntry[] {
  const labels: string[] = [];
  const routes: RouteEntry[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    labels.length = (match[1] ?? '').length / 4;
    labels.push(match[2] ?? '');
    if (match[3]) routes.push({ url: labels.join(''), methods: match[3].split(', ') });
  }
  return routes;
}

/** Methods whose requests fastify would parse a body of. */
export const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'MERGE'];

/** Labels clients put on requests without a body. */
export const LABELS = ['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream'];

/**
 * For each request, its answer (status and error code) without a content-type and with each label, all with
 * `content-length: 0` as Node's and the SDKs' clients send; the lines where a label changed the answer.
 */
export async function labelledBodylessDifferences(
  app: FastifyInstance,
  requests: readonly { method: string; url: string }[],
  headers: Record<string, string>,
): Promise<string[]> {
  const answer = async (method: string, url: string, label?: string) => {
    const res = await app.inject({ method: method as 'POST', url, headers: { ...headers, 'content-length': '0', ...(label ? { 'content-type': label } : {}) } });
    let code = '';
    try {
      const body = res.json() as { error?: { code?: unknown } };
      code = String(body.error?.code ?? '');
    } catch {
      code = '';
    }
    return `${res.statusCode} ${code}`;
  };
  const differences: string[] = [];
  for (const { method, url } of requests) {
    const bare = await answer(method, url);
    for (const label of LABELS) {
      const labelled = await answer(method, url, label);
      if (labelled !== bare) differences.push(`${method} ${url} [${label}]: ${labelled} instead of ${bare}`);
    }
  }
  return differences;
}

/** One request over real HTTP with exactly these headers and no body (fetch would choose its own). */
export function bodylessRequest(url: string, method: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
