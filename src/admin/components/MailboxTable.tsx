// The mailbox list's table: one row per mailbox with its actions. Prop-driven: the view fetches and acts.
import { Badge, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useState } from 'react';
import type { MailboxRow } from '../../shared/admin-api.js';
import type { MailboxAction } from '../api.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { PROVIDER_NAMES, when } from './format.js';

export interface MailboxTableProps {
  rows: readonly MailboxRow[];
  /** The mailbox an action runs on (its buttons are disabled meanwhile). */
  busy: string | null;
  onOpen(mailboxId: string): void;
  onAction(mailboxId: string, action: MailboxAction): void;
}

const STATE_COLOURS = { active: 'success', paused: 'warning', held: 'important', error: 'danger', disabled: 'subtle' } as const;

function families(row: MailboxRow): string {
  const parts = Object.entries(row.families).map(([family, c]) => `${family} ${c.items}${c.errors > 0 ? ` (${c.errors} in error)` : ''}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

export function MailboxTable({ rows, busy, onOpen, onAction }: MailboxTableProps) {
  if (rows.length === 0) return <p>No mailbox matches.</p>;
  return (
    <Table aria-label="Mailboxes" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Mailbox</TableHeaderCell>
          <TableHeaderCell>Provider</TableHeaderCell>
          <TableHeaderCell>State</TableHeaderCell>
          <TableHeaderCell>Last session</TableHeaderCell>
          <TableHeaderCell>Next session</TableHeaderCell>
          <TableHeaderCell>Items</TableHeaderCell>
          <TableHeaderCell>Open errors</TableHeaderCell>
          <TableHeaderCell>Actions</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.mailboxId} data-mailbox={row.email}>
            <TableCell>
              {/* Its name is its visible text (axe: label-content-name-mismatch). */}
              <Button appearance="transparent" onClick={() => onOpen(row.mailboxId)}>
                {row.displayName ? `${row.displayName} <${row.email}>` : row.email}
              </Button>
            </TableCell>
            <TableCell>{PROVIDER_NAMES[row.provider] ?? row.provider}</TableCell>
            <TableCell>
              <Badge appearance="tint" color={STATE_COLOURS[row.state]}>
                {row.state}
              </Badge>
            </TableCell>
            <TableCell>{when(row.lastSessionAt)}</TableCell>
            <TableCell>{when(row.nextSessionAt)}</TableCell>
            <TableCell>{families(row)}</TableCell>
            <TableCell>
              {row.openErrors}
              {row.lastError?.message ? ` — ${row.lastError.message}` : ''}
            </TableCell>
            <TableCell>
              <MailboxActions row={row} disabled={busy === row.mailboxId} onAction={onAction} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The actions that forget something for good, confirmed first (ConfirmDialog); pause, resume and enrol are undone by their opposite. */
type ConfirmedAction = Extract<MailboxAction, 'remove' | 'resync'>;

function confirmation(row: MailboxRow, action: ConfirmedAction): { title: string; text: string; confirmLabel: string } {
  const groupware = row.provider === 'google' ? 'Google Calendar' : 'Outlook';
  if (action === 'remove') {
    return {
      title: `Remove ${row.email}?`,
      text:
        `Its sync stops and its sync state is forgotten: the pairs of its items with their C4C records, its delta links, held sessions and session log. ` +
        `Nothing is deleted in ${groupware} or C4C: the items simply stop syncing. Enrolled again later, its first session pairs them again without creating anything twice.`,
      confirmLabel: 'Remove',
    };
  }
  return {
    title: `Full resync of ${row.email}?`,
    text: `Its delta links are forgotten: its next session, asked for now, reads every item in the sync window again on both sides. Its pairs stay, so nothing is created twice, and nothing is deleted in ${groupware} or C4C.`,
    confirmLabel: 'Resync',
  };
}

export function MailboxActions({ row, disabled, onAction }: { row: MailboxRow; disabled: boolean; onAction: MailboxTableProps['onAction'] }) {
  const paused = row.state === 'paused';
  const [confirming, setConfirming] = useState<ConfirmedAction | null>(null);
  const asked = confirming ? confirmation(row, confirming) : null;
  return (
    <span style={{ display: 'inline-flex', gap: 4 }}>
      <Button size="small" disabled={disabled} onClick={() => onAction(row.mailboxId, paused ? 'resume' : 'pause')} aria-label={`${paused ? 'Resume' : 'Pause'} ${row.email}`}>
        {paused ? 'Resume' : 'Pause'}
      </Button>
      <Button size="small" disabled={disabled || row.state === 'disabled'} onClick={() => setConfirming('resync')} aria-label={`Resync ${row.email}`}>
        Resync
      </Button>
      {/* Enrol / remove: the admin's decision for this mailbox, whatever the enrolment policy says, until the next policy. */}
      {row.state === 'disabled' ? (
        <Button size="small" disabled={disabled} onClick={() => onAction(row.mailboxId, 'enrol')} aria-label={`Enrol ${row.email}`}>
          Enrol
        </Button>
      ) : (
        <Button size="small" disabled={disabled} onClick={() => setConfirming('remove')} aria-label={`Remove ${row.email}`} title="Stop syncing and forget its sync state; nothing is deleted in Outlook or C4C">
          Remove
        </Button>
      )}
      <ConfirmDialog
        open={asked !== null}
        title={asked?.title ?? ''}
        confirmLabel={asked?.confirmLabel ?? ''}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) onAction(row.mailboxId, confirming);
          setConfirming(null);
        }}
      >
        {asked?.text}
      </ConfirmDialog>
    </span>
  );
}
