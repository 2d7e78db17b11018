// Benchmark of the C4C sandbox at scale: seeding 100,000 corporate accounts, then type-ahead searches over them
// (startswith / eq 'x*' on Name, answered from the sorted index) measured in-process and over HTTP.
//   npx tsx bench/c4c-search.bench.ts [accounts]
import { DEMO_TENANT } from '../src/sandbox/common/demo-tenant.js';
import { parseQueryOptions } from '../src/sandbox/c4c/query-options.js';
import { runQuery } from '../src/sandbox/c4c/query-exec.js';
import { loadSchema } from '../src/sandbox/c4c/schema.js';
import { seedTenant } from '../src/sandbox/c4c/seed/seed-tenant.js';
import { buildC4cSandbox } from '../src/sandbox/c4c/server.js';
import { C4cStore } from '../src/sandbox/c4c/store.js';

const ACCOUNTS = Number(process.argv[2] ?? 100_000);
const PREFIXES = ['a', 'Al', 'Alpine', 'Alpine Lo', 'Meridian Con', 'Summit Software Inc', 'Zzz', 'o', 'Pioneer Pharma'];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

const t0 = performance.now();
const schema = loadSchema();
const schemaMs = performance.now() - t0;
const store = new C4cStore(schema);
const seeded = seedTenant(store, { accounts: ACCOUNTS });
console.log(`schema from trimmed metadata: ${fmt(schemaMs)}`);
console.log(`seeded ${ACCOUNTS} accounts (+ ${Object.values(seeded.counts).reduce((a, b) => a + b, 0) - ACCOUNTS} other rows): ${fmt(seeded.millis)}`);
console.log(`heap after seeding: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

const set = schema.entitySets.get('CorporateAccountCollection');
if (!set) throw new Error('CorporateAccountCollection missing');
const query = (filter: string, count = false) =>
  runQuery(store, set.name, parseQueryOptions(schema, set.type, new URLSearchParams({ $filter: filter, $top: '20', ...(count ? { $inlinecount: 'allpages' } : {}) })));

const first = performance.now();
query("startswith(Name,'Alpine')");
console.log(`first startswith (builds the sorted Name index): ${fmt(performance.now() - first)}`);

for (const [form, count] of [["startswith(Name,'%s')", false], ["Name eq '%s*'", false], ["startswith(Name,'%s')", true]] as const) {
  const times: number[] = [];
  const hits: string[] = [];
  for (let round = 0; round < 50; round += 1) {
    for (const prefix of PREFIXES) {
      const started = performance.now();
      const result = query(form.replace('%s', prefix.replaceAll("'", "''")), count);
      times.push(performance.now() - started);
      if (round === 0 && count) hits.push(`${prefix}=${result.count}`);
    }
  }
  const label = `${form.replace('%s', 'x')} $top=20${count ? ' $inlinecount=allpages' : ''}`;
  console.log(`in-process ${label}: p50 ${fmt(pct(times, 50))}, p95 ${fmt(pct(times, 95))}, max ${fmt(Math.max(...times))} (${times.length} queries${count ? `; hits ${hits.join(', ')}` : ''})`);
}

const scan: number[] = [];
for (let i = 0; i < 10; i += 1) {
  const started = performance.now();
  query("endswith(Name,'Robotics AG')", true);
  scan.push(performance.now() - started);
}
console.log(`for comparison, a full scan (endswith + $inlinecount, no index): p50 ${fmt(pct(scan, 50))}`);

const bootStarted = performance.now();
const defaultApp = buildC4cSandbox({});
await defaultApp.ready();
console.log(`sandbox start-up with the default tenant (schema + 2,000 accounts + activities): ${fmt(performance.now() - bootStarted)}`);
await defaultApp.close();

const app = buildC4cSandbox({ accounts: ACCOUNTS });
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const auth = `Basic ${Buffer.from(`${DEMO_TENANT.c4cTechnicalUser.user}:${DEMO_TENANT.c4cTechnicalUser.password}`).toString('base64')}`;
const http: number[] = [];
for (let round = 0; round < 20; round += 1) {
  for (const prefix of PREFIXES) {
    const url = `${base}/sap/c4c/odata/v1/c4codataapi/CorporateAccountCollection?$filter=${encodeURIComponent(`startswith(Name,'${prefix}')`)}&$top=10&$select=ObjectID,AccountID,Name,City`;
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: auth, accept: 'application/json' } });
    await res.json();
    http.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  }
}
console.log(`over HTTP (fastify, 127.0.0.1) startswith $top=10: p50 ${fmt(pct(http, 50))}, p95 ${fmt(pct(http, 95))} (${http.length} requests; first includes index build)`);
await app.close();
