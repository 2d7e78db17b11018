// The items a soak run leaves showing the error mark (R9). The soak names each one: the side ids found by the checker,
// and after the run the reason the service recorded on the item's pair (sync_pairs.last_error_*), so that no visible
// error is counted without being explained.
import type { Queryable } from '../../src/server/adapters/store/index.js';

/** An item left showing the error mark: its side ids, so that its reason can be read from the service's pairs. */
export interface VisibleError {
  tag: string;
  family: 'calendar' | 'tasks' | 'contacts' | 'shared meeting';
  sideIds: string[];
  /** The pair's last error (code: message), named after the run from the service's store. */
  reason?: string;
}

export function noteVisibleError(report: { visibleErrors: number; visibleErrorItems: VisibleError[] }, error: VisibleError): void {
  report.visibleErrors += 1;
  report.visibleErrorItems.push(error);
}

/** Fills in each error's reason from the pairs in error that hold one of its side ids. */
export async function nameVisibleErrors(db: Queryable, errors: readonly VisibleError[]): Promise<void> {
  if (errors.length === 0) return;
  // Few pairs are in error after a run: all are read, and a To Do task's pair id (list/task) matched by its end.
  const { rows } = await db.query<{ outlook_id: string | null; last_error_code: string | null; last_error_message: string | null }>(
    "SELECT outlook_id, last_error_code, last_error_message FROM sync_pairs WHERE status = 'error'",
  );
  const holds = (outlookId: string | null, id: string) => outlookId !== null && (outlookId === id || outlookId.endsWith(`/${id}`));
  for (const error of errors) {
    const row = rows.find((r) => error.sideIds.some((id) => holds(r.outlook_id, id)));
    error.reason = row ? `${row.last_error_code ?? '?'}: ${row.last_error_message ?? ''}` : 'no pair in error holds it (a mark the service did not clear)';
  }
}
