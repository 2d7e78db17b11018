// What every benchmark prints: named figures, each beside the baseline (floor) measured or counted in the same
// run, and their ratio, so a reader sees at a glance how far the product is from what the setup makes possible.
import os from 'node:os';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The floor this figure is compared with (measured in the same run, or counted from the protocol). */
  baseline?: number;
  baselineLabel?: string;
}

export interface BenchResult {
  bench: string;
  figures: Figure[];
  notes: string[];
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

function show(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatResult(result: BenchResult): string {
  const lines = [`== ${result.bench} ==`];
  for (const f of result.figures) {
    let line = `  ${f.name}: ${show(f.value)} ${f.unit}`;
    if (f.baseline !== undefined) {
      const ratio = f.baseline === 0 ? '' : ` (x${show(f.value / f.baseline)})`;
      line += `   baseline ${f.baselineLabel ?? ''}: ${show(f.baseline)} ${f.unit}${ratio}`;
    }
    lines.push(line);
  }
  for (const note of result.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

export function machineLine(): string {
  const gb = (os.totalmem() / 2 ** 30).toFixed(1);
  return `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${gb} GiB RAM, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join('/')}, ${new Date().toISOString()}`;
}

export function printResult(result: BenchResult): void {
  console.log(machineLine());
  console.log(formatResult(result));
}

/** True when the module at `metaUrl` is the script node was started with (run as a CLI, not imported). */
export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && metaUrl === new URL(`file://${entry}`).href;
}

/** `--name value` from the command line, as a number, or the fallback. */
export function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at > 0 ? process.argv[at + 1] : process.env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${name}: not a number: ${raw}`);
  return value;
}

/** `--name value` from the command line, as text, or the fallback. */
export function stringArg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at > 0 ? process.argv[at + 1] : process.env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`];
  return raw === undefined || raw === '' ? fallback : raw;
}
