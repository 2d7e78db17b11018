// `npm run sync -- --mailbox <upn>`: one sync cycle for one mailbox, from the command line. Loads the service's
// configuration, opens the store and the adapters as the service does, runs the tenant's C4C change query and one
// session for the mailbox, and prints what happened. `npm run sync -- erase --mailbox <upn>` erases a mailbox's
// data instead (jobs/erase-mailbox.ts). Logs go to stderr, the report to stdout; neither ever holds a secret. See
// cli/args.ts for the options and exit codes.
import { ConfigError, loadConfig } from '../config/index.js';
import { createLogger, scrubSecrets, type Logger } from '../log/index.js';
import { doctorDeps, openServiceParts, syncFamilies, type ServiceParts } from '../main-parts.js';
import { eraseNamedMailbox } from '../jobs/erase-mailbox.js';
import { provisionMailboxes } from '../jobs/provision-mailboxes.js';
import { systemClock } from '../ports/clock.js';
import { runSession } from '../sync/run/session.js';
import { pollTenant } from '../sync/tenant/poll.js';
import { TenantPairingGate } from '../sync/tenant/pairing.js';
import { openDatabase, SqlEnrolment, SqlTenantPairings, type Database } from '../adapters/store/index.js';
import { runChecks } from '../doctor/run-checks.js';
import { exitCodeOfReport, formatReport } from '../doctor/printer.js';
import type { ProbeFailure } from '../ports/doctor-probes.js';
import { DOCTOR_USAGE, parseCommandLine, USAGE, type DoctorOptions, type EraseOptions } from './args.js';
import { doctorThroughService } from './doctor-remote.js';
import { runThroughService } from './remote.js';
import { exitCodeOfErasure, formatErasure } from './erase-report.js';
import { exitCodeOf, formatCycle } from './report.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const consoleIo: CliIo = { out: (text) => console.log(text), err: (text) => console.error(text) };

async function findMailbox(parts: ServiceParts, email: string) {
  const all = await parts.store.listMailboxes();
  return all.find((m) => m.email.toLowerCase() === email) ?? null;
}

async function runErase(parts: ServiceParts, logger: Logger, { mailbox, json }: EraseOptions, io: CliIo): Promise<number> {
  const report = await eraseNamedMailbox({ store: parts.store, erasure: parts.erasure, graph: parts.calendar, logger }, mailbox);
  if (!report) {
    io.err(`No mailbox ${mailbox}: nothing to erase.`);
    return 1;
  }
  io.out(json ? JSON.stringify(report, null, 2) : formatErasure(report));
  return exitCodeOfErasure(report);
}

/** No settings here: the CLI talks to the running service (beside `npm start`) instead of opening the store. */
const nothingConfigured = (env: Readonly<Record<string, string | undefined>>) => !env.TENANT_ID && !env.SANDBOX && !env.CONFIG_FILE;

/**
 * `npm run doctor`: through the running service when asked or when nothing is configured here, else the settings of
 * the environment checked from here, with the database opened without migrating it.
 */
async function runDoctor(options: DoctorOptions, env: Readonly<Record<string, string | undefined>>, io: CliIo, clock = systemClock): Promise<number> {
  if (options.service !== undefined || nothingConfigured(env)) {
    return doctorThroughService(
      { serviceUrl: options.service ?? env.SERVICE_URL ?? 'http://127.0.0.1:3000', token: options.token ?? env.CRMSYNC_ADMIN_TOKEN ?? null, sandboxGraphUrl: env.SANDBOX_GRAPH_URL ?? 'http://127.0.0.1:4001', json: options.json },
      io,
    );
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The same schema and messages as the service's start-up; nothing else can be checked without a configuration.
    const lines = error.issues.map((i) => `      ${i.name}: ${i.message}`).join('\n');
    io.out(`✖ Configuration valid: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}\n${lines}\n    → Set them as .env.example describes (docs/deploy.md says where each value comes from), then run the doctor again.`);
    return 1;
  }
  const logger = createLogger({ level: env.LOG_LEVEL ? config.logLevel : 'warn', name: 'doctor', destination: process.stderr });
  let db: Database | ProbeFailure;
  try {
    db = (await openDatabase({ databaseUrl: config.store.databaseUrl?.reveal(), dataDir: config.store.dataDir, maxConnections: 2, migrate: false })).db;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    db = { ok: false, status: null, code: typeof code === 'string' ? code : 'database', message: scrubSecrets((error as Error).message) };
  }
  try {
    const report = await runChecks(doctorDeps(config, logger, db, clock));
    io.out(options.json ? JSON.stringify(report, null, 2) : formatReport(report, `the settings of this environment (${config.sandbox ? 'sandbox mode' : config.http.publicUrl})`));
    return exitCodeOfReport(report);
  } finally {
    if (!('ok' in db)) await db.close();
  }
}

