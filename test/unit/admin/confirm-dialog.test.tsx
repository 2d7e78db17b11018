/**
 * @jest-environment jsdom
 */
// The confirmation before the console's actions that forget or change something for good: Remove and Resync of a
// mailbox, Release and Discard of a held session. Nothing is sent until Confirm; Cancel (focused when the dialog
// opens) and Escape send nothing; the dialog names the mailbox and what will and will not happen.
import { jest } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { HoldSummary, MailboxRow } from '../../../src/shared/admin-api.js';
import { HoldCard } from '../../../src/admin/components/HoldCard.js';
import { MailboxActions } from '../../../src/admin/components/MailboxTable.js';

const BEN: MailboxRow = { mailboxId: 'm-ben', email: 'ben@contoso.example', displayName: 'Ben Baker', provider: 'graph', state: 'active', paused: null, lastSessionAt: null, lastSuccessAt: null, nextSessionAt: null, lastError: null, families: {}, openErrors: 0, openHolds: 0 };
const HOLD: HoldSummary = { holdId: 'h1', mailboxId: 'm-ben', createdAt: '2026-12-07T05:00:00Z', reason: 'too many deletes', status: 'held', decidedAt: null, decidedBy: null, changes: { cancelCrm: 2 }, pairIds: ['p1', 'p2'] };

const inFluent = (node: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);

describe('MailboxActions', () => {
  it('removes only after Confirm; Cancel, focused when the dialog opens, sends nothing', async () => {
    const onAction = jest.fn();
    inFluent(<MailboxActions row={BEN} disabled={false} onAction={onAction} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove ben@contoso.example' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove ben@contoso.example?' });
    expect(dialog.textContent).toContain('sync state is forgotten');
    expect(dialog.textContent).toContain('Nothing is deleted in Outlook or C4C');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(onAction).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Remove ben@contoso.example' }));
    await screen.findByRole('alertdialog');
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(onAction).toHaveBeenCalledWith('m-ben', 'remove');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it("asks before a full resync, names Google Calendar for a Google mailbox, and Escape cancels", async () => {
    const onAction = jest.fn();
    inFluent(<MailboxActions row={{ ...BEN, provider: 'google' }} disabled={false} onAction={onAction} />);
    fireEvent.click(screen.getByRole('button', { name: 'Resync ben@contoso.example' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Full resync of ben@contoso.example?' });
    expect(dialog.textContent).toContain('nothing is deleted in Google Calendar or C4C');
    fireEvent.keyDown(document.activeElement ?? dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(onAction).not.toHaveBeenCalled();
    // Pause needs no confirmation: resume undoes it.
    fireEvent.click(screen.getByRole('button', { name: 'Pause ben@contoso.example' }));
    expect(onAction).toHaveBeenCalledWith('m-ben', 'pause');
  });
});

describe('HoldCard', () => {
  it('releases or discards only after Confirm, naming what the hold would write', async () => {
    const onDecide = jest.fn();
    inFluent(<HoldCard hold={HOLD} mailbox="ben@contoso.example" busy={false} onDecide={onDecide} />);
    fireEvent.click(screen.getByRole('button', { name: /^Release/ }));
    const release = await screen.findByRole('alertdialog', { name: 'Release the held session of ben@contoso.example?' });
    expect(release.textContent).toContain('cancel in C4C: 2');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(onDecide).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: /^Discard/ }));
    const discard = await screen.findByRole('alertdialog', { name: 'Discard the held session of ben@contoso.example?' });
    expect(discard.textContent).toContain('nothing is deleted or cancelled');
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(onDecide).toHaveBeenCalledWith('h1', 'discard');
  });
});
