// The audit trail: who did what, when, to what; for settings each `NAME: old → new`.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { AuditEntryView } from '../../shared/admin-api.js';
import { when } from './format.js';

function detailOf(entry: AuditEntryView): string {
  const changes = entry.detail.changes;
  if (Array.isArray(changes)) {
    return changes.map((c: { setting?: unknown; from?: unknown; to?: unknown }) => `${String(c.setting)}: ${String(c.from)} → ${String(c.to)}`).join('; ');
  }
  return Object.entries(entry.detail)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

export function AuditList({ entries }: { entries: readonly AuditEntryView[] }) {
  if (entries.length === 0) return <p>Nothing recorded yet.</p>;
  return (
    <Table aria-label="Audit trail" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>When</TableHeaderCell>
          <TableHeaderCell>Who</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
          <TableHeaderCell>On</TableHeaderCell>
          <TableHeaderCell>Detail</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={e.id}>
            <TableCell>{when(e.at)}</TableCell>
            <TableCell>{e.actor}</TableCell>
            <TableCell>{e.action}</TableCell>
            <TableCell>{e.target ?? '—'}</TableCell>
            <TableCell>{detailOf(e)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
