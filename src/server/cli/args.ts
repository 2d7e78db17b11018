// Command line of `npm run sync -- --mailbox <upn>` and `npm run sync -- erase --mailbox <upn>`: parsing and the
// help text. Pure, so it is tested directly.
import { parseArgs } from 'node:util';

export interface CliOptions {
  /** The mailbox's primary SMTP address / UPN, lower-cased. */
  mailbox: string;
  /** Print the reports as JSON instead of text. */
  json: boolean;
  /** Run the session through this running service (cli/remote.ts) instead of opening the store here. */
  service?: string;
  /** An admin's bearer token for `service`. */
  token?: string;
}

export interface EraseOptions {
  /** The mailbox's e-mail address (lower-cased) or its id (the user's Entra object id). */
  mailbox: string;
  /** Print the erasure report as JSON instead of text. */
  json: boolean;
}

/** `npm run doctor`: check a configuration against the real services. */
export interface DoctorOptions {
  json: boolean;
  /** Ask this running service for its checks (GET /api/admin/checks) instead of checking the settings here. */
  service?: string;
  token?: string;
}

export const DOCTOR_USAGE = `Usage: npm run doctor [-- [--json] [--service <url> [--token <admin token>]]]

Checks a configuration against the real services, one line per check: ✔ passed, ✖ failed (with what to do), – does
not apply. Exit code 0 when nothing failed, 1 otherwise.

With no settings in the environment (beside \`npm start\`) it asks the running service (default
http://127.0.0.1:3000, or --service) for its checks, with the configuration the service runs with; beside the
sandboxes the admin token comes from the sandbox identity, for a deployment pass an admin's token (--token or
CRMSYNC_ADMIN_TOKEN). With the settings in the environment (or CONFIG_FILE) it checks them from here, before or
after the service starts (an embedded database in use by the service cannot be opened: ask the service then).`;

