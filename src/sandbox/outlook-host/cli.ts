// npx tsx src/sandbox/outlook-host/cli.ts [--graph http://127.0.0.1:4001] [--api http://127.0.0.1:3000]
//   [--port 4010] [--root dist/addin]     (build first: npm run build, or npx webpack --mode development)
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveOutlookHost } from './serve.js';

const { values } = parseArgs({
  options: {
    graph: { type: 'string', default: 'http://127.0.0.1:4001' },
    api: { type: 'string' },
    port: { type: 'string', default: '4010' },
    root: { type: 'string', default: 'dist/addin' },
  },
});

const server = await serveOutlookHost({ root: resolve(values.root), graphOrigin: values.graph, apiOrigin: values.api, port: Number(values.port) });
console.log(`sandbox Outlook: ${server.pageUrl}`);
