// The retention job (the privacy issue): once a day, rows older than RETENTION_DAYS go (ports/retention.ts says
// which). Registered in register-jobs.ts; pg-boss runs a schedule once per period across all processes.
import type { Logger } from '../log/index.js';
import type { Clock } from '../ports/clock.js';
import type { PurgedRows, Retention } from '../ports/retention.js';

/** Daily, at a quiet hour (UTC) and off the full hour when other schedules crowd. */
export const RETENTION_CRON = '17 3 * * *';
/** Rows per DELETE statement: small enough that each statement holds its locks only briefly. */
export const RETENTION_BATCH_SIZE = 500;

export interface RetentionJobDeps {
  retention: Retention;
  clock: Clock;
  logger: Logger;
  retentionDays: number;
  batchSize?: number;
}

export async function purgeExpired(deps: RetentionJobDeps): Promise<PurgedRows> {
  const cutoff = new Date(deps.clock.now().getTime() - deps.retentionDays * 24 * 3600 * 1000);
  const purged = await deps.retention.purgeBefore(cutoff, { batchSize: deps.batchSize ?? RETENTION_BATCH_SIZE });
  const total = Object.values(purged).reduce((a, b) => a + b, 0);
  deps.logger[total > 0 ? 'info' : 'debug']({ cutoff: cutoff.toISOString(), purged }, 'retention: old rows deleted');
  return purged;
}
