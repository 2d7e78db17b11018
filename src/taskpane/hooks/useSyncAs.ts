// "Sync as": which sync category the item carries (Appointment, Visit or none, R1) under the tenant's category
// names, and changing it. Without a category the service's status says what it last saw, and the chooser follows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../addin/api/client.js';
import { describeError } from '../../addin/describe-error.js';
import { syncKindFromCategories, type SyncCategoryNames } from '../../addin/office/categories.js';
import type { Strings } from '../../addin/text/en.js';
import type { MeResponse } from '../../shared/api.js';
import { DEFAULT_CATEGORIES, type SyncKind } from '../../shared/categories.js';
import type { SyncAsValue } from '../components/SyncAsChooser.js';
import type { ItemPort } from './services.js';
import type { CurrentItem } from './useCurrentItem.js';
import { useKeepServiceTag } from './useKeepServiceTag.js';
import type { Say } from './useMessages.js';
import type { ServiceProblem } from './useServiceProblem.js';
import type { SyncStatusState } from './useSyncStatus.js';

export interface SyncAsDeps {
  item: ItemPort;
  api: ApiClient;
  strings: Strings;
  say: Say;
  current: Pick<CurrentItem, 'itemId' | 'info' | 'currentGeneration' | 'isCurrent' | 'setItemId'>;
  service: { problem: ServiceProblem; noteServiceError: (error: unknown) => void; clearProblem: () => void };
  sync: Pick<SyncStatusState, 'status' | 'markPending' | 'restartPolling' | 'refreshStatus'>;
}

// An untagged item's categories are read again this often while the pane shows it, so a tag set elsewhere (the
// ribbon's "Sync to SAP", another device) shows at once; after the first minute less often. A local Office.js read.
const CATEGORY_WATCH_MS = 1_000;
const CATEGORY_WATCH_LATER_MS = 5_000;
const CATEGORY_WATCH_FAST_TICKS = 60;

function toValue(kind: SyncKind | null): SyncAsValue {
  return kind ?? 'none';
}

export function useSyncAs({ item, api, strings, say, current, service, sync }: SyncAsDeps) {
  const { itemId, info, currentGeneration, isCurrent, setItemId } = current;
  const { problem, noteServiceError, clearProblem } = service;
  const { status, markPending, restartPolling, refreshStatus } = sync;
  const [value, setValue] = useState<SyncAsValue>('none');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [names, setNames] = useState<SyncCategoryNames>({ appointment: DEFAULT_CATEGORIES.appointment, visit: DEFAULT_CATEGORIES.visit });
  // Where C4C's UI is (the same /api/me answer): the links section opens linked objects there.
  const [c4cUi, setC4cUi] = useState<MeResponse['settings']['c4cUi']>(null);
  // Read through refs so that the settings arriving does not reload the item, nor a new item ask for the settings.
  const namesRef = useRef(names);
  const categoriesRef = useRef<string[] | null>(null);
  const restored = useCallback(
    (id: string, kind: SyncKind) => {
      restartPolling();
      markPending(id, kind);
    },
    [restartPolling, markPending],
  );
  const { keep, forget } = useKeepServiceTag({ api, strings, say, isCurrent, onRestored: restored });
  const composing = info?.mode === 'compose';

  // The tenant's category names (and C4C's UI), once; an item already shown is read again under them.
  useEffect(() => {
    api.me().then(
      (me) => {
        const next = { appointment: me.settings.categories.appointment, visit: me.settings.categories.visit };
        namesRef.current = next;
        setNames(next);
        setC4cUi(me.settings.c4cUi ?? null);
        if (categoriesRef.current) setValue(toValue(syncKindFromCategories(categoriesRef.current, next)));
        clearProblem();
      },
      (error: unknown) => noteServiceError(error),
    );
  }, [api, noteServiceError, clearProblem]);

  // When a new status arrives and the item has no sync category, follow what the service last saw (unless the user
  // is changing it). Adjusted while rendering, as React advises for state that follows a changed input: an effect
  // would first commit the stale choice.
  const [seenStatus, setSeenStatus] = useState(status);
  if (status !== seenStatus) {
    setSeenStatus(status);
    if (status?.kind && value === 'none' && !busy) setValue(toValue(status.kind));
  }

  /** A freshly loaded item's categories (null when this client can't read them). */
  const showCategories = useCallback((categories: string[] | null) => {
    categoriesRef.current = categories;
    setValue(toValue(categories ? syncKindFromCategories(categories, namesRef.current) : null));
  }, []);

  /** Another item is loading: the note about how the last change was made is not about it. */
  const clearNote = useCallback(() => setNote(null), []);

  const changeSyncAs = useCallback(
    async (next: SyncAsValue) => {
      const kind = next === 'none' ? null : next;
      const previous = value;
      const gen = currentGeneration();
      setValue(next);
      setBusy(true);
      setNote(null);
      forget();
      try {
        // A service known to be unreachable or refusing us is no fallback: without it Office.js is the only route.
        const fallback = problem === 'unreachable' || problem === 'notSignedIn' ? null : api;
        const result = await item.applySyncKind(kind, names, fallback);
        if (!isCurrent(gen)) return;
        if (result.itemId) setItemId(result.itemId);
        if (result.via === 'service') setNote(strings.syncAs.viaService);
        if (result.via === 'service' && composing && kind && result.itemId) keep(result.itemId, kind, gen);
        const done = strings.syncAs.done[next === 'none' ? 'none' : next];
        // A new item is not saved for the tag (sync-as.ts): the category goes in with the user's save.
        say('success', kind && !result.itemId ? `${done} ${strings.syncAs.savedLater}` : done);
        restartPolling();
        if (kind && result.itemId) markPending(result.itemId, kind);
        // Untagged: the status says so once the service has seen the item without its category.
        else if (result.itemId) void refreshStatus(result.itemId, gen);
      } catch (error) {
        if (!isCurrent(gen)) return;
        setValue(previous);
        say('error', describeError(error, strings));
      } finally {
        if (isCurrent(gen)) setBusy(false);
      }
    },
    [api, item, names, problem, say, strings, value, composing, currentGeneration, isCurrent, setItemId, markPending, restartPolling, refreshStatus, keep, forget],
  );

  // An untagged item tagged elsewhere (the ribbon's command with the pane open): show it syncing without waiting.
  useEffect(() => {
    if (!itemId || value !== 'none' || busy) return;
    const gen = currentGeneration();
    let ticks = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const check = () => {
      ticks += 1;
      const next = () => {
        if (!stopped) timer = setTimeout(check, ticks < CATEGORY_WATCH_FAST_TICKS ? CATEGORY_WATCH_MS : CATEGORY_WATCH_LATER_MS);
      };
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return next();
      item.getCategories().then(
        (categories) => {
          const kind = categories ? syncKindFromCategories(categories, namesRef.current) : null;
          if (stopped || !isCurrent(gen)) return;
          if (!kind) return next();
          categoriesRef.current = categories;
          setValue(kind);
          restartPolling();
          markPending(itemId, kind);
        },
        () => next(),
      );
    };
    timer = setTimeout(check, CATEGORY_WATCH_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [item, itemId, value, busy, currentGeneration, isCurrent, markPending, restartPolling]);

  return { syncAs: value, syncAsBusy: busy, syncAsNote: note, showCategories, clearNote, changeSyncAs, c4cUi };
}
