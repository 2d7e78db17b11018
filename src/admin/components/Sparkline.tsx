// A small inline SVG line chart (the console draws its health charts with no charting library): one polyline per
// run of known values (a null, e.g. no session in an interval, leaves a gap), scaled from 0 to the largest value.
// It is an image with a text equivalent: screen readers get the latest value and the range.

export interface SparklineProps {
  /** Oldest first; null = no figure for that interval. */
  values: readonly (number | null)[];
  /** What the values are, for the text equivalent (e.g. "Sessions per minute"). */
  label: string;
  /** How a value is written (unit included). */
  format: (value: number) => string;
  width?: number;
  height?: number;
}

/** The polylines' points, one string per run of known values (exported for the unit test). */
export function sparklinePoints(values: readonly (number | null)[], width: number, height: number): string[] {
  const known = values.filter((v): v is number => v !== null);
  const max = Math.max(0, ...known);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => (max === 0 ? height - 1 : height - 1 - (v / max) * (height - 2));
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 0) runs.push(run.join(' '));
      run = [];
      return;
    }
    run.push(`${(i * step).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length > 0) runs.push(run.join(' '));
  return runs;
}

export function Sparkline({ values, label, format, width = 240, height = 40 }: SparklineProps) {
  const known = values.filter((v): v is number => v !== null);
  const latest = [...values].reverse().find((v): v is number => v !== null);
  const text =
    known.length === 0
      ? `${label}: no figures yet`
      : `${label}: latest ${format(latest as number)}, lowest ${format(Math.min(...known))}, highest ${format(Math.max(...known))} over ${values.length} samples`;
  return (
    <svg role="img" aria-label={text} width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ display: 'block', background: '#faf9f8', border: '1px solid #e1dfdd' }}>
      {sparklinePoints(values, width, height).map((points, i) =>
        points.includes(' ') ? (
          <polyline key={i} points={points} fill="none" stroke="#0f6cbd" strokeWidth={1.5} />
        ) : (
          <circle key={i} cx={points.split(',')[0]} cy={points.split(',')[1]} r={1.5} fill="#0f6cbd" />
        ),
      )}
    </svg>
  );
}
