// The baseline of the insta-sync benchmarks: one sandbox round trip with the injected latency, measured now
// (median of 20 GETs of a user), so a figure can be compared with what a single request costs.
import type { GraphClient } from '../../test/support/sync-harness-http.js';
import { mean, percentile } from './report.js';

export async function measuredRoundTripMs(graph: GraphClient, userId: string): Promise<{ p50: number; mean: number }> {
  const rtt: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const started = performance.now();
    await graph.request('GET', `/users/${userId}`);
    rtt.push(performance.now() - started);
  }
  return { p50: percentile(rtt, 50), mean: mean(rtt) };
}
