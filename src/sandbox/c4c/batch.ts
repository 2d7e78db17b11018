// OData v2 $batch: GET parts run on their own; each changeset runs atomically (one failing request rolls back
// the whole changeset, which then answers with that single error); `$<Content-ID>` at the start of a later
// request's URL names the entity an earlier request of the same changeset created.
import { badRequest, ODataError } from './errors.js';
import { errorResponse, handleODataRequest, type HandlerContext, type ODataResponse } from './odata-handler.js';
import { boundaryOf, buildMultipart, httpResponseText, parseHttpMessage, parseMultipart, type MimePart } from './multipart.js';

export const SERVICE_PATH = '/sap/c4c/odata/v1/c4codataapi/';

class ChangesetFailed extends Error {
  constructor(readonly response: ODataResponse) {
    super('changeset failed');
  }
}

function responseText(res: ODataResponse): string {
  const body = res.body === undefined ? '' : typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  return httpResponseText(res.status, res.headers, body);
}

function httpPart(res: ODataResponse, contentId?: string): MimePart {
  const headers: Record<string, string> = { 'content-type': 'application/http', 'content-transfer-encoding': 'binary' };
  if (contentId !== undefined) headers['content-id'] = contentId;
  return { headers, body: responseText(res) };
}

function relativePath(target: string, ids: Map<string, string>, serviceRoot: string): { path: string; query: URLSearchParams } {
  let url = target;
  if (url.startsWith(serviceRoot)) url = url.slice(serviceRoot.length);
  url = url.replace(/^https?:\/\/[^/]+/, '');
  if (url.startsWith(SERVICE_PATH)) url = url.slice(SERVICE_PATH.length);
  url = url.replace(/^\/+/, '');
  const ref = /^\$([^/?]+)/.exec(url);
  if (ref) {
    const resolved = ids.get(ref[1] ?? '');
    if (resolved === undefined) throw badRequest(`Content-ID reference $${ref[1]} is unknown`, 'INVALID_BATCH');
    url = resolved + url.slice(ref[0].length);
  }
  const q = url.indexOf('?');
  const path = decodeURIComponent(q < 0 ? url : url.slice(0, q));
  return { path, query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)) };
}

/** Told of every request a $batch carries (the control plane's batchParts counters). */
export type BatchPartObserver = (method: string, path: string) => void;

function runPart(ctx: HandlerContext, part: MimePart, ids: Map<string, string>, inChangeset: boolean, observe: BatchPartObserver): { res: ODataResponse; contentId?: string } {
  const msg = parseHttpMessage(part.body);
  const contentId = part.headers['content-id'] ?? msg.headers['content-id'];
  try {
    // Lenient like SAP Gateway: the target may contain unencoded spaces, so take what lies between method and version.
    const m = /^(\S+)\s+(.*?)(?:\s+HTTP\/\d\.\d)?$/.exec(msg.startLine);
    const method = m?.[1] ?? '';
    const target = (m?.[2] ?? '').replaceAll(' ', '%20');
    if (!inChangeset && method.toUpperCase() !== 'GET') throw badRequest('Only GET requests may stand outside a changeset', 'INVALID_BATCH');
    if (inChangeset && method.toUpperCase() === 'GET') throw badRequest('GET requests are not allowed inside a changeset', 'INVALID_BATCH');
    const { path, query } = relativePath(target, ids, ctx.serviceRoot);
    observe(method, path);
    let body: unknown;
    if (msg.body.trim() !== '') {
      try {
        body = JSON.parse(msg.body);
      } catch {
        throw badRequest('Malformed JSON in a $batch part', 'MALFORMED_BODY');
      }
    }
    const res = handleODataRequest(ctx, { method, path, query, headers: msg.headers, body });
    if (contentId !== undefined && res.headers['location']) ids.set(contentId, res.headers['location'].slice(ctx.serviceRoot.length));
    return { res, contentId };
  } catch (err) {
    return { res: errorResponse(err), contentId };
  }
}

export function handleBatch(ctx: HandlerContext, contentType: string | undefined, body: unknown, observe: BatchPartObserver = () => undefined): ODataResponse {
  try {
    if (typeof body !== 'string') throw badRequest('The $batch body is missing', 'INVALID_BATCH');
    const parts = parseMultipart(body, boundaryOf(contentType));
    const out: MimePart[] = [];
    for (const part of parts) {
      const partType = part.headers['content-type'] ?? '';
      if (!partType.toLowerCase().startsWith('multipart/mixed')) {
        out.push(httpPart(runPart(ctx, part, new Map(), false, observe).res));
        continue;
      }
      const requests = parseMultipart(part.body, boundaryOf(partType));
      const ids = new Map<string, string>();
      try {
        const results = ctx.store.transaction(() =>
          requests.map((request) => {
            const result = runPart(ctx, request, ids, true, observe);
            if (result.res.status >= 400) throw new ChangesetFailed(result.res);
            return result;
          }),
        );
        const boundary = `changesetresponse_${Math.random().toString(16).slice(2, 14)}`;
        const body = buildMultipart(boundary, results.map((r) => httpPart(r.res, r.contentId)));
        out.push({ headers: { 'content-type': `multipart/mixed; boundary=${boundary}` }, body });
      } catch (err) {
        if (!(err instanceof ChangesetFailed)) throw err;
        out.push(httpPart(err.response));
      }
    }
    const boundary = `batchresponse_${Math.random().toString(16).slice(2, 14)}`;
    return { status: 202, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` }, body: buildMultipart(boundary, out) };
  } catch (err) {
    return errorResponse(err instanceof ODataError ? err : badRequest('Malformed $batch request', 'INVALID_BATCH'));
  }
}
