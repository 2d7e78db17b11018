// The OData service, independent of the HTTP framework so that plain requests and $batch parts run the same
// code: service document, $metadata, entity sets, single entities, navigation, $count, writes, function imports.
import { codeRowId, tenantCodeList } from './code-lists.js';
import { isVisible } from './access.js';
import { badRequest, notFound, ODataError, sapErrorBody } from './errors.js';
import { callFunctionImport, type CallerIdentity } from './function-imports.js';
import { followNav } from './navigation.js';
import { parseQueryOptions, type QueryOptions } from './query-options.js';
import { runQuery } from './query-exec.js';
import { parseResourcePath, type ResourcePath } from './resource-path.js';
import type { EntitySetDef } from './schema.js';
import { collectionBody, entityJson, entityUri, etagOf, type SerializeContext } from './serialize.js';
import type { Row } from './store.js';
import { createEntity, deleteEntity, updateEntity, type UpdateMode } from './write.js';

export interface ODataRequest {
  method: string;
  /** Path below the service root, without a leading '/'. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface ODataResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON value, or a string sent as is (with its content-type header). */
  body?: unknown;
}

export interface HandlerContext extends SerializeContext {
  caller: CallerIdentity;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const json = (status: number, body: unknown, headers: Record<string, string> = {}): ODataResponse => ({ status, headers: { ...JSON_TYPE, ...headers }, body });

export function errorResponse(err: unknown): ODataResponse {
  if (err instanceof ODataError) return json(err.status, sapErrorBody(err.code, err.message));
  return json(500, sapErrorBody('INTERNAL_ERROR', 'Internal error in the C4C sandbox'));
}

function codeListRows(ctx: HandlerContext, set: EntitySetDef): Row[] {
  return tenantCodeList(ctx.store, set.name).map((v) => ({ id: codeRowId(v), values: { ...v }, etagIso: '' }));
}

function findRow(ctx: HandlerContext, set: EntitySetDef, key: ResourcePath['key']): Row {
  if (set.codeList) {
    const wanted = typeof key === 'string' ? { Code: key } : (key ?? {});
    const row = codeListRows(ctx, set).find((r) => Object.entries(wanted).every(([k, v]) => r.values[k] === v));
    if (!row) throw notFound(`Resource not found for segment '${set.name}'`);
    return row;
  }
  const keyName = set.type.keys[0] ?? 'ObjectID';
  const id = typeof key === 'string' ? key : key?.[keyName];
  if (typeof key === 'object' && (Object.keys(key).length !== 1 || id === undefined)) throw badRequest(`Invalid key for ${set.name}; the key is ${keyName}`, 'INVALID_KEY');
  const row = id === undefined ? undefined : ctx.store.get(set.name, id);
  // A row the caller may not read is not there for them (C4C answers a restricted object as not found).
  if (!row || !isVisible(ctx.caller.restriction, set.name, row)) throw notFound(`Resource not found for segment '${set.name}('${id}')'`);
  return row;
}

function nextLink(ctx: HandlerContext, req: ODataRequest, opts: QueryOptions, skiptoken: number): string {
  const params = [...opts.raw.entries()].filter(([k]) => k !== '$skiptoken');
  params.push(['$skiptoken', String(skiptoken)]);
  const query = params.map(([k, v]) => `${encodeURIComponent(k).replaceAll('%24', '$')}=${encodeURIComponent(v)}`).join('&');
  return `${ctx.serviceRoot}${req.path}?${query}`;
}

function readCollection(ctx: HandlerContext, req: ODataRequest, set: EntitySetDef, rows: (() => Iterable<Row>) | undefined, count: boolean): ODataResponse {
  const opts = parseQueryOptions(ctx.schema, set.type, req.query);
  const all = rows ?? (set.codeList ? () => codeListRows(ctx, set) : undefined);
  const visible = (row: Row) => isVisible(ctx.caller.restriction, set.name, row);
  if (count) {
    const counted = runQuery(ctx.store, set.name, { ...opts, inlinecount: true, top: 0, skip: 0 }, all, visible).count ?? 0;
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(counted) };
  }
  const result = runQuery(ctx.store, set.name, opts, all, visible);
  const items = result.rows.map((r) => entityJson(ctx, set, r, opts.expand, opts.select));
  const next = result.nextSkiptoken === undefined ? undefined : nextLink(ctx, req, opts, result.nextSkiptoken);
  return json(200, collectionBody(items, result.count, next));
}

function readEntity(ctx: HandlerContext, req: ODataRequest, set: EntitySetDef, row: Row): ODataResponse {
  const opts = parseQueryOptions(ctx.schema, set.type, req.query);
  const etag = etagOf(set, row);
  return json(200, { d: entityJson(ctx, set, row, opts.expand, opts.select) }, etag ? { etag } : {});
}

