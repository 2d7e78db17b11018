// The mailbox list: filter and search on the server (keyset pages), and pause / resume / full resync per mailbox.
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { MAILBOX_PROVIDERS, MAILBOX_STATES, type MailboxListResponse, type MailboxState } from '../../shared/admin-api.js';
import type { AdminApi, MailboxAction, MailboxFilter } from '../api.js';
import { PROVIDER_NAMES } from '../components/format.js';
import { MailboxTable } from '../components/MailboxTable.js';

export interface MailboxesViewProps {
  api: AdminApi;
  onOpen(mailboxId: string): void;
}

const PAGE = 50;

export function MailboxesView({ api, onOpen }: MailboxesViewProps) {
  const [filter, setFilter] = useState<MailboxFilter>({ limit: PAGE });
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<MailboxListResponse | null>(null);
  // The cursors of the pages before this one, for "Previous".
  const [history, setHistory] = useState<(string | undefined)[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Bumped after an action: the same page is read again.
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let current = true;
    api.listMailboxes(filter).then(
      (answer) => current && (setPage(answer), setError(null)),
      (err: unknown) => current && setError((err as Error).message),
    );
    return () => void (current = false);
  }, [api, filter, reloads]);

  const act = async (mailboxId: string, action: MailboxAction) => {
    setBusy(mailboxId);
    try {
      await api.mailboxAction(mailboxId, action);
      setReloads((n) => n + 1);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const refilter = (change: Partial<MailboxFilter>) => {
    setHistory([]);
    setFilter((f) => ({ ...f, ...change, cursor: undefined }));
  };

  return (
    <section aria-labelledby="mailboxes-heading">
      <h2 id="mailboxes-heading">Mailboxes</h2>
      <form
        role="search"
        style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}
        onSubmit={(e) => {
          e.preventDefault();
          refilter({ q: search.trim() || undefined });
        }}
      >
        <Field label="Search (address or name)">
          <Input value={search} onChange={(_e, d) => setSearch(d.value)} />
        </Field>
        <Field label="State">
          <Select value={filter.state ?? ''} onChange={(_e, d) => refilter({ state: (d.value || undefined) as MailboxState | undefined })}>
            <option value="">Any</option>
            {MAILBOX_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Provider">
          <Select value={filter.provider ?? ''} onChange={(_e, d) => refilter({ provider: (d.value || undefined) as MailboxFilter['provider'] })}>
            <option value="">Any</option>
            {MAILBOX_PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {PROVIDER_NAMES[p]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit">Search</Button>
      </form>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {page ? <MailboxTable rows={page.mailboxes} busy={busy} onOpen={onOpen} onAction={(id, a) => void act(id, a)} /> : <Spinner label="Loading mailboxes" />}
      <nav aria-label="Pages" style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <Button
          disabled={history.length === 0}
          onClick={() => {
            const previous = history.slice(0, -1);
            setFilter((f) => ({ ...f, cursor: history[history.length - 1] }));
            setHistory(previous);
          }}
        >
          Previous page
        </Button>
        <Button
          disabled={!page?.next}
          onClick={() => {
            setHistory((h) => [...h, filter.cursor]);
            setFilter((f) => ({ ...f, cursor: page?.next ?? undefined }));
          }}
        >
          Next page
        </Button>
      </nav>
    </section>
  );
}
