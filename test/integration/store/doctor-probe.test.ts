// The doctor's database check on both drivers: current, pending (the service has not started on it yet) and too new
// (migrated by a newer version), read without applying anything; the first enrolled mailbox it tries Graph on; and
// the group an enrolment policy names (its members are checked).
import { SqlDoctorProbe, type Database } from '../../../src/server/adapters/store/index.js';
import { SqlEnrolment } from '../../../src/server/adapters/store/sql-enrolment.js';
import { storeCheck } from '../../../src/server/doctor/store-check.js';
import { stopTestDatabases, openTestDatabase, TEST_DRIVERS } from '../../support/test-database.js';

afterAll(stopTestDatabases);

describe.each(TEST_DRIVERS)('%s', (driver) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(driver);
  });
  afterEach(async () => {
    await db.close();
  });

  it('says current, pending or too new, and never migrates', async () => {
    const probe = new SqlDoctorProbe(db, 't1');
    expect(await storeCheck(probe, driver === 'postgres')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/\d+ migrations applied/) });

    await db.query('DELETE FROM schema_migrations WHERE id = (SELECT max(id) FROM schema_migrations)');
    expect(await storeCheck(probe, false)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^1 of \d+ migrations pending/), fix: expect.stringContaining('Start the service once') });
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]?.n;
    await storeCheck(probe, false);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]?.n).toBe(before);

    await db.query("INSERT INTO schema_migrations (id, name) VALUES (9999, 'from-the-future')");
    expect(await storeCheck(probe, false)).toMatchObject({ status: 'fail', detail: expect.stringContaining('(9999)'), fix: expect.stringContaining('newer version') });
  });

  it('finds the first enrolled mailbox, or none', async () => {
    const probe = new SqlDoctorProbe(db, 't1');
    expect(await probe.firstMailbox()).toBeNull();
    await db.query("INSERT INTO tenants (tenant_id) VALUES ('t1')");
    await db.query("INSERT INTO mailboxes (mailbox_id, tenant_id, provider, email) VALUES ('m2', 't1', 'graph', 'zoe@contoso.example'), ('m1', 't1', 'graph', 'ava@contoso.example')");
    expect(await probe.firstMailbox()).toEqual({ id: 'm1', email: 'ava@contoso.example' });
  });

  it("names the enrolment policy's group, and none under another policy or before the first start", async () => {
    const probe = new SqlDoctorProbe(db, 't1');
    expect(await probe.enrolmentGroup()).toBeNull();
    const enrolment = new SqlEnrolment(db);
    const audit = { actor: 'admin', action: 'enrolment.apply', target: 'enrolment', detail: {} };
    await enrolment.applyPolicy('t1', { mode: 'group', groupId: '5a1e5000-0000-4000-8000-0000000000b1' }, { enable: [], disable: [] }, audit);
    expect(await probe.enrolmentGroup()).toBe('5a1e5000-0000-4000-8000-0000000000b1');
    // Another tenant's policy is not this one's.
    expect(await new SqlDoctorProbe(db, 't2').enrolmentGroup()).toBeNull();
    await enrolment.applyPolicy('t1', { mode: 'list', emails: ['ava@contoso.example'] }, { enable: [], disable: [] }, audit);
    expect(await probe.enrolmentGroup()).toBeNull();
  });
});