export async function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo = consoleIo, clock = systemClock): Promise<number> {
  const command = parseCommandLine(argv);
  if (command.kind === 'help') {
    io.out(argv[0] === 'doctor' ? DOCTOR_USAGE : USAGE);
    return 0;
  }
  if (command.kind === 'error') {
    io.err(`${command.message}\n\n${argv[0] === 'doctor' ? DOCTOR_USAGE : USAGE}`);
    return 2;
  }
  if (command.kind === 'doctor') return runDoctor(command.options, env, io, clock);
  const { mailbox: email, json } = command.options;
  const what = command.kind === 'erase' ? 'Erasure' : 'Sync';
  // Through the running service: asked for, or nothing configured here (beside `npm start`).
  if (command.kind === 'run' && (command.options.service !== undefined || nothingConfigured(env))) {
    return runThroughService(
      {
        serviceUrl: command.options.service ?? env.SERVICE_URL ?? 'http://127.0.0.1:3000',
        token: command.options.token ?? env.CRMSYNC_ADMIN_TOKEN ?? null,
        sandboxGraphUrl: env.SANDBOX_GRAPH_URL ?? 'http://127.0.0.1:4001',
        mailbox: email,
        json,
      },
      io,
    );
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: env.LOG_LEVEL ? config.logLevel : 'warn', name: 'sync-cli', destination: process.stderr });
  let parts: ServiceParts | null = null;
  try {
    parts = await openServiceParts(config, logger);
    if (command.kind === 'erase') return await runErase(parts, logger, command.options, io);
    let mailbox = await findMailbox(parts, email);
    if (!mailbox) {
      // A fresh store: enrol the tenant's users who are C4C employees, as the service does when it starts.
      const google = parts.google ? { google: { enrolment: config.google, calendars: parts.google } } : {};
      await provisionMailboxes({ store: parts.store, users: parts.calendar, crm: parts.crm, logger, enrolment: { store: new SqlEnrolment(parts.db), groups: parts.calendar }, ...google }, config.graph.tenantId);
      mailbox = await findMailbox(parts, email);
    }
    if (!mailbox) {
      io.err(`No mailbox ${email}: no user of the tenant with that address is a C4C employee (matched by e-mail).`);
      return 1;
    }
    if (!mailbox.enabled) {
      io.err(`Mailbox ${email} is disabled; enable it before syncing it.`);
      return 1;
    }
    // The same refusal as the service's: never sync a store's state against another C4C system.
    const pairing = new TenantPairingGate({ tenantId: mailbox.tenantId, pairings: new SqlTenantPairings(parts.db), readIdentity: () => (parts as ServiceParts).crm.systemIdentity(), clock: systemClock, logger });
    await pairing.check();
    const refusal = pairing.refusal();
    if (refusal !== null) {
      io.err(refusal);
      return 1;
    }
    const families = syncFamilies(config, parts);
    const crmReads = parts.crmReads;
    const poll = await pollTenant({ store: parts.store, families, clock: systemClock, readTogether: (fn) => crmReads.together(fn) }, mailbox.tenantId);
    const session = await runSession({ store: parts.store, families, clock: systemClock, sealer: parts.sealer }, mailbox.mailboxId);
    io.out(json ? JSON.stringify({ mailbox: { mailboxId: mailbox.mailboxId, email: mailbox.email }, poll, session }, null, 2) : formatCycle(mailbox, poll, session));
    return exitCodeOf(session);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${what} of ${email} failed: ${scrubSecrets(message)}`);
    return 1;
  } finally {
    await parts?.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  process.exitCode = await runCli(process.argv.slice(2), process.env);
}
