// `npm start`: the whole product on embedded defaults, with no cloud account: the Graph and C4C sandboxes, and the
// sync service (web + worker in one process) on PGlite in ./.data, wired to each other over real HTTP. All three keep
// their state in the data folder across restarts; `npm start -- --reset` starts them over together.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import tls from 'node:tls';
import { preparePgliteDataDir } from '../src/server/adapters/store/index.js';
import { loadConfig, ConfigError, type Config } from '../src/server/config/index.js';
import { createLogger, resolveLogFormat } from '../src/server/log/index.js';
import { startService } from '../src/server/main.js';
import { SANDBOX_TLS_CERT } from '../src/sandbox/identity/tls-material.js';
import { portFrom, startSandboxes } from '../src/sandbox/main.js';
import { serveOutlookHost } from '../src/sandbox/outlook-host/serve.js';
import { c4cConsumerFor, SANDBOX_WEBHOOK_SECRETS, sandboxServiceEnv } from '../src/sandbox/service-env.js';
import { seedDemoSyncLists } from './demo-sync-lists.js';
import { resetLocalState } from './reset-state.js';

// MSAL only talks to https authorities: trust the sandbox identity's self-signed certificate in this process.
tls.setDefaultCACertificates([...tls.getCACertificates('default'), SANDBOX_TLS_CERT]);

const args = process.argv.slice(2);
const unknownArgs = args.filter((a) => a !== '--reset');
if (unknownArgs.length > 0) {
  console.error(`npm start: unknown argument ${unknownArgs.join(' ')} (the only one is --reset)`);
  process.exit(2);
}

const port = process.env.PORT ?? '3000';
const c4cWebhookSecret = SANDBOX_WEBHOOK_SECRETS.c4cWebhook;
const serviceEnv = (urls: { graphUrl: string; c4cUrl: string }): Record<string, string> => ({
  ...sandboxServiceEnv(urls, SANDBOX_WEBHOOK_SECRETS),
  PORT: port,
  SYNC_INTERVAL_MINUTES: '5',
  // The demo syncs every family, the sync lists' contacts (R14) too.
  SYNC_FAMILIES: 'calendar,tasks,contacts',
});

