// `npm run sync -- --mailbox <upn>`: argument handling and the printed report (directly), and the real command
// spawned against both sandboxes and a PostgreSQL test database (exit codes, output, no secrets).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_TENANT } from '../../../src/sandbox/common/demo-tenant.js';
import { openPostgres, migrate } from '../../../src/server/adapters/store/index.js';
import { createSessionStore } from '../../../src/server/adapters/store/index.js';
import { parseCommandLine } from '../../../src/server/cli/args.js';
import { exitCodeOf, formatCycle } from '../../../src/server/cli/report.js';
import { exitCodeOfErasure, formatErasure } from '../../../src/server/cli/erase-report.js';
import type { ErasureReport } from '../../../src/server/jobs/erase-mailbox.js';
import type { SessionReport } from '../../../src/server/sync/run/session.js';
import { AVA, BEN, mailboxOf, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import { stopTestDatabases, testPostgresServer } from '../../support/test-database.js';
import { dayIso } from './fixtures.js';

const ROOT = process.cwd();

function report(overrides: Partial<SessionReport> = {}): SessionReport {
  return {
    sessionId: 's-1',
    mailboxId: AVA.id,
    skipped: null,
    fullRead: false,
    read: { outlook: 3, crm: 1 },
    applied: {},
    failed: [],
    held: 0,
    warnings: [],
    durationMs: 1234,
    ...overrides,
  };
}
const poll = { tenantId: DEMO_TENANT.tenantId, activities: 2, mailboxIds: [AVA.id], deletes: { filed: 0, waiting: 0, failure: null } };

describe('command line', () => {
  it('takes --mailbox (lower-cased) and --json; -h prints help', () => {
    expect(parseCommandLine(['--mailbox', 'Ava.Adams@Contoso.example'])).toEqual({ kind: 'run', options: { mailbox: 'ava.adams@contoso.example', json: false } });
    expect(parseCommandLine(['-m', AVA.mail, '--json'])).toEqual({ kind: 'run', options: { mailbox: AVA.mail, json: true } });
    expect(parseCommandLine(['-h'])).toEqual({ kind: 'help' });
  });

  it('refuses a missing or malformed mailbox and unknown options with a clear message', () => {
    expect(parseCommandLine([])).toEqual({ kind: 'error', message: expect.stringMatching(/Missing --mailbox/) });
    expect(parseCommandLine(['--mailbox', 'ava'])).toEqual({ kind: 'error', message: expect.stringMatching(/must be an e-mail address/) });
    expect(parseCommandLine(['--mailbox', AVA.mail, '--force'])).toEqual({ kind: 'error', message: expect.stringMatching(/--force/) });
    expect(parseCommandLine(['extra'])).toMatchObject({ kind: 'error' });
  });
});

describe('erase command line', () => {
  it('takes erase --mailbox as an e-mail address (lower-cased) or a mailbox id, and --json', () => {
    expect(parseCommandLine(['erase', '--mailbox', 'Ava.Adams@Contoso.example'])).toEqual({ kind: 'erase', options: { mailbox: 'ava.adams@contoso.example', json: false } });
    expect(parseCommandLine(['erase', '-m', AVA.id, '--json'])).toEqual({ kind: 'erase', options: { mailbox: AVA.id, json: true } });
    expect(parseCommandLine(['erase', '--help'])).toEqual({ kind: 'help' });
  });

  it('refuses a missing or malformed mailbox and unknown options', () => {
    expect(parseCommandLine(['erase'])).toEqual({ kind: 'error', message: expect.stringMatching(/Missing --mailbox/) });
    expect(parseCommandLine(['erase', '--mailbox', 'a@b@c'])).toEqual({ kind: 'error', message: expect.stringMatching(/must be an e-mail address or a mailbox id/) });
    expect(parseCommandLine(['erase', '--mailbox', AVA.mail, '--yes'])).toEqual({ kind: 'error', message: expect.stringMatching(/--yes/) });
  });

  it('prints the rows erased per table and the Graph outcome; exit 3 when a subscription could not be deleted at Graph', () => {
    const report: ErasureReport = {
      mailbox: { mailboxId: AVA.id, email: AVA.mail },
      erased: { sync_pairs: 12, sync_log: 40, crm_inbox: 0, write_intents: 0, pending_creates: 1, guard_holds: 0, graph_subscriptions: 1, sync_list_entries: 0, sync_list_dismissals: 0, cursors: 1, mailboxes: 1 },
      graphSubscriptions: { deleted: 0, alreadyGone: 0, failed: [{ subscriptionId: 'sub-1', message: 'temporary: Graph answered 503' }] },
      complete: false,
    };
    const text = formatErasure(report);
    expect(text).toContain(`Erased mailbox ${AVA.mail} (id ${AVA.id})`);
    expect(text).toMatch(/sync_log +40/);
    expect(text).toMatch(/total +56/);
    expect(text).toContain('0 deleted, 0 already gone, 1 not deleted');
    expect(text).toContain('sub-1: temporary: Graph answered 503');
    expect(exitCodeOfErasure(report)).toBe(3);
    expect(exitCodeOfErasure({ ...report, graphSubscriptions: { deleted: 1, alreadyGone: 0, failed: [] }, complete: true })).toBe(0);
  });
});

describe('printed report', () => {
  it('lists applied actions in words, failures with reasons, holds and warnings', () => {
    const text = formatCycle(
      mailboxOf(AVA),
      poll,
      report({
        fullRead: true,
        applied: { createCrm: 2, recordState: 3, markError: 1 },
        failed: [{ pairId: 'o-1', code: 'rejected', message: 'Location too long; auth was Basic dXNlcjpwYXNz' }],
        held: 4,
        warnings: ['deleteGuard: 30 cancels/deletes exceed the limit of 25'],
      }),
    );
    expect(text).toContain(`Mailbox ${AVA.mail} (${AVA.displayName}`);
    expect(text).toContain('C4C change query: 2 changed activities, filed for 1 mailbox');
    expect(text).toContain('full read of the calendar, 3 Outlook items and 1 C4C activity read, 1.2 s');
    expect(text).toMatch(/ {3}2 {2}created in C4C/);
    expect(text).toMatch(/1 {2}marked with the error category/);
    expect(text).not.toContain('recorded');
    expect(text).toContain('Failed: 1 item');
    expect(text).toContain('o-1: rejected: Location too long');
    expect(text).not.toContain('dXNlcjpwYXNz');
    expect(text).toContain('Held for an administrator: 4 actions');
    expect(text).toContain('Warning: deleteGuard');
  });

  it('says when there was nothing to do, and maps outcomes to exit codes', () => {
    expect(formatCycle(mailboxOf(AVA), poll, report())).toContain('Nothing to do');
    expect(exitCodeOf(report())).toBe(0);
    expect(exitCodeOf(report({ failed: [{ pairId: 'p', code: 'c', message: 'm' }] }))).toBe(3);
    expect(exitCodeOf(report({ skipped: 'disabled' }))).toBe(1);
  });
});

function runCliProcess(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/server/cli/main.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '/tmp', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run sync (spawned)', () => {
  let h: SyncHarness;
  let env: Record<string, string>;
  beforeAll(async () => {
    h = await startSyncHarness('postgres', { users: [] });
    const databaseUrl = await (await testPostgresServer()).createDatabase();
    const db = await openPostgres({ connectionString: databaseUrl });
    await migrate(db);
    const store = createSessionStore(db);
    // Ava is enrolled by the CLI itself (a fresh store); Ben is known but disabled.
    await store.transaction(async (tx) => tx.upsertMailbox({ ...mailboxOf(BEN), enabled: false }));
    await store.close();
    env = {
      SANDBOX: 'true',
      DATABASE_URL: databaseUrl,
      GRAPH_BASE_URL: `${h.graphUrl}/v1.0`,
      GRAPH_AUTHORITY: h.graphUrl.replace(/^http:/, 'https:'),
      TENANT_ID: DEMO_TENANT.tenantId,
      CLIENT_ID: DEMO_TENANT.serviceApp.clientId,
      CLIENT_SECRET: DEMO_TENANT.serviceApp.clientSecret,
      API_AUDIENCE: DEMO_TENANT.serviceApp.appIdUri,
      ADDIN_ID: DEMO_TENANT.addinId,
      GRAPH_WEBHOOK_CLIENT_STATE_SECRET: 'cli-test-client-state-secret-01',
      C4C_BASE_URL: `${h.c4cUrl}/sap/c4c/odata/v1/c4codataapi/`,
      C4C_USER: DEMO_TENANT.c4cTechnicalUser.user,
      C4C_PASSWORD: DEMO_TENANT.c4cTechnicalUser.password,
      C4C_WEBHOOK_USER: 'cli-test-events',
      C4C_WEBHOOK_PASSWORD: 'cli-test-c4c-webhook-secret-01',
      STATE_DIGEST_SECRET: 'cli-test-state-digest-secret-0123456789',
      NODE_EXTRA_CA_CERTS: join(ROOT, 'src/sandbox/identity/sandbox-tls-cert.pem'),
    };
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await stopTestDatabases();
  });

  const secrets = () => [DEMO_TENANT.serviceApp.clientSecret, DEMO_TENANT.c4cTechnicalUser.password, env.DATABASE_URL as string, 'cli-test-c4c-webhook-secret-01'];

  it('syncs the mailbox once, prints what it did, exits 0; a second run has nothing to do', async () => {
    const first = await runCliProcess(['--mailbox', AVA.mail], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Mailbox ${AVA.mail}`);
    expect(first.stdout).toMatch(/\d+ {2}created in C4C/);
    expect(first.stdout).toMatch(/\d+ {2}created in Outlook/);
    for (const secret of secrets()) expect(first.stdout + first.stderr).not.toContain(secret);

    const second = await runCliProcess(['--mailbox', AVA.mail, '--json'], env);
    expect(second.code).toBe(0);
    const parsed = JSON.parse(second.stdout) as { session: SessionReport };
    expect(parsed.session).toMatchObject({ mailboxId: AVA.id, fullRead: false, failed: [] });
    expect(Object.keys(parsed.session.applied).filter((t) => t !== 'recordState')).toEqual([]);

    // An item C4C rejects: the cycle runs, lists the failure and exits 3.
    await h.graph.createEvent(AVA.id, {
      subject: 'CLI rejected item',
      categories: ['SAP Cloud for Customer'],
      location: { displayName: 'z'.repeat(500) },
      start: { dateTime: `${dayIso(5)}T10:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${dayIso(5)}T11:00:00`, timeZone: 'UTC' },
    });
    const third = await runCliProcess(['--mailbox', AVA.mail], env);
    expect(third.code).toBe(3);
    expect(third.stdout).toMatch(/Failed: 1 item/);
    expect(third.stdout).toMatch(/ {2}- o-[0-9a-f]+: \w+: /);
  }, 60_000);

  it('fails clearly for an unknown or disabled mailbox, bad settings and bad arguments', async () => {
    const unknown = await runCliProcess(['--mailbox', 'nobody@contoso.example'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No mailbox nobody@contoso.example');

    const disabled = await runCliProcess(['--mailbox', BEN.mail], env);
    expect(disabled.code).toBe(1);
    expect(disabled.stderr).toContain('is disabled');

    const { TENANT_ID: _tenant, CLIENT_SECRET: _secret, ...partial } = env;
    const badConfig = await runCliProcess(['--mailbox', AVA.mail], partial);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/TENANT_ID: is required/);
    expect(badConfig.stderr).toMatch(/CLIENT_SECRET: is required/);
    for (const secret of secrets()) expect(badConfig.stderr).not.toContain(secret);

    const badArgs = await runCliProcess(['--mailbox'], env);
    expect(badArgs.code).toBe(2);
    expect(badArgs.stderr).toContain('Usage: npm run sync');
  }, 60_000);

  it('erase: deletes the subscription at Graph (gone there: fine) and every row of the mailbox, prints the counts, exits 0; Ben keeps his', async () => {
    const db = await openPostgres({ connectionString: env.DATABASE_URL as string });
    const count = async (mailboxId: string) =>
      Number((await db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM sync_pairs WHERE mailbox_id = $1) + (SELECT count(*) FROM sync_log WHERE mailbox_id = $1)
              + (SELECT count(*) FROM graph_subscriptions WHERE mailbox_id = $1) + (SELECT count(*) FROM cursors WHERE scope_id = $1)
              + (SELECT count(*) FROM mailboxes WHERE mailbox_id = $1) AS n`,
        [mailboxId],
      )).rows[0]?.n);
    try {
      // Ava synced above (pairs, log, cursor); a subscription the Graph sandbox does not know answers 404.
      await db.query(`INSERT INTO graph_subscriptions (subscription_id, mailbox_id, resource, expires_at, client_state_hash) VALUES ('cli-sub-unknown', $1, 'users/x/events', now() + interval '1 day', 'h')`, [AVA.id]);
      await db.query(`INSERT INTO sync_log (at, session_id, mailbox_id, event, outcome) VALUES ('2026-11-21T08:00:00.000Z', 'cli-s', $1, 'session', 'ok')`, [BEN.id]);
      expect(await count(AVA.id)).toBeGreaterThan(3);
      const benBefore = await count(BEN.id);

      const erased = await runCliProcess(['erase', '--mailbox', AVA.mail, '--json'], env);
      expect(erased.stderr).toBe('');
      expect(erased.code).toBe(0);
      const report = JSON.parse(erased.stdout) as ErasureReport;
      expect(report.mailbox).toEqual({ mailboxId: AVA.id, email: AVA.mail });
      expect(report.erased).toMatchObject({ mailboxes: 1, graph_subscriptions: 1, cursors: 2 }); // the calendar's delta and To Do's
      expect(report.erased.sync_pairs).toBeGreaterThan(0);
      expect(report.graphSubscriptions).toEqual({ deleted: 0, alreadyGone: 1, failed: [] });
      expect(await count(AVA.id)).toBe(0);
      expect(await count(BEN.id)).toBe(benBefore);
      for (const secret of secrets()) expect(erased.stdout + erased.stderr).not.toContain(secret);

      const again = await runCliProcess(['erase', '--mailbox', AVA.mail], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`No mailbox ${AVA.mail}: nothing to erase.`);
    } finally {
      await db.close();
    }
  }, 60_000);
});
