// The item's sync status as the service reports it: asked for after each load, polled while pending, and shown
// pending at once after "Retry now", a "Sync as" change or a link edit, so the pane does not wait for the next
// answer to say so. Polling starts early and backs off: the service usually finishes an item's session in a few
// hundred milliseconds after it is asked to, and a sync that takes longer is waiting for something slower.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../addin/api/client.js';
import { ApiError } from '../../addin/api/errors.js';
import type { ItemStatus } from '../../shared/api.js';
import type { SyncKind } from '../../shared/categories.js';
import type { CurrentItem } from './useCurrentItem.js';

/**
 * Delay before each poll while pending; the last one repeats. Dense for the first second or so, when a sync the
 * pane just asked for usually ends (a sparser start showed it up to 500 ms late: p95 1.2 s instead of < 1 s), then
 * sparser: each poll costs the service a Graph read.
 */
export const STATUS_POLL_DELAYS_MS = [150, 150, 150, 150, 150, 150, 150, 200, 250, 300, 400, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000] as const;
// About 2 minutes in all; a sync still pending after that is stuck, and polling on would only cost the service.
const MAX_POLLS = 38;
const ERROR_POLL_MS = 5_000;

export function pollDelay(poll: number): number {
  return STATUS_POLL_DELAYS_MS[Math.min(poll, STATUS_POLL_DELAYS_MS.length - 1)]!;
}

export interface SyncStatusDeps {
  api: ApiClient;
  current: Pick<CurrentItem, 'itemId' | 'currentGeneration' | 'isCurrent'>;
  noteServiceError: (error: unknown) => void;
  clearProblem: () => void;
}

export type SyncStatusState = ReturnType<typeof useSyncStatus>;

export function useSyncStatus({ api, current, noteServiceError, clearProblem }: SyncStatusDeps) {
  const { itemId, currentGeneration, isCurrent } = current;
  const [status, setStatus] = useState<ItemStatus | null>(null);
  const [statusLoading, setStatusLoading] = useState(false);
  const [retrying, setRetrying] = useState(false);
  // A count, not state: it limits the polling effect without being a reason to render.
  const polls = useRef(0);

  /** Asks the service for item `id`'s status, as part of load `gen`. */
  const refreshStatus = useCallback(
    async (id: string | null, gen: number) => {
      if (!id) {
        setStatus(null);
        return;
      }
      setStatusLoading(true);
      try {
        const next = await api.itemStatus(id);
        if (!isCurrent(gen)) return;
        setStatus(next);
        clearProblem();
      } catch (error) {
        if (!isCurrent(gen)) return;
        // Not (yet) in the mailbox as the service sees it, e.g. just saved in cached mode: status unknown, no alarm.
        if (error instanceof ApiError && error.kind === 'notFound') setStatus(null);
        else noteServiceError(error);
      } finally {
        if (isCurrent(gen)) setStatusLoading(false);
      }
    },
    [api, isCurrent, clearProblem, noteServiceError],
  );

  /** Another item is loading: its status is not known yet. */
  const forgetStatus = useCallback(() => {
    polls.current = 0;
    setStatus(null);
  }, []);

  /** The service was just asked to sync item `id` (as `kind`, when that changed): show it pending. */
  const markPending = useCallback((id: string, kind?: SyncKind) => {
    setStatus((s) => ({ ...(s ?? emptyStatus(id)), state: 'pending', ...(kind ? { kind } : {}), error: null }));
  }, []);

  /** A new sync was asked for: the polling limit starts over. */
  const restartPolling = useCallback(() => {
    polls.current = 0;
  }, []);

  useEffect(() => {
    // A failed item is asked about too, slowly: an edit that fixes it (made one day long…) syncs without "Retry now".
    const state = status?.state;
    if ((state !== 'pending' && state !== 'error') || polls.current >= MAX_POLLS) return;
    const gen = currentGeneration();
    const timer = setTimeout(
      () => {
        polls.current += 1;
        void refreshStatus(itemId, gen);
      },
      state === 'error' ? ERROR_POLL_MS : pollDelay(polls.current),
    );
    return () => clearTimeout(timer);
  }, [status, itemId, refreshStatus, currentGeneration]);

  const retry = useCallback(async () => {
    if (!itemId) return;
    const gen = currentGeneration();
    setRetrying(true);
    try {
      await api.syncItem(itemId);
      if (!isCurrent(gen)) return;
      restartPolling();
      markPending(itemId);
    } catch (error) {
      if (isCurrent(gen)) noteServiceError(error);
    } finally {
      if (isCurrent(gen)) setRetrying(false);
    }
  }, [api, itemId, currentGeneration, isCurrent, noteServiceError, restartPolling, markPending]);

  return { status, statusLoading, retrying, refreshStatus, forgetStatus, markPending, restartPolling, retry };
}

function emptyStatus(itemId: string): ItemStatus {
  return { itemId, state: 'notSynced', kind: null, c4cObjectId: null, c4cId: null, c4cUrl: null, syncedAt: null, error: null };
}
