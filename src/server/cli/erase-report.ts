// What `npm run sync -- erase` prints: the rows deleted per table and what happened at Graph, in words an operator
// reads at a glance (and keeps as the record of the erasure). Messages are scrubbed of secrets all the same.
import type { ErasureReport } from '../jobs/erase-mailbox.js';
import { scrubSecrets } from '../log/index.js';
import { ERASED_TABLES } from '../ports/mailbox-erasure.js';

export function formatErasure(report: ErasureReport): string {
  const lines: string[] = [];
  lines.push(`Erased mailbox ${report.mailbox.email} (id ${report.mailbox.mailboxId}). Rows deleted:`);
  const width = Math.max(...ERASED_TABLES.map((t) => t.length));
  for (const table of ERASED_TABLES) lines.push(`  ${table.padEnd(width)}  ${String(report.erased[table]).padStart(6)}`);
  const total = ERASED_TABLES.reduce((sum, table) => sum + report.erased[table], 0);
  lines.push(`  ${'total'.padEnd(width)}  ${String(total).padStart(6)}`);
  const g = report.graphSubscriptions;
  lines.push(`Graph change subscriptions: ${g.deleted} deleted, ${g.alreadyGone} already gone, ${g.failed.length} not deleted`);
  for (const f of g.failed) lines.push(`  - ${f.subscriptionId}: ${scrubSecrets(f.message)} (it expires on its own within days)`);
  return lines.join('\n');
}

/** 0 when everything went; 3 when the rows went but some subscription could not be deleted at Graph. */
export function exitCodeOfErasure(report: ErasureReport): number {
  return report.complete ? 0 : 3;
}
