// `npm run sandbox`: the local stand-ins for Microsoft Graph (+ identity) and SAP C4C, on their own, with seeded
// demo data. The service, the tests, the demo and the benchmarks talk to them over real HTTP.
import { startC4cSandbox } from './c4c/server.js';
import { startGraphSandbox } from './graph/server.js';

export interface Sandboxes {
  graphUrl: string;
  c4cUrl: string;
  close(): Promise<void>;
}

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name}: must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

export async function startSandboxes(options: { graphPort?: number; c4cPort?: number; host?: string } = {}): Promise<Sandboxes> {
  const host = options.host ?? '127.0.0.1';
  const graph = await startGraphSandbox({ host, port: options.graphPort ?? portFrom('SANDBOX_GRAPH_PORT', 4001) });
  const c4c = await startC4cSandbox({
    host,
    port: options.c4cPort ?? portFrom('SANDBOX_C4C_PORT', 4002),
    identityBaseUrl: graph.url,
  });
  return {
    graphUrl: graph.url,
    c4cUrl: c4c.url,
    close: async () => {
      await Promise.all([graph.close(), c4c.close()]);
    },
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const sandboxes = await startSandboxes();
  console.log(`Graph sandbox:   ${sandboxes.graphUrl}/v1.0   (control plane: ${sandboxes.graphUrl}/_sandbox/info)`);
  console.log(`C4C sandbox:     ${sandboxes.c4cUrl}/sap/c4c/odata/v1/c4codataapi/   (control plane: ${sandboxes.c4cUrl}/_sandbox/info)`);
  const stop = async () => {
    await sandboxes.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
