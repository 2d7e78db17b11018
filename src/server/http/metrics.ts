// A small Prometheus text-format registry: counters, gauges and latency summaries (count/sum + fixed buckets).
// Kept dependency-free because the exposition format is tiny and stable.

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const escaped = entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return `{${escaped.join(',')}}`;
}

const BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

interface Series {
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  values: Map<string, number>;
}

export class Metrics {
  private readonly series = new Map<string, Series>();

  private get(name: string, help: string, type: Series['type']): Series {
    let s = this.series.get(name);
    if (!s) {
      s = { help, type, values: new Map() };
      this.series.set(name, s);
    }
    return s;
  }

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const s = this.get(name, help, 'counter');
    const key = labelText(labels);
    s.values.set(key, (s.values.get(key) ?? 0) + by);
  }

  setGauge(name: string, help: string, value: number, labels: Labels = {}): void {
    this.get(name, help, 'gauge').values.set(labelText(labels), value);
  }

  observe(name: string, help: string, seconds: number, labels: Labels = {}): void {
    const s = this.get(name, help, 'histogram');
    const base = labelText(labels).slice(1, -1);
    const join = (extra: string) => `{${[base, extra].filter((x) => x.length > 0).join(',')}}`;
    for (const le of BUCKETS_SECONDS) {
      if (seconds <= le) s.values.set(`_bucket${join(`le="${le}"`)}`, (s.values.get(`_bucket${join(`le="${le}"`)}`) ?? 0) + 1);
      else s.values.set(`_bucket${join(`le="${le}"`)}`, s.values.get(`_bucket${join(`le="${le}"`)}`) ?? 0);
    }
    const inf = `_bucket${join('le="+Inf"')}`;
    s.values.set(inf, (s.values.get(inf) ?? 0) + 1);
    const sumKey = `_sum${base ? `{${base}}` : ''}`;
    const countKey = `_count${base ? `{${base}}` : ''}`;
    s.values.set(sumKey, (s.values.get(sumKey) ?? 0) + seconds);
    s.values.set(countKey, (s.values.get(countKey) ?? 0) + 1);
  }

  /**
   * A counter's value summed over its label sets, or over those that carry every label of `match` (the health
   * history samples the same figures /metrics shows: http/health-history.ts).
   */
  total(name: string, match: Labels = {}): number {
    const s = this.series.get(name);
    if (!s || s.type !== 'counter') return 0;
    const wanted = Object.entries(match).map(([k, v]) => labelText({ [k]: v }).slice(1, -1));
    let sum = 0;
    for (const [key, value] of s.values) if (wanted.every((w) => key.includes(w))) sum += value;
    return sum;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, s] of this.series) {
      lines.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} ${s.type}`);
      for (const [key, value] of s.values) {
        const suffixed = s.type === 'histogram' ? `${name}${key}` : `${name}${key}`;
        lines.push(`${suffixed} ${value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
