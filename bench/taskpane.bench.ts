// Task pane: (1) the production bundle's initial chunk (the scripts taskpane.html loads before first render, raw and
// gzip) against React + ReactDOM's own production builds measured now (the floor for any React pane);
// (2) CRM search latency through the service API (GET /api/crm/search with a task-pane token) over a C4C sandbox
// seeded with 100,000 accounts, against the same prefix queried straight from the C4C sandbox; (3) time to
// interactive of the pane in headless Chromium (lib/tti.ts).
//   npm run bench:taskpane [-- --accounts 100000 --searches 200 --tti-runs 5]    (run `npm run build` first)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { DEMO_TENANT, DEMO_USERS } from '../src/sandbox/common/demo-tenant.js';
import { apiPaths } from '../src/shared/api.js';
import { ttiFigures } from './lib/tti.js';
import { isMain, numberArg, percentile, printResult, type BenchResult, type Figure } from './lib/report.js';
import { startInProcessService, startSandboxPair } from './lib/service-stack.js';

const ROOT = new URL('../', import.meta.url).pathname;
const KB = 1024;
const PREFIXES = ['Al', 'Alpine', 'Meridian Con', 'Summit', 'Pioneer Pharma', 'Zzz', 'Oak', 'Nova', 'Blue'];

/** Raw and gzip bytes; `minified` runs terser first (React 19 ships its production builds unminified). */
async function sizes(files: readonly string[], minified = false): Promise<{ raw: number; gzip: number }> {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    let bytes = readFileSync(file);
    if (minified) bytes = Buffer.from((await minify(bytes.toString('utf8'), { compress: true, mangle: true })).code ?? '');
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

export async function bundleFigures(distDir = join(ROOT, 'dist/addin')): Promise<{ figures: Figure[]; notes: string[] }> {
  const page = join(distDir, 'taskpane.html');
  if (!existsSync(page)) return { figures: [], notes: [`no ${page}: run \`npm run build\` first; bundle size not measured`] };
  const html = readFileSync(page, 'utf8');
  const local = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1] ?? '').filter((src) => src && !/^https?:/.test(src));
  const external = [...html.matchAll(/<script[^>]*\ssrc=["']?(https?:[^"' >]+)/g)].map((m) => m[1]);
  const initial = await sizes(local.map((src) => join(distDir, src)));
  const reactFiles = ['react/cjs/react.production.js', 'react-dom/cjs/react-dom-client.production.js', 'scheduler/cjs/scheduler.production.js'];
  const react = await sizes(reactFiles.map((f) => join(ROOT, 'node_modules', f)), true);
  return {
    figures: [
      { name: 'task pane initial chunk, raw', value: initial.raw / KB, unit: 'KiB', baseline: react.raw / KB, baselineLabel: 'React + ReactDOM + scheduler, minified' },
      { name: 'task pane initial chunk, gzip', value: initial.gzip / KB, unit: 'KiB', baseline: react.gzip / KB, baselineLabel: 'React + ReactDOM + scheduler, minified' },
    ],
    notes: [`initial scripts: ${local.join(', ')}; loaded from elsewhere, not counted: ${external.join(', ') || 'none'}`],
  };
}

async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  const body = (await res.json()) as unknown;
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return { ms, body };
}

export async function searchFigures(accounts: number, searches: number, ttiRuns: number): Promise<{ figures: Figure[]; notes: string[] }> {
  const seedStarted = performance.now();
  const sandboxes = await startSandboxPair({ accounts });
  const seedMs = performance.now() - seedStarted;
  const service = await startInProcessService(sandboxes);
  try {
    const user = DEMO_USERS[0]?.mail ?? '';
    const tokenRes = await fetch(`${sandboxes.graphUrl}/_sandbox/token?${new URLSearchParams({ user, aud: DEMO_TENANT.serviceApp.appIdUri, scp: 'access_as_user' })}`);
    const tokenBody = (await tokenRes.json()) as { access_token?: string; token?: string };
    const token = tokenBody.access_token ?? tokenBody.token;
    if (!token) throw new Error(`no task-pane token: ${JSON.stringify(tokenBody).slice(0, 200)}`);
    const auth = { authorization: `Bearer ${token}` };
    const basic = { authorization: `Basic ${Buffer.from(`${DEMO_TENANT.c4cTechnicalUser.user}:${DEMO_TENANT.c4cTechnicalUser.password}`).toString('base64')}`, accept: 'application/json' };
    const viaService: number[] = [];
    const allTypes: number[] = [];
    const direct: number[] = [];
    let hits = 0;
    // Warm-up: token verification keys, the C4C sorted Name index, connections.
    await timed(`${service.url}${apiPaths.crmSearch({ q: 'Alpine', types: ['account'] })}`, auth);
    for (let i = 0; i < searches; i += 1) {
      const q = PREFIXES[i % PREFIXES.length] ?? 'Al';
      const r = await timed(`${service.url}${apiPaths.crmSearch({ q, types: ['account'] })}`, auth);
      viaService.push(r.ms);
      hits += ((r.body as { results?: unknown[] }).results ?? []).length;
      const filter = encodeURIComponent(`startswith(Name,'${q}')`);
      direct.push((await timed(`${sandboxes.c4cUrl}/sap/c4c/odata/v1/c4codataapi/CorporateAccountCollection?$filter=${filter}&$top=10&$select=ObjectID,AccountID,Name,City`, basic)).ms);
      if (i % 4 === 0) allTypes.push((await timed(`${service.url}${apiPaths.crmSearch({ q })}`, auth)).ms);
    }
    const p50 = percentile(direct, 50);
    const p95 = percentile(direct, 95);
    const tti = ttiRuns > 0 ? await ttiFigures(join(ROOT, 'dist/addin'), sandboxes.graphUrl, service.url, ttiRuns) : { figures: [], notes: [] };
    return {
      figures: [
        ...tti.figures,
        { name: `CRM search (accounts) p50 over ${accounts} accounts`, value: percentile(viaService, 50), unit: 'ms', baseline: p50, baselineLabel: 'C4C sandbox direct' },
        { name: `CRM search (accounts) p95 over ${accounts} accounts`, value: percentile(viaService, 95), unit: 'ms', baseline: p95, baselineLabel: 'C4C sandbox direct' },
        { name: 'CRM search (all linkable types) p50', value: percentile(allTypes, 50), unit: 'ms', baseline: p50, baselineLabel: 'C4C sandbox direct, accounts' },
        { name: 'CRM search (all linkable types) p95', value: percentile(allTypes, 95), unit: 'ms', baseline: p95, baselineLabel: 'C4C sandbox direct, accounts' },
      ],
      notes: [`${searches} account searches + ${allTypes.length} all-type searches, prefixes ${PREFIXES.join(' | ')}; ${(hits / searches).toFixed(1)} results per search; C4C sandbox seeded in ${seedMs.toFixed(0)} ms`, ...tti.notes],
    };
  } finally {
    await service.close();
    await sandboxes.close();
  }
}

export async function runTaskpane(options: { accounts?: number; searches?: number; ttiRuns?: number } = {}): Promise<BenchResult> {
  const bundle = await bundleFigures();
  const search = await searchFigures(options.accounts ?? 100_000, options.searches ?? 200, options.ttiRuns ?? 5);
  return { bench: 'task pane', figures: [...bundle.figures, ...search.figures], notes: [...bundle.notes, ...search.notes] };
}

if (isMain(import.meta.url)) {
  printResult(await runTaskpane({ accounts: numberArg('accounts', 100_000), searches: numberArg('searches', 200), ttiRuns: numberArg('tti-runs', 5) }));
}
