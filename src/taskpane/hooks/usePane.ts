// The task pane's state and actions as the one object App renders, composed from hooks that each own one part:
// the current item, a problem with the service, the sync status, "Sync as", the links and the messages. What is
// left here is what ties them together: loading an item (on start, on ItemChanged, after signing in) and handing
// its parts to their owners.
import { useCallback, useEffect, useMemo } from 'react';
import { c4cUiLinkFor } from '../../shared/c4c-ui-links.js';
import { primaryLink, type CrmLink } from '../../shared/crm-links.js';
import type { AttendeeAccount } from '../../shared/people-api.js';
import type { CrmSearchResult } from '../../shared/api.js';
import { describeError } from '../../addin/describe-error.js';
import type { Strings } from '../../addin/text/en.js';
import type { PaneServices } from './services.js';
import { useCurrentItem } from './useCurrentItem.js';
import { useLinks } from './useLinks.js';
import { usePreviews } from './usePreviews.js';
import { useMessages } from './useMessages.js';
import { useServiceProblem } from './useServiceProblem.js';
import { useSyncAs } from './useSyncAs.js';
import { useSyncStatus } from './useSyncStatus.js';
import { useAttendeePeople } from './useAttendeePeople.js';
import { useAttendees } from './useAttendees.js';
import { defaultDueDate, useFollowUp } from './useFollowUp.js';
import { syncListKey, useSyncList, type SyncListCandidate } from './useSyncList.js';

