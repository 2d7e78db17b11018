// One session the mass-change guard held: what it would change, item by item, and release / discard.
import { Button, Card, CardHeader, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { HoldSummary } from '../../shared/admin-api.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { when } from './format.js';

export interface HoldCardProps {
  hold: HoldSummary;
  /** The mailbox's address, when known (the hold names the mailbox id). */
  mailbox: string;
  busy: boolean;
  onDecide(holdId: string, decision: 'release' | 'discard'): void;
}

/** The guard's action types in words. */
const CHANGE_NAMES: Record<string, string> = {
  deleteOutlook: 'delete in Outlook',
  cancelCrm: 'cancel in C4C',
  removeCategoryAndNotify: 'take off the sync category and tell the user',
  markError: 'mark as in error',
  unlink: 'unlink',
};

/** Both decisions are final (a released change is written, a discarded one is gone): each is confirmed first. */
function confirmation(hold: HoldSummary, mailbox: string, decision: 'release' | 'discard'): { title: string; text: string } {
  if (decision === 'release') {
    const changes = Object.entries(hold.changes).map(([type, n]) => `${CHANGE_NAMES[type] ?? type}: ${n}`).join('; ');
    return { title: `Release the held session of ${mailbox}?`, text: `The changes it held are written now (${changes}). A delete or a cancel written cannot be taken back from here.` };
  }
  return { title: `Discard the held session of ${mailbox}?`, text: 'None of the changes it held is written: nothing is deleted or cancelled. Its items are read again on both sides by the next session.' };
}

export function HoldCard({ hold, mailbox, busy, onDecide }: HoldCardProps) {
  const open = hold.status === 'held';
  const [confirming, setConfirming] = useState<'release' | 'discard' | null>(null);
  const asked = confirming ? confirmation(hold, mailbox, confirming) : null;
  return (
    <Card aria-label={`Held session of ${mailbox}`} data-hold={hold.holdId}>
      <CardHeader header={<Text weight="semibold">{mailbox}</Text>} description={<Text>{`held ${when(hold.createdAt)} · ${hold.status}${hold.decidedBy ? ` by ${hold.decidedBy}` : ''}`}</Text>} />
      <Text>{hold.reason}</Text>
      <ul aria-label="What it would change">
        {Object.entries(hold.changes).map(([type, n]) => (
          <li key={type}>
            {CHANGE_NAMES[type] ?? type}: {n}
          </li>
        ))}
      </ul>
      <details>
        <summary>The items ({hold.pairIds.length})</summary>
        <ul>
          {hold.pairIds.map((id) => (
            <li key={id}>
              <code>{id}</code>
            </li>
          ))}
        </ul>
      </details>
      {open && (
        <div style={{ display: 'flex', gap: 8 }}>
          <Button appearance="primary" disabled={busy} onClick={() => setConfirming('release')}>
            Release (apply these changes)
          </Button>
          <Button disabled={busy} onClick={() => setConfirming('discard')}>
            Discard (re-read, delete nothing)
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={asked !== null}
        title={asked?.title ?? ''}
        confirmLabel={confirming === 'release' ? 'Release' : 'Discard'}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) onDecide(hold.holdId, confirming);
          setConfirming(null);
        }}
      >
        {asked?.text}
      </ConfirmDialog>
    </Card>
  );
}