export type ParsedCommandLine =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'erase'; options: EraseOptions }
  | { kind: 'doctor'; options: DoctorOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const USAGE = `Usage: npm run sync -- --mailbox <upn> [--json] [--service <url> [--token <admin token>]]
       npm run sync -- erase --mailbox <upn | mailbox id> [--json]

Through a running service (the default when no settings are in the environment, e.g. beside \`npm start\`): asks
the service for a session of the mailbox now and prints what it did. --service defaults to http://127.0.0.1:3000;
beside the sandboxes the token comes from the sandbox identity (its demo administrator); for a real deployment pass
an admin's token (--token or CRMSYNC_ADMIN_TOKEN). Exit codes as below.

With the settings in the environment (and no --service): runs one sync cycle here, on the service's store (stop
an embedded-store service first: its data folder is locked): the tenant's C4C change query, then one session for
the mailbox, and prints what it did. A mailbox the store does not know yet is enrolled first, as the service does at start-up (users of
the tenant who are C4C employees). The settings come from the environment, as for the service. For the sandboxes
(npm run sandbox) set at least:

  SANDBOX=true
  GRAPH_BASE_URL=http://127.0.0.1:4001/v1.0        GRAPH_AUTHORITY=https://127.0.0.1:4001
  TENANT_ID, CLIENT_ID, CLIENT_SECRET, API_AUDIENCE, ADDIN_ID   (values: GET http://127.0.0.1:4001/_sandbox/info)
  GRAPH_WEBHOOK_CLIENT_STATE_SECRET                            (any 16+ characters)
  C4C_BASE_URL=http://127.0.0.1:4002/sap/c4c/odata/v1/c4codataapi/
  C4C_USER, C4C_PASSWORD                                        (values: GET http://127.0.0.1:4002/_sandbox/info)
  NODE_EXTRA_CA_CERTS=src/sandbox/identity/sandbox-tls-cert.pem (the sandbox identity's TLS certificate)
  DATA_DIR=.data or DATABASE_URL=postgres://…  (an embedded data folder serves one process: stop the service first)

Options:
  --mailbox <upn>   the user's e-mail address (userPrincipalName), e.g. ava.adams@contoso.example
  --json            print the reports as JSON
  --service <url>   the running service to ask (default http://127.0.0.1:3000 when no settings are set)
  --token <token>   an admin's bearer token for --service (default: CRMSYNC_ADMIN_TOKEN, or the sandbox's)
  -h, --help        show this help

Exit codes: 0 synced; 3 the session ran but some items failed (listed); 1 the cycle could not run; 2 bad arguments
or settings.

erase: erases the data of a user who leaves. Deletes the mailbox's change subscriptions at Graph, then every row
the service keeps for the mailbox (pairs, sync log, inbox, write intents, pending creates, holds, subscriptions,
cursors, the mailbox and its status) in one transaction, and prints the rows deleted per table. Nothing is
deleted in Outlook or C4C. A user the tenant still lists as a C4C employee is enrolled again at the service's next
start: remove them from the tenant (or from C4C) first. Exit codes: 0 erased; 3 erased, but some subscriptions
could not be deleted at Graph (listed; they expire within days); 1 no such mailbox, or the erasure failed
(nothing was deleted then; run it again); 2 bad arguments or settings.`;

/** The options both commands take: `--mailbox`, `--json`, `--help`. */
function parseMailboxOptions(argv: readonly string[]): { values: { mailbox?: string; json?: boolean; help?: boolean; service?: string; token?: string } } | { error: string } {
  try {
    return parseArgs({
      args: [...argv],
      options: { mailbox: { type: 'string', short: 'm' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, service: { type: 'string' }, token: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function parseErase(argv: readonly string[]): ParsedCommandLine {
  const parsed = parseMailboxOptions(argv);
  if ('error' in parsed) return { kind: 'error', message: parsed.error };
  const { values } = parsed;
  if (values.help) return { kind: 'help' };
  const raw = values.mailbox?.trim() ?? '';
  if (raw === '') return { kind: 'error', message: 'Missing --mailbox <upn | mailbox id> (the user to erase).' };
  if (/\s/.test(raw) || (raw.includes('@') && !/^[^@]+@[^@]+$/.test(raw))) return { kind: 'error', message: `--mailbox must be an e-mail address or a mailbox id, got "${raw}".` };
  // E-mail addresses are matched case-insensitively; ids are taken as they are.
  return { kind: 'erase', options: { mailbox: raw.includes('@') ? raw.toLowerCase() : raw, json: values.json ?? false } };
}

function parseDoctor(argv: readonly string[]): ParsedCommandLine {
  let values: { json?: boolean; help?: boolean; service?: string; token?: string };
  try {
    values = parseArgs({ args: [...argv], options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, service: { type: 'string' }, token: { type: 'string' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  if (values.service !== undefined && !/^https?:\/\/[^\s]+$/.test(values.service)) return { kind: 'error', message: `--service must be an http(s) URL, got "${values.service}".` };
  return { kind: 'doctor', options: { json: values.json ?? false, ...(values.service ? { service: values.service.replace(/\/+$/, '') } : {}), ...(values.token ? { token: values.token } : {}) } };
}

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  if (argv[0] === 'erase') return parseErase(argv.slice(1));
  if (argv[0] === 'doctor') return parseDoctor(argv.slice(1));
  const parsed = parseMailboxOptions(argv);
  if ('error' in parsed) return { kind: 'error', message: parsed.error };
  const { values } = parsed;
  if (values.help) return { kind: 'help' };
  const mailbox = values.mailbox?.trim().toLowerCase() ?? '';
  if (mailbox === '') return { kind: 'error', message: 'Missing --mailbox <upn> (the user\'s e-mail address).' };
  if (!/^[^@\s]+@[^@\s]+$/.test(mailbox)) return { kind: 'error', message: `--mailbox must be an e-mail address (userPrincipalName), got "${mailbox}".` };
  if (values.service !== undefined && !/^https?:\/\/[^\s]+$/.test(values.service)) return { kind: 'error', message: `--service must be an http(s) URL, got "${values.service}".` };
  return { kind: 'run', options: { mailbox, json: values.json ?? false, ...(values.service ? { service: values.service.replace(/\/+$/, '') } : {}), ...(values.token ? { token: values.token } : {}) } };
}
