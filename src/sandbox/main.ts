// `npm run sandbox`: the local stand-ins for Microsoft Graph (+ identity), SAP C4C and Google Calendar, on their own, with seeded
// demo data kept in <DATA_DIR>/sandbox across restarts (`-- --reset` starts them over). The service, the tests, the
// demo and the benchmarks talk to them over real HTTP.
import { startC4cSandbox } from './c4c/server.js';
import type { StateLog } from './common/state-file.js';
import { startGoogleSandbox } from './google/server.js';
import { startGraphSandbox } from './graph/server.js';
import { removeSandboxState, sandboxStateFiles } from './state-dir.js';

export interface Sandboxes {
  graphUrl: string;
  c4cUrl: string;
  /** The Google Calendar sandbox (Calendar API at `<url>/calendar/v3`, token endpoint `<url>/token`). */
  googleUrl: string;
  close(): Promise<void>;
}

export function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name}: must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

export interface SandboxesOptions {
  graphPort?: number;
  c4cPort?: number;
  googlePort?: number;
  host?: string;
  /** Keep the sandboxes' state in `<dataDir>/sandbox` across restarts (state-dir.ts); default: in memory only. */
  dataDir?: string;
  /** Where the sandboxes say what they did with their state files (default: the console, problems on stderr). */
  stateLog?: StateLog;
}

export async function startSandboxes(options: SandboxesOptions = {}): Promise<Sandboxes> {
  const host = options.host ?? '127.0.0.1';
  const files = options.dataDir === undefined ? undefined : sandboxStateFiles(options.dataDir);
  const log = options.stateLog ?? { info: (m: string) => console.log(m), warn: (m: string) => console.error(m) };
  const persist = (file: string | undefined) => (file === undefined ? {} : { persist: { file, log } });
  // Google's sandbox depends on neither other one: it starts (key pair, seed) while they do.
  const starting = startGoogleSandbox({ host, port: options.googlePort ?? portFrom('SANDBOX_GOOGLE_PORT', 4003), ...persist(files?.google) });
  starting.catch(() => undefined);
  const graph = await startGraphSandbox({ host, port: options.graphPort ?? portFrom('SANDBOX_GRAPH_PORT', 4001), ...persist(files?.graph) });
  const c4c = await startC4cSandbox({
    host,
    port: options.c4cPort ?? portFrom('SANDBOX_C4C_PORT', 4002),
    identityBaseUrl: graph.url,
    ...persist(files?.c4c),
  });
  const google = await starting;
  return {
    graphUrl: graph.url,
    c4cUrl: c4c.url,
    googleUrl: google.url,
    close: async () => {
      await Promise.all([graph.close(), c4c.close(), google.close()]);
    },
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--reset');
  if (unknown.length > 0) {
    console.error(`npm run sandbox: unknown argument ${unknown.join(' ')} (the only one is --reset)`);
    process.exit(2);
  }
  // The service's setting of the same name (the sandbox reads no service configuration).
  const dataDir = process.env.DATA_DIR?.trim() || '.data';
  if (args.includes('--reset')) {
    const removed = removeSandboxState(dataDir);
    console.log(removed.length > 0 ? `--reset: removed ${removed.join(', ')}` : `--reset: no sandbox state in ${sandboxStateFiles(dataDir).dir}`);
    console.log('--reset: the sync service\'s store was left as it is; `npm start -- --reset` starts both over.');
  }
  const sandboxes = await startSandboxes({ dataDir });
  console.log(`Graph sandbox:   ${sandboxes.graphUrl}/v1.0   (control plane: ${sandboxes.graphUrl}/_sandbox/info)`);
  console.log(`C4C sandbox:     ${sandboxes.c4cUrl}/sap/c4c/odata/v1/c4codataapi/   (control plane: ${sandboxes.c4cUrl}/_sandbox/info)`);
  console.log(`Google sandbox:  ${sandboxes.googleUrl}/calendar/v3   (control plane: ${sandboxes.googleUrl}/_sandbox/info)`);
  const stop = async () => {
    await sandboxes.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
