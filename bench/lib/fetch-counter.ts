// Counts the HTTP round trips this process sends to each sandbox, by wrapping the global fetch the adapters use.
// The sandboxes' own requests are left out: Graph $batch members, which the Graph sandbox replays against itself
// (they carry x-forwarded-host), and C4C change notifications. So `roundTrips` is what crosses the wire from the
// service, while the sandboxes' counters give the API requests (a Graph $batch counts once per member there).
export interface RoundTrips {
  byOrigin: Record<string, number>;
  total: number;
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

export function countFetches(origins: readonly string[]): FetchCounter {
  const original = globalThis.fetch;
  let counts: Record<string, number> = {};
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const origin = origins.find((o) => url.startsWith(o));
    if (origin && !hasForwardedHost(init, input)) counts[origin] = (counts[origin] ?? 0) + 1;
    return original(input, init);
  };
  return {
    snapshot: () => ({ byOrigin: { ...counts }, total: Object.values(counts).reduce((a, b) => a + b, 0) }),
    reset: () => {
      counts = {};
    },
    restore: () => {
      globalThis.fetch = original;
    },
  };
}