/** Anything set in the environment (or CONFIG_FILE) wins over the sandbox wiring (e.g. DATABASE_URL, LOG_LEVEL, DATA_DIR). */
function configFor(urls: { graphUrl: string; c4cUrl: string }): Config {
  try {
    return loadConfig({ ...serviceEnv(urls), ...process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

// The settings once before the sandboxes start, for the data folder they keep their state in (their URLs are
// known from their ports; a port 0 gets its real URL in the second reading below).
const expected = configFor({
  graphUrl: `http://127.0.0.1:${portFrom('SANDBOX_GRAPH_PORT', 4001)}`,
  c4cUrl: `http://127.0.0.1:${portFrom('SANDBOX_C4C_PORT', 4002)}`,
});
if (args.includes('--reset')) {
  try {
    const removed = resetLocalState(expected.store);
    console.log(removed.length > 0 ? `--reset: removed\n${removed.map((r) => `  ${r}`).join('\n')}` : `--reset: nothing to remove in ${expected.store.dataDir}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

// A new data folder's database is created by a child process (its initdb memory ends with it; see pglite-cluster.ts).
// It runs while the sandboxes start, on the other core, instead of before the service opens the folder.
const databaseCreated = expected.store.databaseUrl ? Promise.resolve(false) : preparePgliteDataDir(expected.store.dataDir);
databaseCreated.catch(() => undefined); // awaited (and reported) below, after the sandboxes
const sandboxes = await startSandboxes({ dataDir: expected.store.dataDir });
// R10: the Google sandbox's two Workspace users sync through Google Calendar, with the service account whose key
// the sandbox hands out (a fresh key per sandbox world, kept in its state file).
const googleInfo = (await (await fetch(`${sandboxes.googleUrl}/_sandbox/info`)).json()) as { serviceAccountKey: object; tokenUrl: string; users: { email: string }[] };
const googleEnv: Record<string, string> = {
  GOOGLE_USERS: googleInfo.users.map((u) => u.email).join(','),
  GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(googleInfo.serviceAccountKey),
  GOOGLE_API_ROOT_URL: `${sandboxes.googleUrl}/`,
  GOOGLE_TOKEN_URL: googleInfo.tokenUrl,
};
for (const [name, value] of Object.entries(googleEnv)) process.env[name] ??= value;
const config = configFor(sandboxes);
const logger = createLogger({ level: config.logLevel, name: 'service', format: resolveLogFormat(config.logFormat, process.stdout.isTTY) });
try {
  // debug: the first minute's lines are counted (issue 20); the database's creation shows in its time to ready.
  if (await databaseCreated) logger.debug({ dataDir: config.store.dataDir }, 'embedded database created');
} catch (error) {
  console.error((error as Error).message);
  await sandboxes.close();
  process.exit(1);
}
const service = await startService(config, logger);

// Insta-sync from the CRM side: the C4C sandbox notifies the service of every activity and task change, as C4C's
// Event Notification calls a consumer with user and password.
await fetch(`${sandboxes.c4cUrl}/_sandbox/webhook`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(c4cConsumerFor(String(service.url), c4cWebhookSecret)),
});

// Each demo user starts with a few records on their sync list (R14); the sessions they ask for bring them into Outlook.
if (service.url) {
  await seedDemoSyncLists({ graphUrl: sandboxes.graphUrl, c4cUrl: sandboxes.c4cUrl, serviceUrl: String(service.url) }).then(
    (added) => added > 0 && logger.info({ added }, 'demo sync lists filled'),
    (error: unknown) => logger.warn({ err: (error as Error).message }, 'demo sync lists not filled'),
  );
}

// The add-in, hosted by a page that plays Outlook (the Office.js stand-in is backed by the Graph sandbox).
const addinRoot = resolve('dist/addin');
if (!existsSync(resolve(addinRoot, 'taskpane.html'))) {
  console.log('Building the add-in (first start only; npm run build rebuilds it) ...');
  // Errors only: webpack's asset table would take a third of the first minute's 40-line budget (issue 20). A child
  // process the service does not wait on: it keeps answering (/readyz, webhooks, its first sessions) meanwhile.
  const build = spawn(process.execPath, [resolve('node_modules/webpack/bin/webpack.js'), '--mode', 'production', '--stats', 'errors-only'], { stdio: 'inherit' });
  const code = await new Promise<number | null>((done) => build.once('exit', done));
  if (code !== 0) console.error(`The add-in build failed (exit ${code}); npm run build shows why.`);
}
const outlook = await serveOutlookHost({
  root: addinRoot,
  graphOrigin: sandboxes.graphUrl,
  apiOrigin: service.url ?? undefined,
  port: Number(process.env.OUTLOOK_HOST_PORT ?? 4010),
});

console.log(`
Open the sandbox Outlook with the add-in:  ${outlook.pageUrl}

CRM sync for Outlook is running (sandbox mode, data in ${config.store.databaseUrl ? 'PostgreSQL' : config.store.dataDir}, sandboxes' state in ${config.store.dataDir}/sandbox;
kept across restarts, \`npm start -- --reset\` starts over).
  Service:          ${service.url}   (/healthz, /readyz, /metrics, /api)
  Graph sandbox:    ${sandboxes.graphUrl}/v1.0   (control plane ${sandboxes.graphUrl}/_sandbox/info)
  C4C sandbox:      ${sandboxes.c4cUrl}/sap/c4c/odata/v1/c4codataapi/   (control plane ${sandboxes.c4cUrl}/_sandbox/info)
  Google sandbox:   ${sandboxes.googleUrl}/calendar/v3   (control plane ${sandboxes.googleUrl}/_sandbox/info; Dan and Eve sync here)
Press Ctrl+C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await outlook.close();
  await service.stop();
  // Writes the sandboxes' state files (their last changes since the periodic save).
  await sandboxes.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
