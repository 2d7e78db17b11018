// Benchmark of the C4C sandbox at scale: seeding many corporate accounts, then type-ahead searches over them
// (startswith / eq 'x*' on Name, answered from the sorted index) measured in process and over HTTP, beside a full
// scan (endswith, which no index answers) as the baseline.
//   npm run bench:c4c-search [-- --accounts 100000]
import { DEMO_TENANT } from '../src/sandbox/common/demo-tenant.js';
import { parseQueryOptions } from '../src/sandbox/c4c/query-options.js';
import { runQuery } from '../src/sandbox/c4c/query-exec.js';
import { loadSchema } from '../src/sandbox/c4c/schema.js';
import { seedTenant } from '../src/sandbox/c4c/seed/seed-tenant.js';
import { buildC4cSandbox } from '../src/sandbox/c4c/server.js';
import { C4cStore } from '../src/sandbox/c4c/store.js';
import { isMain, numberArg, percentile, printResult, type BenchResult, type Figure } from './lib/report.js';

const PREFIXES = ['a', 'Al', 'Alpine', 'Alpine Lo', 'Meridian Con', 'Summit Software Inc', 'Zzz', 'o', 'Pioneer Pharma'];

export interface C4cSearchOptions {
  accounts?: number;
  /** Rounds over the prefixes, in process and over HTTP. */
  rounds?: number;
}

export async function runC4cSearch(options: C4cSearchOptions = {}): Promise<BenchResult> {
  const accounts = options.accounts ?? 100_000;
  const rounds = options.rounds ?? 50;
  const figures: Figure[] = [];
  const notes: string[] = [];

  const schemaStarted = performance.now();
  const schema = loadSchema();
  figures.push({ name: 'schema from the trimmed metadata', value: performance.now() - schemaStarted, unit: 'ms' });
  const store = new C4cStore(schema);
  const seeded = seedTenant(store, { accounts });
  figures.push({ name: `seeding ${accounts} accounts`, value: seeded.millis, unit: 'ms' });
  notes.push(`${Object.values(seeded.counts).reduce((a, b) => a + b, 0) - accounts} other rows seeded; heap after seeding ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

  const set = schema.entitySets.get('CorporateAccountCollection');
  if (!set) throw new Error('CorporateAccountCollection missing');
  const query = (filter: string, count = false) =>
    runQuery(store, set.name, parseQueryOptions(schema, set.type, new URLSearchParams({ $filter: filter, $top: '20', ...(count ? { $inlinecount: 'allpages' } : {}) })));

  const first = performance.now();
  query("startswith(Name,'Alpine')");
  figures.push({ name: 'first startswith (builds the sorted Name index)', value: performance.now() - first, unit: 'ms' });

  const scan: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const started = performance.now();
    query("endswith(Name,'Robotics AG')", true);
    scan.push(performance.now() - started);
  }
  const scanP50 = percentile(scan, 50);

  for (const [form, count] of [["startswith(Name,'%s')", false], ["Name eq '%s*'", false], ["startswith(Name,'%s')", true]] as const) {
    const times: number[] = [];
    const hits: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const prefix of PREFIXES) {
        const started = performance.now();
        const result = query(form.replace('%s', prefix.replaceAll("'", "''")), count);
        times.push(performance.now() - started);
        if (round === 0 && count) hits.push(`${prefix}=${result.count}`);
      }
    }
    const label = `in process ${form.replace('%s', 'x')} $top=20${count ? ' $inlinecount=allpages' : ''}`;
    figures.push({ name: `${label}, p50`, value: percentile(times, 50), unit: 'ms', baseline: scanP50, baselineLabel: 'full scan (endswith) p50' });
    figures.push({ name: `${label}, p95`, value: percentile(times, 95), unit: 'ms' });
    if (count) notes.push(`hits: ${hits.join(', ')}`);
  }

  const bootStarted = performance.now();
  const defaultApp = buildC4cSandbox({});
  await defaultApp.ready();
  figures.push({ name: 'sandbox start-up with the default tenant (schema, 2,000 accounts, activities)', value: performance.now() - bootStarted, unit: 'ms' });
  await defaultApp.close();

  const app = buildC4cSandbox({ accounts });
  try {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const auth = `Basic ${Buffer.from(`${DEMO_TENANT.c4cTechnicalUser.user}:${DEMO_TENANT.c4cTechnicalUser.password}`).toString('base64')}`;
    const http: number[] = [];
    for (let round = 0; round < Math.max(1, Math.round(rounds / 2.5)); round += 1) {
      for (const prefix of PREFIXES) {
        const url = `${base}/sap/c4c/odata/v1/c4codataapi/CorporateAccountCollection?$filter=${encodeURIComponent(`startswith(Name,'${prefix}')`)}&$top=10&$select=ObjectID,AccountID,Name,City`;
        const started = performance.now();
        const res = await fetch(url, { headers: { authorization: auth, accept: 'application/json' } });
        await res.json();
        http.push(performance.now() - started);
        if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${url}`);
      }
    }
    figures.push({ name: 'over HTTP (127.0.0.1) startswith $top=10, p50', value: percentile(http, 50), unit: 'ms' });
    figures.push({ name: 'over HTTP (127.0.0.1) startswith $top=10, p95', value: percentile(http, 95), unit: 'ms' });
    notes.push(`${http.length} HTTP requests; the first includes the index build`);
  } finally {
    await app.close();
  }
  return { bench: `C4C sandbox type-ahead search over ${accounts} corporate accounts`, figures, notes };
}

if (isMain(import.meta.url)) {
  // The old positional form (`c4c-search.bench.ts 100000`) still works.
  const positional = Number(process.argv[2]);
  printResult(await runC4cSearch({ accounts: numberArg('accounts', Number.isInteger(positional) && positional > 0 ? positional : 100_000) }));
}
