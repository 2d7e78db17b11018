// Small helpers the Graph routes share: absolute URLs, Prefer headers, body validation into Graph errors, and
// registering one handler under both /users/{id} and /me.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { z } from 'zod';
import { GraphError, badRequest } from '../errors.js';
import { matchesFilter } from '../odata/filter.js';
import type { ODataQuery } from '../odata/query.js';

export const MAILBOX_PREFIXES = ['/v1.0/users/:userId', '/v1.0/me'] as const;
export const CALENDAR_SEGMENTS = ['', '/calendar', '/calendars/:calendarId'] as const;

export type Params = Record<string, string | undefined>;
export type Query = Record<string, unknown>;

export function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

export interface Preferences {
  timeZone: string;
  maxPageSize?: number;
  /** Prefer: outlook.body-content-type="text" asks for bodies as plain text. */
  bodyAsText: boolean;
}

export function preferences(req: FastifyRequest, reply: FastifyReply): Preferences {
  const header = ([] as string[]).concat(req.headers.prefer ?? []).join(',');
  const applied: string[] = [];
  const tz = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(header)?.[1];
  const size = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(header)?.[1];
  const bodyType = /outlook\.body-content-type\s*=\s*"?(text|html)"?/i.exec(header)?.[1]?.toLowerCase();
  if (tz) applied.push(`outlook.timezone="${tz}"`);
  if (bodyType) applied.push(`outlook.body-content-type="${bodyType}"`);
  if (size) applied.push(`odata.maxpagesize=${size}`);
  if (applied.length) reply.header('preference-applied', applied.join(','));
  return { timeZone: tz ?? 'UTC', maxPageSize: size ? Math.max(1, Math.min(1000, Number(size))) : undefined, bodyAsText: bodyType === 'text' };
}

/** Validates a JSON body with zod, turning problems into Graph's RequestBodyRead errors. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, typeName: string): z.infer<T> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('Empty Payload. JSON content expected.', 'BadRequest');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    throw badRequest(`The property '${key}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`, 'RequestBodyRead');
  }
  const path = issue?.path.join('.') ?? '';
  throw badRequest(`Invalid value for property '${path}': ${issue?.message ?? 'invalid'}.`, 'RequestBodyRead');
}

/** Registers `handler` for method and every mailbox prefix × suffix combination. */
export function routeForMailboxes(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  suffixes: readonly string[],
  handler: RouteHandlerMethod,
): void {
  for (const prefix of MAILBOX_PREFIXES) {
    for (const suffix of suffixes) app.route({ method, url: `${prefix}${suffix}`, handler });
  }
}

export function checkIfMatch(req: FastifyRequest, currentEtag: string): void {
  const header = req.headers['if-match'];
  if (!header || header === '*') return;
  const wanted = header.split(',').map((t) => t.trim());
  if (!wanted.includes(currentEtag)) {
    throw new GraphError(412, 'ErrorIrresolvableConflict', 'The change key passed in the request does not match the current change key for the item.');
  }
}

/** Pages a list with $skip-based next links (Graph's /events and /calendarView paging). */
export function pageWithSkip<T>(req: FastifyRequest, items: T[], skip: number, pageSize: number): { page: T[]; nextLink?: string } {
  const page = items.slice(skip, skip + pageSize);
  if (skip + pageSize >= items.length) return { page };
  const url = new URL(req.url, baseUrl(req));
  url.searchParams.set('$skip', String(skip + pageSize));
  if (!url.searchParams.has('$top')) url.searchParams.set('$top', String(pageSize));
  // Graph writes $-options and commas literally in its links.
  return { page, nextLink: url.toString().replace(/%24/g, '$').replace(/%2C/gi, ',') };
}

/** $filter over the rendered JSON, then $orderby, then one $skip-paged page (To Do and contacts collections). */
export function filterOrderPage(req: FastifyRequest, reply: FastifyReply, items: Record<string, unknown>[], query: ODataQuery, defaultPage: number) {
  let rows = items;
  if (query.filter) rows = rows.filter((item) => matchesFilter(query.filter!, item));
  for (const clause of [...(query.orderBy ?? [])].reverse()) {
    const key = (item: Record<string, unknown>) => clause.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), item);
    rows = [...rows].sort((a, b) => String(key(a) ?? '').localeCompare(String(key(b) ?? '')) * (clause.descending ? -1 : 1));
  }
  return pageWithSkip(req, rows, query.skip ?? 0, query.top ?? preferences(req, reply).maxPageSize ?? defaultPage);
}

/** /calendars/{id}/… must name the mailbox's calendar (the sandbox keeps one per mailbox). */
export function checkCalendar(req: FastifyRequest, mailbox: { calendarId: string }): void {
  const id = (req.params as Params).calendarId;
  if (id !== undefined && id !== mailbox.calendarId) {
    throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  }
}
