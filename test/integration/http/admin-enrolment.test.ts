// The enrolment policy (issue 17) over the real store on PGlite and PostgreSQL (fastify inject): 401 / 403, a bad
// policy refused with a message naming the field, a preview that writes nothing, applying (audited: who, old → new;
// the removed mailboxes disabled and their sync state forgotten, the user's sync list kept), enrol and remove per
// mailbox (audited), and a provisioning run that follows the stored policy and the per-mailbox decisions.
import { jest } from '@jest/globals';
import pino from 'pino';
import { createSessionStore, SqlAdminConsole, SqlAdminMailboxes, SqlEnrolment, SqlMailboxErasure, type Database } from '../../../src/server/adapters/store/index.js';
import { forgetSyncState } from '../../../src/server/jobs/erase-mailbox.js';
import { provisionMailboxes } from '../../../src/server/jobs/provision-mailboxes.js';
import { UnknownGroupError, type GroupDirectory } from '../../../src/server/ports/enrolment.js';
import { ADMIN_ROLE, buildTestApp, TENANT } from '../../support/http-app-fakes.js';
import { seedMailboxRows } from '../../support/mailbox-rows.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

jest.setTimeout(60_000);
afterAll(stopTestDatabases);

const GROUP = '5a1e5000-0000-4000-8000-0000000000b1';
const logger = pino({ level: 'silent' });
const mail = (id: string) => `${id}@contoso.example`;

async function appOn(db: Database) {
  const asked: string[] = [];
  const members = new Set<string>(['enr-d']);
  const groups: GroupDirectory = {
    groupMembers: async (id) => {
      if (id !== GROUP) throw new UnknownGroupError(id);
      return { ids: members, emails: new Set<string>() };
    },
  };
  const store = createSessionStore(db, { ownsDatabase: false });
  const forget = (mailboxId: string) => forgetSyncState({ store, erasure: new SqlMailboxErasure(db), graph: { deleteSubscription: async () => 'deleted' as const }, logger }, mailboxId);
  const enrolment = { tenantId: TENANT, store: new SqlEnrolment(db), groups, forget, askSession: async (id: string) => void asked.push(id), logger, mailboxes: new SqlAdminMailboxes(db), intervalMinutes: async () => 30, now: () => new Date() };
  const built = await buildTestApp({
    items: {},
    admin: { console: { tenantId: TENANT, store: new SqlAdminConsole(db), environment: { settings: (await new SqlAdminConsole(db).readSettings(TENANT)).settings, setInEnvironment: [] } }, enrolment },
  });
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, roles?: string[], payload?: unknown) =>
    built.app.inject({ method, url, payload: payload as Record<string, unknown> | undefined, headers: roles ? { authorization: `Bearer ${await built.mint({ oid: 'admin-7', roles })}` } : {} });
  return { ...built, asked, call, groups, forget, enrolment };
}

const auditOf = async (db: Database, action: string) =>
  (await db.query<{ actor: string; target: string | null; detail: Record<string, unknown> }>('SELECT actor, target, detail FROM admin_audit WHERE action = $1 ORDER BY id', [action])).rows;
const enabledOf = async (db: Database) =>
  Object.fromEntries((await db.query<{ mailbox_id: string; enabled: boolean }>("SELECT mailbox_id, enabled FROM mailboxes WHERE mailbox_id LIKE 'enr-%' ORDER BY mailbox_id")).rows.map((r) => [r.mailbox_id, r.enabled]));
const rowsOf = async (db: Database, table: string, mailboxId: string) => (await db.query(`SELECT 1 FROM ${table} WHERE mailbox_id = $1`, [mailboxId])).rowCount;

