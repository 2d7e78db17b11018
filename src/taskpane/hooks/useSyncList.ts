// The user's sync list (R14) as the pane shows it: read once when the pane opens, changed from the pane (a linked
// contact or account, a recognised attendee), and read again after each change so the state shown is the service's.
// The confirmation of a change is announced (SyncListSection's live region); a failure becomes the pane's one message.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../addin/api/client.js';
import { ApiError } from '../../addin/api/errors.js';
import { describeError, serviceProblemOf } from '../../addin/describe-error.js';
import { format } from '../../addin/text/format.js';
import type { Strings } from '../../addin/text/en.js';
import type { SyncListEntry, SyncListEntryRef, SyncListRecordType } from '../../shared/sync-list-api.js';
import type { Say } from './useMessages.js';

/** A record the pane offers to keep in the user's Outlook contacts. */
export interface SyncListCandidate {
  type: SyncListRecordType;
  c4cId: string;
  name: string;
  /** Where the pane found it: a link of the item, or an attendee matched by e-mail. */
  origin: 'link' | 'attendee';
}

export const syncListKey = (ref: SyncListEntryRef): string => `${ref.type}:${ref.c4cId}`;

export interface SyncListDeps {
  api: Pick<ApiClient, 'syncList' | 'addToSyncList' | 'removeFromSyncList'>;
  strings: Strings;
  say: Say;
  /** A problem with the service as a whole (not signed in, unreachable) goes to the pane's banner. */
  noteServiceError: (error: unknown) => void;
}

export function useSyncList({ api, strings, say, noteServiceError }: SyncListDeps) {
  const t = strings.syncList;
  /** The entries by key; null until the first read answered. */
  const [entries, setEntries] = useState<ReadonlyMap<string, SyncListEntry> | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const refresh = useCallback(
    () =>
      api.syncList().then(
        ({ entries: list }) => {
          if (alive.current) setEntries(new Map(list.map((e) => [syncListKey(e), e])));
        },
        (error: unknown) => {
          if (!alive.current) return;
          if (serviceProblemOf(error)) noteServiceError(error);
          else say('error', format(t.loadFailed, { reason: describeError(error, strings) }));
        },
      ),
    [api, noteServiceError, say, strings, t.loadFailed],
  );

  // Once per pane open: the list is the user's, not the item's, so another item keeps it.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const change = useCallback(
    async (candidate: SyncListCandidate, action: 'add' | 'remove') => {
      const ref = { type: candidate.type, c4cId: candidate.c4cId };
      const key = syncListKey(ref);
      setBusy((s) => new Set(s).add(key));
      setAnnouncement('');
      try {
        if (action === 'add') await api.addToSyncList(ref);
        else {
          // Gone already (removed elsewhere, or its Outlook copy deleted): what the user wanted holds.
          await api.removeFromSyncList(ref).catch((error: unknown) => {
            if (!(error instanceof ApiError && error.kind === 'notFound')) throw error;
          });
        }
        if (!alive.current) return;
        setAnnouncement(format(action === 'add' ? t.added : t.removed, { name: candidate.name }));
        await refresh();
      } catch (error) {
        if (!alive.current) return;
        if (serviceProblemOf(error)) noteServiceError(error);
        else say('error', format(t.failed, { reason: describeError(error, strings) }));
      } finally {
        if (alive.current) {
          setBusy((s) => {
            const next = new Set(s);
            next.delete(key);
            return next;
          });
        }
      }
    },
    [api, noteServiceError, refresh, say, strings, t.added, t.failed, t.removed],
  );

  const add = useCallback((c: SyncListCandidate) => void change(c, 'add'), [change]);
  const remove = useCallback((c: SyncListCandidate) => void change(c, 'remove'), [change]);
  return { entries, busy, announcement, add, remove, refresh };
}