export function usePane(services: PaneServices, strings: Strings) {
  const { item, api } = services;
  const { messages, say, dismiss, clearMessages } = useMessages();
  const service = useServiceProblem(say, strings);
  const current = useCurrentItem(item);
  const sync = useSyncStatus({ api, current, noteServiceError: service.noteServiceError, clearProblem: service.clearProblem });
  const syncAs = useSyncAs({ item, api, strings, say, current, service, sync });
  const { refreshStatus, forgetStatus, markPending, restartPolling } = sync;
  const onSyncAsked = useCallback(
    (id: string) => {
      restartPolling();
      markPending(id);
    },
    [restartPolling, markPending],
  );
  const links = useLinks({ item, api, strings, say, itemId: current.itemId, syncs: syncAs.syncAs !== 'none', onSyncAsked });
  const previews = usePreviews(api, strings);
  const { addLink: linkResult, linkAsPrimary: linkRecord } = links;
  // Linking a record (again) drops its cached preview card: the next open shows what C4C says now.
  const addLink = useCallback((result: CrmSearchResult) => (previews.forget(result.type, result.id), linkResult(result)), [previews, linkResult]);
  const linkAsPrimary = useCallback((link: CrmLink) => (previews.forget(link.type, link.id), linkRecord(link)), [previews, linkRecord]);
  const syncList = useSyncList({ api, strings, say, noteServiceError: service.noteServiceError });
  const attendees = useAttendeePeople(item, api, current.info);
  // What the pane offers for the user's Outlook contacts: the item's linked contacts, accounts and individual customers,
  // then the attendees recognised in C4C that are not among them.
  const syncListRows = useMemo<SyncListCandidate[]>(() => {
    const linked = links.links.flatMap((l) => (l.type === 'contact' || l.type === 'account' || l.type === 'individualCustomer' ? [{ type: l.type, c4cId: l.id, name: l.name ?? l.id, origin: 'link' as const }] : []));
    const seen = new Set(linked.map(syncListKey));
    const invited = attendees.flatMap((p) => {
      if (seen.has(syncListKey(p))) return [];
      seen.add(syncListKey(p));
      return [{ type: p.type, c4cId: p.c4cId, name: p.name, origin: 'attendee' as const }];
    });
    return [...linked, ...invited];
  }, [links.links, attendees]);

  const primaryAccount = primaryLink(links.links, 'account') ?? null;
  // A new contact works for a corporate account (an individual customer is a person, not an employer).
  const primaryCorporateId = primaryAccount?.type === 'account' ? primaryAccount.id : null;
  const people = useAttendees({ item, api, strings, say, shownItem: current.info, primaryAccountId: primaryCorporateId });
  const followUp = useFollowUp({ api, strings, say, links: links.links, subject: current.info?.subject ?? '' });
  // One click: the attendee's account becomes the item's primary account (linked first when it is not yet).
  const makeAccountPrimary = useCallback((account: AttendeeAccount) => linkAsPrimary({ type: 'account', id: account.id, name: account.name }), [linkAsPrimary]);
  const { forget: forgetFollowUp } = followUp;

  const { load, showLoading } = current;
  const { clearProblem } = service;
  const { showCategories, clearNote } = syncAs;
  const { showLinks } = links;
  const { refresh: refreshSyncList } = syncList;

  // Reads the item and hands its parts on; the status is asked for once the item shows.
  const fetchItem = useCallback(
    () =>
      load(async (loaded) => {
        showLinks(loaded.links);
        showCategories(loaded.categories);
        await refreshStatus(loaded.itemId, loaded.gen);
      }).catch((error: unknown) => say('error', describeError(error, strings))),
    [load, showLinks, showCategories, refreshStatus, say, strings],
  );

  // Another item (or the same one after signing in): first drop what was shown for the previous one.
  const reload = useCallback(async () => {
    showLoading();
    forgetStatus();
    forgetFollowUp();
    clearNote();
    clearMessages();
    await fetchItem();
  }, [showLoading, forgetStatus, forgetFollowUp, clearNote, clearMessages, fetchItem]);

  // A sync that failed after "now syncs as…" was said: the success message no longer holds, the status says why.
  const failed = sync.status?.state === 'error';
  // Left out of what shows at once (no frame with both), and dropped, so it does not come back once the item syncs.
  useEffect(() => {
    if (failed) clearMessages('success');
  }, [failed, clearMessages]);
  const shown = failed ? messages.filter((m) => m.intent !== 'success') : messages;

  // The first load has nothing to drop: the initial state already says "loading, no status".
  useEffect(() => {
    void fetchItem();
  }, [fetchItem]);

  // A pinned pane follows the selection. The handler may be registered only after unmount began; then it is removed.
  useEffect(() => {
    let unsubscribe: (() => Promise<void>) | null = null;
    let active = true;
    item.onItemChanged(() => void reload()).then(
      (off) => (active ? (unsubscribe = off) : void off()),
      () => undefined,
    );
    return () => {
      active = false;
      void unsubscribe?.();
    };
  }, [item, reload]);

  // A linked object's C4C screen, once the service said where C4C's UI is.
  const { c4cUi } = syncAs;
  const openUrl = useCallback((link: CrmLink) => (c4cUi ? c4cUiLinkFor(c4cUi, link.type, link.id) : null), [c4cUi]);

  const signIn = useCallback(async () => {
    try {
      await services.signIn();
      clearProblem();
      await Promise.all([reload(), refreshSyncList()]);
    } catch (error) {
      say('error', describeError(error, strings));
    }
  }, [services, clearProblem, reload, refreshSyncList, say, strings]);

  return {
    loading: current.loading,
    info: current.info,
    itemId: current.itemId,
    links: links.links,
    linkedKeys: links.linkedKeys,
    syncAs: syncAs.syncAs,
    syncAsBusy: syncAs.syncAsBusy,
    syncAsNote: syncAs.syncAsNote,
    status: sync.status,
    statusLoading: sync.statusLoading,
    retrying: sync.retrying,
    problem: service.problem,
    messages: shown,
    changeSyncAs: syncAs.changeSyncAs,
    addLink,
    loadPreview: previews.load,
    removeLink: links.removeLink,
    makePrimary: links.makePrimary,
    retry: sync.retry,
    signIn,
    search: links.search,
    openUrl,
    syncListRows,
    syncListEntries: syncList.entries,
    syncListBusy: syncList.busy,
    syncListAnnouncement: syncList.announcement,
    addToSyncList: syncList.add,
    removeFromSyncList: syncList.remove,
    primaryAccount,
    attendeeRows: people.rows,
    attendeesBusy: people.busy,
    attendeesAnnouncement: people.announcement,
    createAttendee: people.create,
    makeAccountPrimary,
    followUpBusy: followUp.busy,
    followUpCreated: followUp.created,
    createFollowUp: followUp.create,
    followUpDue: defaultDueDate(current.info?.end ?? null),
    dismiss,
    reload,
  };
}
