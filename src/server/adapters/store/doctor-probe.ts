// The doctor's store probe (ports/doctor-probes.ts): which of the program's migrations the database holds, read
// without applying any (the service migrates at start), the first enrolled mailbox and the enrolment policy's group.
import type { ProbeMailbox, StoreProbe, StoreStatus } from '../../ports/doctor-probes.js';
import type { Database } from './database.js';
import { MIGRATIONS } from './migrations/index.js';
import { SqlEnrolment } from './sql-enrolment.js';

export class SqlDoctorProbe implements StoreProbe {
  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
  ) {}

  async migrations(): Promise<StoreStatus> {
    try {
      const table = await this.db.query<{ name: string | null }>("SELECT to_regclass('schema_migrations')::text AS name");
      const applied = table.rows[0]?.name ? (await this.db.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((r) => Number(r.id)) : [];
      const known = new Set(MIGRATIONS.map((m) => m.id));
      return {
        ok: true,
        applied: applied.filter((id) => known.has(id)).length,
        known: known.size,
        unknown: applied.filter((id) => !known.has(id)).sort((a, b) => a - b),
      };
    } catch (error) {
      return { ok: false, status: null, code: 'database', message: error instanceof Error ? error.message : String(error) };
    }
  }

  async firstMailbox(): Promise<ProbeMailbox | null> {
    try {
      const rows = await this.db.query<{ mailbox_id: string; email: string }>('SELECT mailbox_id, email FROM mailboxes WHERE enabled ORDER BY email LIMIT 1');
      const row = rows.rows[0];
      return row ? { id: row.mailbox_id, email: row.email } : null;
    } catch {
      // No schema yet (a database the service has not started on): no enrolled mailbox.
      return null;
    }
  }

  async enrolmentGroup(): Promise<string | null> {
    try {
      const { policy } = await new SqlEnrolment(this.db).readPolicy(this.tenantId);
      return policy.mode === 'group' ? policy.groupId : null;
    } catch {
      // No schema yet: the default policy (all C4C employees), which names no group.
      return null;
    }
  }
}
