// Reads a V8 CPU profile (`node --cpu-prof`) and says where its time went: self time by origin (a package, our
// source file, Node itself) and the functions that took most, leaving out the profiler's "(idle)".
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Wall time the profile covers, ms. */
  spanMs: number;
  /** Sampled busy time (all but "(idle)"), ms. */
  busyMs: number;
  /** Self time by origin, ms, largest first. */
  byOrigin: [string, number][];
  /** Inclusive time by origin (a sample counts once for each origin on its stack), ms, largest first. */
  inclusiveByOrigin: [string, number][];
  /** Self time of the busiest functions, ms. */
  topFunctions: [string, number][];
}

/** Where a frame comes from: `pg-boss`, `pg`, `pino`, `src/server/…`, `node:…`, or V8's own `(garbage collector)`. */
export function originOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg?.[1]) return pkg[1];
  const ours = /\/((?:src|bench|test|scripts)\/.*)$/.exec(url);
  if (ours?.[1]) return ours[1];
  return url.startsWith('node:') ? url : url.replace(/^file:\/\//, '');
}

const top = (m: Map<string, number>, n: number): [string, number][] =>
  [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, Math.round(v)]);

/**
 * `window`: only the samples taken in it, in µs of the monotonic clock V8 stamps its profiles with (on Linux the one
 * `process.hrtime` reads: `process.hrtime.bigint() / 1000n` in the process that measures).
 */
export function summarizeProfile(file: string, options: { topN?: number; window?: { fromUs: number; toUs: number } } = {}): ProfileSummary {
  const topN = options.topN ?? 15;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const from = options.window?.fromUs ?? -Infinity;
  const to = options.window?.toUs ?? Infinity;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byOrigin = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    busy += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const origin = originOf(url, functionName);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + ms);
    const fn = `${functionName || '(anonymous)'} ${origin}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    const seen = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const frame = byId.get(up)?.callFrame;
      if (frame && frame.functionName !== '(root)') seen.add(originOf(frame.url, frame.functionName));
    }
    for (const o of seen) inclusive.set(o, (inclusive.get(o) ?? 0) + ms);
  }
  return {
    spanMs: Math.round((Math.min(profile.endTime, to) - Math.max(profile.startTime, from)) / 1000),
    busyMs: Math.round(busy),
    byOrigin: top(byOrigin, topN),
    inclusiveByOrigin: top(inclusive, topN),
    topFunctions: top(functions, topN),
  };
}