describe.each(TEST_DRIVERS)('/api/admin/enrolment on %s', (driver) => {
  let db: Database;
  let t: Awaited<ReturnType<typeof appOn>>;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
    t = await appOn(db);
    for (const id of ['enr-a', 'enr-b', 'enr-c']) await seedMailboxRows(db, id);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('answers 401 without a token and 403 without the admin role, and changes nothing', async () => {
    const list = { policy: { mode: 'list', emails: [mail('enr-a')] } };
    for (const [method, url, body] of [['GET', '/api/admin/enrolment'], ['POST', '/api/admin/enrolment/preview', list], ['PUT', '/api/admin/enrolment', list], ['POST', '/api/admin/mailboxes/enr-a/enrol'], ['POST', '/api/admin/mailboxes/enr-a/remove']] as const) {
      expect((await t.call(method, url, undefined, body)).statusCode).toBe(401);
      expect((await t.call(method, url, ['CrmSync.Reader'], body)).statusCode).toBe(403);
    }
    expect(await enabledOf(db)).toEqual({ 'enr-a': true, 'enr-b': true, 'enr-c': true });
    expect((await db.query('SELECT 1 FROM admin_audit')).rowCount).toBe(0);
  });

  it('refuses a bad policy with a message naming the field, and an unknown group; nothing is written', async () => {
    const cases: Array<[unknown, string]> = [
      [{ mode: 'some' }, 'policy.mode:'],
      [{ mode: 'group', groupId: 'sales' }, 'policy.groupId:'],
      [{ mode: 'list', emails: [mail('enr-a'), 'not an address'] }, 'policy.emails[1]:'],
      [{ mode: 'list', emails: [] }, 'policy.emails:'],
      [{ mode: 'all', groupId: GROUP }, 'policy.groupId:'],
      [{ mode: 'group', groupId: '5a1e5000-0000-4000-8000-0000000000ff' }, 'policy.groupId: no Entra group'],
    ];
    for (const [policy, message] of cases) {
      for (const [method, url] of [['POST', '/api/admin/enrolment/preview'], ['PUT', '/api/admin/enrolment']] as const) {
        const res = await t.call(method, url, [ADMIN_ROLE], { policy });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toContain(message);
      }
    }
    expect((await t.call('PUT', '/api/admin/enrolment', [ADMIN_ROLE], {})).json().error.message).toMatch(/^policy: /);
    expect(await enabledOf(db)).toEqual({ 'enr-a': true, 'enr-b': true, 'enr-c': true });
    expect((await db.query('SELECT 1 FROM admin_audit')).rowCount).toBe(0);
    expect((await t.call('GET', '/api/admin/enrolment', [ADMIN_ROLE])).json()).toMatchObject({ policy: { mode: 'all' }, updatedAt: null, enrolled: 3, notEnrolled: 0 });
  });

  it('previews who would be added, removed and stay without writing, then applies it (audited, state forgotten)', async () => {
    const policy = { mode: 'list', emails: [mail('ENR-A'), mail('enr-c'), mail('nobody')] };
    const preview = await t.call('POST', '/api/admin/enrolment/preview', [ADMIN_ROLE], { policy });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({
      policy: { mode: 'list', emails: [mail('enr-a'), mail('enr-c'), mail('nobody')] },
      added: { count: 0, first: [] },
      removed: { count: 1, first: [{ mailboxId: 'enr-b', email: mail('enr-b'), displayName: 'User enr-b' }] },
      stays: { count: 2, first: [expect.objectContaining({ mailboxId: 'enr-a' }), expect.objectContaining({ mailboxId: 'enr-c' })] },
      unknownAddresses: [mail('nobody')],
    });
    expect(await enabledOf(db)).toEqual({ 'enr-a': true, 'enr-b': true, 'enr-c': true });
    expect((await db.query('SELECT 1 FROM admin_audit')).rowCount).toBe(0);

    const applied = await t.call('PUT', '/api/admin/enrolment', [ADMIN_ROLE], { policy });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ removed: { count: 1 }, enrolment: { policy: { mode: 'list' }, updatedBy: 'admin-7', enrolled: 2, notEnrolled: 1 } });
    expect(await enabledOf(db)).toEqual({ 'enr-a': true, 'enr-b': false, 'enr-c': true });
    expect(await auditOf(db, 'enrolment.apply')).toEqual([{ actor: 'admin-7', target: 'enrolment', detail: { from: { mode: 'all' }, to: { mode: 'list', emails: [mail('enr-a'), mail('enr-c'), mail('nobody')] }, added: 0, removed: 1 } }]);
    // Removed: its sync state is gone, its registration and the user's sync list stay; the others keep theirs.
    for (const table of ['sync_pairs', 'crm_inbox', 'guard_holds', 'graph_subscriptions']) expect(await rowsOf(db, table, 'enr-b')).toBe(0);
    expect((await db.query("SELECT 1 FROM cursors WHERE scope_id = 'enr-b'")).rowCount).toBe(0);
    expect(await rowsOf(db, 'sync_list_entries', 'enr-b')).toBe(1);
    expect(await rowsOf(db, 'sync_pairs', 'enr-a')).toBe(2);
  });

  it('enrols and removes one mailbox (audited; a removal forgets its state, an enrolment asks for a session)', async () => {
    const enrol = await t.call('POST', '/api/admin/mailboxes/enr-b@contoso.example/enrol', [ADMIN_ROLE]);
    expect(enrol.statusCode).toBe(200);
    expect(enrol.json()).toMatchObject({ changed: true, mailbox: { mailboxId: 'enr-b', state: expect.not.stringMatching('disabled') } });
    expect(t.asked).toContain('enr-b');
    const remove = await t.call('POST', '/api/admin/mailboxes/enr-a/remove', [ADMIN_ROLE]);
    expect(remove.json()).toMatchObject({ changed: true, mailbox: { mailboxId: 'enr-a', state: 'disabled' } });
    expect(await rowsOf(db, 'sync_pairs', 'enr-a')).toBe(0);
    expect((await t.call('POST', '/api/admin/mailboxes/enr-a/remove', [ADMIN_ROLE])).json().changed).toBe(false);
    expect((await t.call('POST', '/api/admin/mailboxes/enr-zz/remove', [ADMIN_ROLE])).statusCode).toBe(404);
    expect((await auditOf(db, 'mailbox.enrol')).map((r) => [r.actor, r.target])).toEqual([['admin-7', 'enr-b']]);
    expect((await auditOf(db, 'mailbox.remove')).map((r) => [r.actor, r.target])).toEqual([['admin-7', 'enr-a']]);
    expect(await enabledOf(db)).toEqual({ 'enr-a': false, 'enr-b': true, 'enr-c': true });
  });

  it('a provisioning run follows the stored policy and the per-mailbox decisions; a group policy is read from the directory', async () => {
    const users = ['enr-a', 'enr-b', 'enr-c', 'enr-d'].map((id) => ({ id, displayName: id, mail: mail(id), userPrincipalName: mail(id) }));
    const crm = { resolveParties: async (_t: string, emails: readonly string[]) => emails.map((email, i) => ({ email, partyId: `E${i}`, partyType: 'employee' as const })) };
    const store = createSessionStore(db, { ownsDatabase: false });
    const deps = { store, users: { listUsers: async () => users }, crm: crm as never, logger, enrolment: { store: t.enrolment.store, groups: t.groups, forget: t.forget } };
    await provisionMailboxes(deps, TENANT);
    // a: removed by the admin; b: enrolled by the admin; c: on the list; d: new and not on the list.
    expect(await enabledOf(db)).toEqual({ 'enr-a': false, 'enr-b': true, 'enr-c': true, 'enr-d': false });

    const preview = (await t.call('POST', '/api/admin/enrolment/preview', [ADMIN_ROLE], { policy: { mode: 'group', groupId: GROUP.toUpperCase() } })).json();
    expect(preview).toMatchObject({ policy: { groupId: GROUP }, added: { count: 1, first: [{ mailboxId: 'enr-d' }] }, removed: { count: 2 }, stays: { count: 0 } });
    expect((await t.call('PUT', '/api/admin/enrolment', [ADMIN_ROLE], { policy: { mode: 'group', groupId: GROUP } })).statusCode).toBe(200);
    expect(await enabledOf(db)).toEqual({ 'enr-a': false, 'enr-b': false, 'enr-c': false, 'enr-d': true });
    // The group changes in Entra: the next provisioning run enrols the new member and takes out the one who left.
    (t.groups as unknown as { groupMembers: GroupDirectory['groupMembers'] }).groupMembers = async () => ({ ids: new Set(['enr-c']), emails: new Set() });
    await store.transaction((tx) => tx.setCursor({ kind: 'graphDelta', scopeId: 'enr-d' }, 'https://graph.example/delta?token=d'));
    await provisionMailboxes(deps, TENANT);
    expect(await enabledOf(db)).toEqual({ 'enr-a': false, 'enr-b': false, 'enr-c': true, 'enr-d': false });
    expect((await db.query("SELECT 1 FROM cursors WHERE scope_id = 'enr-d'")).rowCount).toBe(0);
  });
});
