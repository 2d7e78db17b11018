// A mailbox's page (GET /api/admin/mailboxes/{id}): its row, actions, sessions, items in error and conflicts.
import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { MailboxDetailResponse } from '../../shared/admin-api.js';
import type { AdminApi, MailboxAction } from '../api.js';
import { PROVIDER_NAMES, when } from '../components/format.js';
import { ConflictsTable, ItemErrorsTable, SessionsTable } from '../components/MailboxDetail.js';
import { MailboxActions } from '../components/MailboxTable.js';

export interface MailboxViewProps {
  api: AdminApi;
  mailboxId: string;
  onBack(): void;
}

export function MailboxView({ api, mailboxId, onBack }: MailboxViewProps) {
  const [detail, setDetail] = useState<MailboxDetailResponse | null>(null);
  const [retried, setRetried] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Bumped after an action: the page is read again.
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let current = true;
    api.mailbox(mailboxId).then(
      (answer) => current && setDetail(answer),
      (err: unknown) => current && setError((err as Error).message),
    );
    return () => void (current = false);
  }, [api, mailboxId, reloads]);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      setError(null);
      setReloads((n) => n + 1);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const act = (_id: string, action: MailboxAction) => void run(() => api.mailboxAction(mailboxId, action));
  const retry = (pairId: string) =>
    void run(async () => {
      await api.retryItem(mailboxId, pairId);
      setRetried((r) => new Set([...r, pairId]));
    });

  const row = detail?.mailbox;
  return (
    <section aria-labelledby="mailbox-heading">
      <Button onClick={onBack}>Back to the mailboxes</Button>
      <h2 id="mailbox-heading">{row ? row.email : 'Mailbox'}</h2>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {!detail || !row ? (
        <Spinner label="Loading the mailbox" />
      ) : (
        <>
          <p>
            {PROVIDER_NAMES[row.provider]} · state <strong>{row.state}</strong> · last session {when(row.lastSessionAt)} · next {when(row.nextSessionAt)}
            {row.openHolds > 0 ? ` · ${row.openHolds} held session(s) waiting` : ''}
          </p>
          <MailboxActions row={row} disabled={busy} onAction={act} />
          <h3>Recent sessions</h3>
          <SessionsTable sessions={detail.sessions} />
          <h3>Items in error</h3>
          <ItemErrorsTable errors={detail.errors} retried={retried} onRetry={retry} />
          <h3>Conflicts</h3>
          <p>Both sides&apos; versions and who won; the values themselves are never stored.</p>
          <ConflictsTable conflicts={detail.conflicts} />
        </>
      )}
    </section>
  );
}
