// Health: the answering process's last hour (GET /api/admin/health/history), one small chart per figure, read again
// every 30 s while the view is open. Each chart names its latest value beside it, so the page reads without the
// pictures too.
import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { HealthHistoryResponse, HealthSample } from '../../shared/admin-api.js';
import type { AdminApi } from '../api.js';
import { Sparkline } from '../components/Sparkline.js';

const REFRESH_MS = 30_000;

interface Figure {
  label: string;
  value: (s: HealthSample) => number | null;
  format: (v: number) => string;
}

const perMinute = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)}/min`;
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

export const HEALTH_FIGURES: readonly Figure[] = [
  { label: 'Queue depth', value: (s) => s.queueDepth, format: (v) => `${v} jobs` },
  { label: 'Sessions per minute', value: (s) => s.sessionsPerMinute, format: perMinute },
  { label: 'Session error rate', value: (s) => s.errorRate, format: (v) => `${Math.round(v * 100)} %` },
  { label: 'Insta-sync latency p50', value: (s) => s.instaP50Ms, format: ms },
  { label: 'Insta-sync latency p95', value: (s) => s.instaP95Ms, format: ms },
  { label: 'Graph requests per minute', value: (s) => s.graphRequestsPerMinute, format: perMinute },
  { label: 'C4C requests per minute', value: (s) => s.c4cRequestsPerMinute, format: perMinute },
];

export function HealthView({ api }: { api: AdminApi }) {
  const [history, setHistory] = useState<HealthHistoryResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let current = true;
    api.healthHistory().then(
      (answer) => current && (setHistory(answer), setError(null)),
      (err: unknown) => current && setError((err as Error).message),
    );
    const timer = setTimeout(() => setReloads((n) => n + 1), REFRESH_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, reloads]);

  return (
    <section aria-labelledby="health-heading">
      <h2 id="health-heading">Health</h2>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {history ? (
        <>
          <p>
            The last hour of this service process ({history.process.role}, started {new Date(history.process.startedAt).toLocaleString()}), one sample every {history.intervalSeconds} s. Each process
            keeps its own figures; the queue is shared by all.
          </p>
          <Button onClick={() => setReloads((n) => n + 1)}>Refresh</Button>
          <table aria-label="Health figures">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Last hour</th>
                <th scope="col">Latest</th>
              </tr>
            </thead>
            <tbody>
              {HEALTH_FIGURES.map((f) => {
                const values = history.samples.map(f.value);
                const latest = [...values].reverse().find((v): v is number => v !== null);
                return (
                  <tr key={f.label} data-figure={f.label}>
                    <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal' }}>
                      {f.label}
                    </th>
                    <td>
                      <Sparkline values={values} label={f.label} format={f.format} />
                    </td>
                    <td>{latest === undefined ? 'none yet' : f.format(latest)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : (
        !error && <Spinner label="Loading the health figures" />
      )}
    </section>
  );
}