function created(ctx: HandlerContext, set: EntitySetDef, row: Row): ODataResponse {
  const etag = etagOf(set, row);
  return json(201, { d: entityJson(ctx, set, row) }, { location: entityUri(ctx, set, row), ...(etag ? { etag } : {}) });
}

export function handleODataRequest(ctx: HandlerContext, req: ODataRequest): ODataResponse {
  try {
    return route(ctx, req);
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * C4C answers reads in Atom/XML unless the client asks for JSON ($format=json or Accept: application/json). The
 * sandbox speaks JSON only, so it refuses such reads instead of silently answering in a format C4C would not use.
 */
function requireJson(req: ODataRequest): void {
  if (req.query.get('$format') === 'json' || (req.headers['accept'] ?? '').toLowerCase().includes('json')) return;
  throw new ODataError(406, 'NOT_ACCEPTABLE', 'Request JSON with $format=json or Accept: application/json; C4C would answer this read in Atom/XML, which the sandbox does not emulate');
}

function route(ctx: HandlerContext, req: ODataRequest): ODataResponse {
  const method = req.method.toUpperCase();
  if ((method === 'GET' || method === 'HEAD') && req.path !== '$metadata' && !req.path.endsWith('$count') && req.headers['x-csrf-token']?.toLowerCase() !== 'fetch') requireJson(req);
  if (req.path === '' || req.path === '/') {
    if (method !== 'GET') throw new ODataError(405, 'METHOD_NOT_ALLOWED', 'Only GET is allowed on the service document');
    return json(200, { d: { EntitySets: [...ctx.schema.entitySets.keys()] } });
  }
  if (req.path === '$metadata') {
    if (method !== 'GET') throw new ODataError(405, 'METHOD_NOT_ALLOWED', 'Only GET is allowed on $metadata');
    return { status: 200, headers: { 'content-type': 'application/xml' }, body: ctx.schema.metadataXml };
  }
  const path = parseResourcePath(req.path);
  const fn = ctx.schema.functionImports.get(path.name);
  if (fn) {
    if (path.key !== undefined || path.nav || path.count) throw badRequest(`Invalid path for function import ${fn.name}`, 'INVALID_PATH');
    if (method !== fn.httpMethod) throw new ODataError(405, 'METHOD_NOT_ALLOWED', `Function import ${fn.name} requires HTTP ${fn.httpMethod}`);
    return json(200, callFunctionImport(ctx, fn, req.query));
  }
  const set = ctx.schema.entitySets.get(path.name);
  if (!set) throw notFound(`Resource not found for segment '${path.name}'`);

  if (path.key === undefined) {
    if (method === 'GET') return readCollection(ctx, req, set, undefined, path.count);
    if (method === 'POST' && !path.count) return ctx.store.transaction(() => created(ctx, set, createEntity(ctx.store, ctx.schema, set, req.body)));
    throw new ODataError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${set.name}`);
  }
  const row = findRow(ctx, set, path.key);
  if (path.nav) {
    const nav = set.type.navs.get(path.nav);
    const target = nav ? ctx.schema.entitySets.get(nav.targetSet) : undefined;
    if (!nav || !target) throw badRequest(`Navigation property ${path.nav} not found in type ${set.type.name}`, 'INVALID_PATH');
    if (method === 'GET') {
      if (nav.many || path.count) return readCollection(ctx, req, target, () => followNav(ctx.store, set, row, nav), path.count);
      const one = followNav(ctx.store, set, row, nav)[0];
      return one ? readEntity(ctx, req, target, one) : json(200, { d: null });
    }
    if (method === 'POST' && nav.kind === 'children' && !path.count) {
      return ctx.store.transaction(() => created(ctx, target, createEntity(ctx.store, ctx.schema, target, req.body, row)));
    }
    throw new ODataError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${set.name}/${path.nav}`);
  }
  if (path.count) throw badRequest('$count is only allowed on collections', 'INVALID_PATH');
  switch (method) {
    case 'GET':
      return readEntity(ctx, req, set, row);
    case 'PATCH':
    case 'MERGE':
    case 'PUT': {
      const updated = ctx.store.transaction(() => updateEntity(ctx.store, set, row.id, req.body, method as UpdateMode, req.headers['if-match']));
      const etag = etagOf(set, updated);
      return { status: 204, headers: etag ? { etag } : {} };
    }
    case 'DELETE':
      ctx.store.transaction(() => deleteEntity(ctx.store, set, row.id, req.headers['if-match']));
      return { status: 204, headers: {} };
    default:
      throw new ODataError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${set.name}`);
  }
}
