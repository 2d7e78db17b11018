// The figure of a benchmark's result by the start of its name (both tiny-size benchmark files use it).
import type { BenchResult } from '../../../bench/lib/report.js';

export function figure(result: BenchResult, name: string): number {
  const found = result.figures.find((f) => f.name.startsWith(name));
  if (!found) throw new Error(`${result.bench}: no figure "${name}" in ${result.figures.map((f) => f.name).join(' | ')}`);
  return found.value;
}
