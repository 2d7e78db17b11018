// What `npm run sync` prints: the tenant poll and the session report in words an operator reads at a glance.
// Reports hold ids, counts and error messages only, never credentials; messages are scrubbed all the same.
import type { Mailbox } from '../domain/mailbox.js';
import { scrubSecrets } from '../log/index.js';
import type { SessionReport } from '../sync/run/session.js';
import type { TenantPollReport } from '../sync/tenant/poll.js';

/** Readable names of the planner's action types. */
const ACTION_LABELS: Record<string, string> = {
  createCrm: 'created in C4C',
  updateCrm: 'updated in C4C',
  cancelCrm: 'cancelled in C4C',
  createOutlook: 'created in Outlook',
  updateOutlook: 'updated in Outlook',
  deleteOutlook: 'deleted in Outlook',
  removeCategoryAndNotify: 'untagged in Outlook (cancelled in C4C)',
  unlink: 'unlinked (category removed)',
  markError: 'marked with the error category',
  clearError: 'error category cleared',
  recordState: 'sync state recorded',
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function formatCycle(mailbox: Mailbox, poll: TenantPollReport, session: SessionReport): string {
  const lines: string[] = [];
  lines.push(`Mailbox ${mailbox.email} (${mailbox.displayName}, id ${mailbox.mailboxId})`);
  lines.push(`C4C change query: ${plural(poll.activities, 'changed activity', 'changed activities')}, filed for ${plural(poll.mailboxIds.length, 'mailbox', 'mailboxes')}`);
  if (session.skipped) {
    lines.push(`Session skipped: ${session.skipped === 'disabled' ? 'the mailbox is disabled' : 'the mailbox is not registered'}`);
    return lines.join('\n');
  }
  lines.push(
    `Session ${session.sessionId}: ${session.fullRead ? 'full read of the calendar' : 'incremental read'}, ` +
      `${plural(session.read.outlook, 'Outlook item')} and ${plural(session.read.crm, 'C4C activity', 'C4C activities')} read, ${(session.durationMs / 1000).toFixed(1)} s`,
  );
  const applied = Object.entries(session.applied)
    .filter(([type, n]) => type !== 'recordState' && n > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  if (applied.length === 0) lines.push('Nothing to do: both sides were already in step.');
  else for (const [type, n] of applied) lines.push(`  ${String(n).padStart(4)}  ${ACTION_LABELS[type] ?? type}`);
  if (session.failed.length > 0) {
    lines.push(`Failed: ${plural(session.failed.length, 'item')} (they carry the error category and are retried next session)`);
    for (const f of session.failed) lines.push(`  - ${f.pairId}: ${f.code}: ${scrubSecrets(f.message)}`);
  }
  if (session.held > 0) lines.push(`Held for an administrator: ${plural(session.held, 'action')} (delete guard)`);
  for (const warning of session.warnings) lines.push(`Warning: ${scrubSecrets(warning)}`);
  return lines.join('\n');
}

/** Exit code of a cycle that ran: 0 when every item synced, 3 when some failed. */
export function exitCodeOf(session: SessionReport): number {
  if (session.skipped) return 1;
  return session.failed.length > 0 ? 3 : 0;
}
