// JSON batching (API-NOTES B.5): up to 20 requests per POST /$batch. Members are independent (no dependsOn), so
// one failure never blocks the others. Members Graph throttled or failed transiently are sent again in a later
// batch after the longest Retry-After among them; the rest come back as they are, in request order. A lone request
// goes out as itself: a batch of one costs Graph a dispatch more and saves nothing (insta-sync writes one item).
import type { GraphHttp, GraphRequest, GraphResponse } from './graph-http.js';
import { isRetryableStatus, parseRetryAfter, retryDelayMs, sleep } from './retry-policy.js';

export const MAX_BATCH_SIZE = 20;

interface BatchMemberResponse {
  id?: unknown;
  status?: unknown;
  headers?: unknown;
  body?: unknown;
}

/** Member URL relative to the versioned base, as $batch wants it. */
function memberUrl(http: GraphHttp, url: string): string {
  const base = http.options.graphBaseUrl;
  return url.startsWith(base) ? url.slice(base.length) || '/' : url;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  }
  return out;
}

/** One POST /$batch; a failure of the batch request itself becomes that status for every member. */
async function sendOneBatch(http: GraphHttp, scope: string, requests: readonly GraphRequest[]): Promise<GraphResponse[]> {
  const body = {
    requests: requests.map((r, i) => {
      const headers: Record<string, string> = { ...r.headers };
      if (r.body !== undefined) headers['content-type'] = 'application/json';
      return {
        id: String(i),
        method: r.method,
        url: memberUrl(http, r.url),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        ...(r.body !== undefined ? { body: r.body } : {}),
      };
    }),
  };
  const response = await http.send(scope, { method: 'POST', url: '/$batch', body }, requests.length);
  if (response.status < 200 || response.status >= 300) return requests.map(() => response);
  const members = (response.body as { responses?: BatchMemberResponse[] } | undefined)?.responses ?? [];
  const byId = new Map<string, GraphResponse>();
  for (const member of members) {
    byId.set(String(member.id), {
      status: typeof member.status === 'number' ? member.status : 500,
      headers: lowerCaseHeaders(member.headers),
      body: member.body,
    });
  }
  return requests.map((_, i) => byId.get(String(i)) ?? { status: 500, headers: {}, body: { error: { code: 'missingBatchResponse', message: `no response for batch member ${i}` } } });
}

/**
 * Runs all requests for one mailbox through $batch (chunks of ≤ 20, as many in parallel as the mailbox's
 * concurrency budget allows) and returns one response per request, in order.
 */
export async function runBatched(http: GraphHttp, scope: string, requests: readonly GraphRequest[]): Promise<GraphResponse[]> {
  if (requests.length === 1) return [await http.send(scope, requests[0]!)];
  const results: (GraphResponse | undefined)[] = requests.map(() => undefined);
  let pending = requests.map((_, i) => i);
  const { maxAttempts, maxRetryAfterSeconds } = http.options.retry;
  for (let round = 1; pending.length > 0; round++) {
    const chunks: number[][] = [];
    for (let i = 0; i < pending.length; i += MAX_BATCH_SIZE) chunks.push(pending.slice(i, i + MAX_BATCH_SIZE));
    const answered = await Promise.all(chunks.map((chunk) => sendOneBatch(http, scope, chunk.map((i) => requests[i]!))));
    const retry: number[] = [];
    let waitSeconds: number | undefined;
    chunks.forEach((chunk, c) => {
      chunk.forEach((index, k) => {
        const response = answered[c]![k]!;
        results[index] = response;
        if (!isRetryableStatus(response.status) || round >= maxAttempts) return;
        const retryAfter = parseRetryAfter(response.headers['retry-after'], Date.now());
        if (retryAfter !== undefined && retryAfter > maxRetryAfterSeconds) return;
        retry.push(index);
        if (retryAfter !== undefined) waitSeconds = Math.max(waitSeconds ?? 0, retryAfter);
      });
    });
    if (retry.length === 0) break;
    const wait = retryDelayMs(round, waitSeconds, http.options.retry);
    http.options.logger.warn({ scope, members: retry.length, round, waitMs: wait }, 'graph batch members throttled or failed transiently, retrying');
    await sleep(wait);
    pending = retry;
  }
  return results.map((r) => r!);
}
