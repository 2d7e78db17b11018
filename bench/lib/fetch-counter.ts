// Counts the HTTP round trips this process sends to each sandbox, by wrapping the global fetch the adapters use.
// The sandboxes' own requests are left out: Graph $batch members, which the Graph sandbox replays against itself
// (they carry x-forwarded-host), and C4C change notifications. So `roundTrips` is what crosses the wire from the
// service, and `operations` the API requests inside them.
export interface RoundTrips {
  byOrigin: Record<string, number>;
  total: number;
  /** API operations: a request counts 1, a $batch counts its members (Graph JSON) or parts (C4C multipart). */
  operations: number;
}

export interface FetchCounter {
  snapshot(): RoundTrips;
  reset(): void;
  restore(): void;
}

function hasForwardedHost(init: RequestInit | undefined, input: RequestInfo | URL): boolean {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  return headers.has('x-forwarded-host');
}

/** Members of a Graph JSON $batch or requests inside a C4C multipart $batch body; 1 for anything else. */
export function operationsIn(url: string, body: unknown): number {
  if (!/\$batch(\?|$)/.test(url) || typeof body !== 'string') return 1;
  if (body.trimStart().startsWith('{')) {
    const parsed = JSON.parse(body) as { requests?: unknown[] };
    return parsed.requests?.length ?? 1;
  }
  return (body.match(/^(GET|POST|PATCH|PUT|MERGE|DELETE) \S+ HTTP\/1\.1/gm) ?? []).length;
}

export function countFetches(origins: readonly string[]): FetchCounter {
  const original = globalThis.fetch;
  let counts: Record<string, number> = {};
  let operations = 0;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const origin = origins.find((o) => url.startsWith(o));
    if (origin && !hasForwardedHost(init, input)) {
      counts[origin] = (counts[origin] ?? 0) + 1;
      operations += operationsIn(url, init?.body);
    }
    return original(input, init);
  };
  return {
    snapshot: () => ({ byOrigin: { ...counts }, total: Object.values(counts).reduce((a, b) => a + b, 0), operations }),
    reset: () => {
      counts = {};
      operations = 0;
    },
    restore: () => {
      globalThis.fetch = original;
    },
  };
}
