// The pane's state and actions: the current item (followed through ItemChanged), its links and sync category,
// and its status from the service (polled while pending). Stale answers for a previous item are dropped.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../addin/api/errors.js';
import { syncKindFromCategories, type SyncCategoryNames } from '../../addin/office/categories.js';
import type { CrmSearchResult, ItemStatus } from '../../shared/api.js';
import { normalizePrimaries, type CrmLink, type CrmObjectType } from '../../shared/crm-links.js';
import { DEFAULT_CATEGORIES, type SyncKind } from '../../shared/categories.js';
import type { PaneMessage } from '../components/Messages.js';
import type { SyncAsValue } from '../components/SyncAsChooser.js';
import { format, type Strings } from '../../addin/text/index.js';
import { describeError, serviceProblemOf } from '../../addin/describe-error.js';
import type { ItemInfo, PaneServices } from './services.js';

export const STATUS_POLL_MS = 3_000;
const MAX_POLLS = 40;

export type ServiceProblem = ReturnType<typeof serviceProblemOf>;

function toValue(kind: SyncKind | null): SyncAsValue {
  return kind ?? 'none';
}

export function usePane(services: PaneServices, strings: Strings) {
  const { item, api } = services;
  const [loading, setLoading] = useState(true);
  const [info, setInfo] = useState<ItemInfo | null>(null);
  const [itemId, setItemId] = useState<string | null>(null);
  const [links, setLinks] = useState<CrmLink[]>([]);
  const [syncAs, setSyncAs] = useState<SyncAsValue>('none');
  const [syncAsBusy, setSyncAsBusy] = useState(false);
  const [syncAsNote, setSyncAsNote] = useState<string | null>(null);
  const [names, setNames] = useState<SyncCategoryNames>({ appointment: DEFAULT_CATEGORIES.appointment, visit: DEFAULT_CATEGORIES.visit });
  const [status, setStatus] = useState<ItemStatus | null>(null);
  const [statusLoading, setStatusLoading] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const [problem, setProblem] = useState<ServiceProblem>(null);
  const [messages, setMessages] = useState<PaneMessage[]>([]);
  // Read by loadItem through refs, so that the settings arriving does not reload the item.
  const namesRef = useRef(names);
  const categoriesRef = useRef<string[] | null>(null);
  const generation = useRef(0);
  const polls = useRef(0);
  const messageSeq = useRef(0);

  const say = useCallback((intent: PaneMessage['intent'], text: string) => {
    messageSeq.current += 1;
    const id = `m${messageSeq.current}`;
    setMessages((list) => [...list.filter((m) => m.text !== text), { id, intent, text }].slice(-3));
  }, []);
  const dismiss = useCallback((id: string) => setMessages((list) => list.filter((m) => m.id !== id)), []);

  const noteServiceError = useCallback(
    (error: unknown) => {
      const kind = serviceProblemOf(error);
      if (kind) setProblem(kind);
      else say('error', describeError(error, strings));
    },
    [say, strings],
  );

  const refreshStatus = useCallback(
    async (id: string | null, gen: number) => {
      if (!id) {
        setStatus(null);
        return;
      }
      setStatusLoading(true);
      try {
        const next = await api.itemStatus(id);
        if (gen !== generation.current) return;
        setStatus(next);
        setProblem(null);
      } catch (error) {
        if (gen !== generation.current) return;
        // Not (yet) in the mailbox as the service sees it, e.g. just saved in cached mode: status unknown, no alarm.
        if (error instanceof ApiError && error.kind === 'notFound') setStatus(null);
        else noteServiceError(error);
      } finally {
        if (gen === generation.current) setStatusLoading(false);
      }
    },
    [api, noteServiceError],
  );

  const loadItem = useCallback(async () => {
    const gen = ++generation.current;
    polls.current = 0;
    setLoading(true);
    setStatus(null);
    setSyncAsNote(null);
    try {
      const nextInfo = await item.getInfo();
      const [nextLinks, categories, nextId] = await Promise.all([item.loadLinks(), item.getCategories(), item.getItemId()]);
      if (gen !== generation.current) return;
      setInfo(nextInfo);
      setLinks(nextLinks);
      setItemId(nextId);
      categoriesRef.current = categories;
      setSyncAs(toValue(categories ? syncKindFromCategories(categories, namesRef.current) : null));
      setLoading(false);
      await refreshStatus(nextId, gen);
    } catch (error) {
      if (gen !== generation.current) return;
      setLoading(false);
      say('error', describeError(error, strings));
    }
  }, [item, refreshStatus, say, strings]);

  // Settings (category names) once; the item on start and whenever a pinned pane's selection changes.
  useEffect(() => {
    api.me().then(
      (me) => {
        const next = { appointment: me.settings.categories.appointment, visit: me.settings.categories.visit };
        namesRef.current = next;
        setNames(next);
        if (categoriesRef.current) setSyncAs(toValue(syncKindFromCategories(categoriesRef.current, next)));
        setProblem(null);
      },
      (error: unknown) => noteServiceError(error),
    );
  }, [api, noteServiceError]);

  useEffect(() => {
    void loadItem();
  }, [loadItem]);

  useEffect(() => {
    let unsubscribe: (() => Promise<void>) | null = null;
    let active = true;
    item.onItemChanged(() => void loadItem()).then(
      (off) => (active ? (unsubscribe = off) : void off()),
      () => undefined,
    );
    return () => {
      active = false;
      void unsubscribe?.();
    };
  }, [item, loadItem]);

  // Without a category the service's status says what it last saw; keep the chooser in step with it.
  useEffect(() => {
    if (status && status.kind && syncAs === 'none' && !syncAsBusy) setSyncAs(toValue(status.kind));
    // Only when a new status arrives (syncAs/syncAsBusy are read, not watched).
  }, [status]);

  useEffect(() => {
    if (status?.state !== 'pending' || polls.current >= MAX_POLLS) return;
    const gen = generation.current;
    const timer = setTimeout(() => {
      polls.current += 1;
      void refreshStatus(itemId, gen);
    }, STATUS_POLL_MS);
    return () => clearTimeout(timer);
  }, [status, itemId, refreshStatus]);

  const changeSyncAs = useCallback(
    async (value: SyncAsValue) => {
      const kind = value === 'none' ? null : value;
      const previous = syncAs;
      const gen = generation.current;
      setSyncAs(value);
      setSyncAsBusy(true);
      setSyncAsNote(null);
      try {
        const result = await item.applySyncKind(kind, names, problem === 'unreachable' || problem === 'notSignedIn' ? null : api);
        if (gen !== generation.current) return;
        if (result.itemId) setItemId(result.itemId);
        if (result.via === 'service') setSyncAsNote(strings.syncAs.viaService);
        say('success', strings.syncAs.done[value === 'none' ? 'none' : value]);
        if (kind && result.itemId) setStatus((s) => ({ ...(s ?? emptyStatus(result.itemId!)), state: 'pending', kind, error: null }));
        polls.current = 0;
      } catch (error) {
        if (gen !== generation.current) return;
        setSyncAs(previous);
        say('error', describeError(error, strings));
      } finally {
        if (gen === generation.current) setSyncAsBusy(false);
      }
    },
    [api, item, names, problem, say, strings, syncAs],
  );

  const saveLinkList = useCallback(
    async (next: CrmLink[]) => {
      const before = links;
      const normalized = normalizePrimaries(next);
      setLinks(normalized);
      try {
        await item.saveLinks(normalized);
        if (itemId && syncAs !== 'none') api.syncItem(itemId).catch(() => undefined);
      } catch (error) {
        setLinks(before);
        say('error', format(strings.links.saveFailed, { reason: describeError(error, strings) }));
      }
    },
    [api, item, itemId, links, say, strings, syncAs],
  );

  const addLink = useCallback(
    (result: CrmSearchResult) => {
      // The first account-like link and the first contact become primary, as C4C needs a main account/contact.
      const accountLike = (l: CrmLink) => l.type === 'account' || l.type === 'individualCustomer';
      const isAccount = result.type === 'account' || result.type === 'individualCustomer';
      const primary = (isAccount && !links.some((l) => accountLike(l) && l.primary)) || (result.type === 'contact' && !links.some((l) => l.type === 'contact' && l.primary));
      void saveLinkList([...links, { type: result.type, id: result.id, name: result.name, ...(primary ? { primary: true } : {}) }]);
    },
    [links, saveLinkList],
  );

  const removeLink = useCallback((link: CrmLink) => void saveLinkList(links.filter((l) => !(l.type === link.type && l.id === link.id))), [links, saveLinkList]);

  const makePrimary = useCallback(
    (link: CrmLink) => {
      const group = (l: CrmLink) => (l.type === 'contact' ? 'contact' : l.type === 'account' || l.type === 'individualCustomer' ? 'account' : l.type);
      const next = links.map((l) => (l.type === link.type && l.id === link.id ? { ...l, primary: true } : group(l) === group(link) ? { ...l, primary: false } : l));
      void saveLinkList(next);
    },
    [links, saveLinkList],
  );

  const retry = useCallback(async () => {
    if (!itemId) return;
    const gen = generation.current;
    setRetrying(true);
    try {
      await api.syncItem(itemId);
      if (gen !== generation.current) return;
      polls.current = 0;
      setStatus((s) => ({ ...(s ?? emptyStatus(itemId)), state: 'pending', error: null }));
    } catch (error) {
      if (gen === generation.current) noteServiceError(error);
    } finally {
      if (gen === generation.current) setRetrying(false);
    }
  }, [api, itemId, noteServiceError]);

  const signIn = useCallback(async () => {
    try {
      await services.signIn();
      setProblem(null);
      await loadItem();
    } catch (error) {
      say('error', describeError(error, strings));
    }
  }, [services, loadItem, say, strings]);

  const search = useCallback(
    async (q: string, types: CrmObjectType[], signal: AbortSignal) => (await api.searchCrm({ q, types }, signal)).results,
    [api],
  );
  const linkedKeys = useMemo(() => new Set(links.map((l) => `${l.type}:${l.id}`)), [links]);

  return {
    loading, info, itemId, links, linkedKeys, syncAs, syncAsBusy, syncAsNote, status, statusLoading, retrying, problem, messages,
    changeSyncAs, addLink, removeLink, makePrimary, retry, signIn, search, dismiss, reload: loadItem,
  };
}

function emptyStatus(itemId: string): ItemStatus {
  return { itemId, state: 'notSynced', kind: null, c4cObjectId: null, c4cId: null, c4cUrl: null, syncedAt: null, error: null };
}
