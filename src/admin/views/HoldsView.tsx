// Held sessions: the guard's holds waiting for a decision (and the decided ones below), released or discarded here.
import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { HoldSummary } from '../../shared/admin-api.js';
import type { AdminApi } from '../api.js';
import { HoldCard } from '../components/HoldCard.js';

export function HoldsView({ api, mailboxNames }: { api: AdminApi; mailboxNames: ReadonlyMap<string, string> }) {
  const [holds, setHolds] = useState<HoldSummary[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ intent: 'error' | 'success'; text: string } | null>(null);

  // Bumped after a decision: the holds are read again.
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let current = true;
    api.listHolds().then(
      (answer) => current && setHolds(answer.holds),
      (err: unknown) => current && setMessage({ intent: 'error', text: (err as Error).message }),
    );
    return () => void (current = false);
  }, [api, reloads]);

  const decide = async (holdId: string, decision: 'release' | 'discard') => {
    setBusy(holdId);
    try {
      const hold = await api.decideHold(holdId, decision);
      setMessage({ intent: 'success', text: `${decision === 'release' ? 'Released' : 'Discarded'}: ${hold.status}.` });
      setReloads((n) => n + 1);
    } catch (err) {
      setMessage({ intent: 'error', text: (err as Error).message });
    } finally {
      setBusy(null);
    }
  };

  const open = holds?.filter((h) => h.status === 'held') ?? [];
  const decided = holds?.filter((h) => h.status !== 'held') ?? [];
  const card = (h: HoldSummary) => <HoldCard key={h.holdId} hold={h} mailbox={mailboxNames.get(h.mailboxId) ?? h.mailboxId} busy={busy === h.holdId} onDecide={(id, d) => void decide(id, d)} />;
  return (
    <section aria-labelledby="holds-heading">
      <h2 id="holds-heading">Held sessions</h2>
      {/* Sessions hold new changes while the page is open: read them again on demand. */}
      <Button onClick={() => setReloads((n) => n + 1)}>Refresh</Button>
      {message && (
        <MessageBar intent={message.intent} role="status">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {!holds ? (
        <Spinner label="Loading held sessions" />
      ) : (
        <>
          {open.length === 0 ? <p>No session is held.</p> : <div style={{ display: 'grid', gap: 12 }}>{open.map(card)}</div>}
          {decided.length > 0 && (
            <>
              <h3>Decided</h3>
              <div style={{ display: 'grid', gap: 12 }}>{decided.map(card)}</div>
            </>
          )}
        </>
      )}
    </section>
  );
}
