// A mailbox's page: its recent sessions, its items in error (each with a retry) and its conflicts with both sides'
// versions and the winner. Prop-driven: the view fetches and acts.
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ConflictView, ItemError, SessionView } from '../../shared/admin-api.js';
import { counts, when } from './format.js';

function SimpleTable({ label, head, children }: { label: string; head: string[]; children: ReactNode }) {
  return (
    <Table aria-label={label} size="small">
      <TableHeader>
        <TableRow>
          {head.map((h) => (
            <TableHeaderCell key={h}>{h}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>{children}</TableBody>
    </Table>
  );
}

export function SessionsTable({ sessions }: { sessions: readonly SessionView[] }) {
  if (sessions.length === 0) return <p>No session recorded yet.</p>;
  return (
    <SimpleTable label="Recent sessions" head={['Ended', 'Reason', 'Outcome', 'Read (Outlook / CRM)', 'Applied', 'Failed', 'Held', 'Duration']}>
      {sessions.map((s) => (
        <TableRow key={s.sessionId}>
          <TableCell>{when(s.at)}</TableCell>
          <TableCell>
            {s.reason}
            {s.fullRead ? ' (full read)' : ''}
          </TableCell>
          <TableCell>{s.outcome === 'ok' ? 'ok' : `error${s.error?.message ? `: ${s.error.message}` : ''}`}</TableCell>
          <TableCell>
            {s.read.outlook} / {s.read.crm}
          </TableCell>
          <TableCell>{counts(s.applied)}</TableCell>
          <TableCell>{s.failed}</TableCell>
          <TableCell>{s.held}</TableCell>
          <TableCell>{(s.durationMs / 1000).toFixed(1)} s</TableCell>
        </TableRow>
      ))}
    </SimpleTable>
  );
}

export interface ItemErrorsTableProps {
  errors: readonly ItemError[];
  /** Pair ids whose retry was asked for. */
  retried: ReadonlySet<string>;
  onRetry(pairId: string): void;
}

export function ItemErrorsTable({ errors, retried, onRetry }: ItemErrorsTableProps) {
  if (errors.length === 0) return <p>No item in error.</p>;
  return (
    <SimpleTable label="Items in error" head={['Item', 'Reason', 'Since', 'Retry']}>
      {errors.map((e) => (
        <TableRow key={e.pairId}>
          <TableCell>
            {e.family} / {e.kind}
            {e.crmObjectId ? ` (C4C ${e.crmObjectId})` : ''}
          </TableCell>
          <TableCell>
            {e.code ?? 'unknown'}
            {e.message ? `: ${e.message}` : ''}
          </TableCell>
          <TableCell>{when(e.since)}</TableCell>
          <TableCell>
            <Button size="small" disabled={retried.has(e.pairId)} onClick={() => onRetry(e.pairId)} aria-label={`${retried.has(e.pairId) ? 'Retry asked' : 'Retry'} ${e.family} item ${e.pairId}`}>
              {retried.has(e.pairId) ? 'Retry asked' : 'Retry'}
            </Button>
          </TableCell>
        </TableRow>
      ))}
    </SimpleTable>
  );
}

const SIDE = { outlook: 'Outlook', crm: 'C4C' } as const;

export function ConflictsTable({ conflicts }: { conflicts: readonly ConflictView[] }) {
  if (conflicts.length === 0) return <p>No conflict recorded.</p>;
  return (
    <SimpleTable label="Conflicts" head={['When', 'Fields both sides changed', 'Outlook version', 'C4C version', 'Winner']}>
      {conflicts.map((c, i) => (
        <TableRow key={`${c.sessionId}-${c.pairId ?? i}`}>
          <TableCell>{when(c.at)}</TableCell>
          <TableCell>{c.fields.join(', ')}</TableCell>
          <TableCell>{c.outlook.version ?? '—'}</TableCell>
          <TableCell>{c.crm.version ?? '—'}</TableCell>
          <TableCell>
            {SIDE[c.winner]}
            {c.applied ? '' : ' (not written yet)'}
          </TableCell>
        </TableRow>
      ))}
    </SimpleTable>
  );
}
