// Settings the documents name must exist: a setting renamed or dropped in the schema (src/server/config/env-schema.ts)
// fails here until README.md and docs/*.md follow. Other variables the documents name must be read by some code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_NAMES } from '../../../src/server/config/env-schema.js';
import { codeSpansOf } from '../../support/doc-links.js';

const root = join(import.meta.dirname, '../../..');

/** Variables that are not service settings: the sandboxes', the add-in build's, the test tools'. */
const OTHER_VARIABLES = [
  'CONFIG_FILE', // read beside the schema (src/server/config/load-config.ts)
  'SANDBOX_GRAPH_PORT',
  'SANDBOX_C4C_PORT',
  'SANDBOX_GOOGLE_PORT',
  'OUTLOOK_HOST_PORT',
  'ADDIN_PUBLIC_URL',
  'CRM_SYNC_API_URL',
  'CRM_SYNC_CLIENT_ID',
  'CRM_SYNC_AUTHORITY',
  'CRM_SYNC_API_SCOPE',
  'FC_NUM_RUNS',
  'FC_SEED',
  'FC_PATH',
  'BENCH_CHILD_LOG',
  'BENCH_CHILD_CPU_PROF',
  'BENCH_LOG_LEVEL',
  // An example value of C4C_UI_THING_TYPES (a thing type, not a variable), and C4C's OData scope (UIWC:CC_HOME).
  'Z_VISIT_TT',
  'CC_HOME',
  // Retired settings: named so the docs can say what replaced them (the config refuses them with that advice).
  'C4C_WEBHOOK_SECRET',
  'C4C_WEBHOOK_SECRET_HEADER',
];
/** Shell variables the recipes in docs/demo.md set themselves. */
const RECIPE_VARIABLES = ['USER_ID'];

const VARIABLE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;

function documents(): string[] {
  return [join(root, 'README.md'), ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'docs', f))];
}

function sourceText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? sourceText(path) : /\.(ts|tsx|js|cjs)$/.test(path) ? readFileSync(path, 'utf8') : ''))
    .join('\n');
}

describe('settings named in the documentation', () => {
  it('are settings of the schema, or variables some code reads', () => {
    const named = new Set<string>();
    for (const file of documents()) {
      for (const span of codeSpansOf(readFileSync(file, 'utf8'))) for (const match of span.target.matchAll(VARIABLE)) named.add(match[0]);
    }
    expect(named.size).toBeGreaterThan(30);
    const known = new Set<string>([...ENV_NAMES, ...OTHER_VARIABLES, ...RECIPE_VARIABLES]);
    expect([...named].filter((name) => !known.has(name))).toEqual([]);
  });

  it('lists only other variables that the code really reads', () => {
    const code = [...['src', 'scripts', 'bench', 'test/property'].map((dir) => sourceText(join(root, dir))), readFileSync(join(root, 'webpack.config.js'), 'utf8')].join('\n');
    expect(OTHER_VARIABLES.filter((name) => !code.includes(name))).toEqual([]);
  });
});
