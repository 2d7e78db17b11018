// The item's CRM links (R8): found through the CRM search, kept in the item's custom properties, shown as chips.
// A change shows at once and is put back when saving fails; an item that syncs is then synced again, so C4C
// gets the new links without waiting for the next run.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../../addin/api/client.js';
import { describeError } from '../../addin/describe-error.js';
import { format } from '../../addin/text/format.js';
import type { Strings } from '../../addin/text/en.js';
import type { CrmSearchResult } from '../../shared/api.js';
import { normalizePrimaries, primaryRoleOf, type CrmLink, type CrmObjectType } from '../../shared/crm-links.js';
import { foldQuotes } from '../../shared/search-text.js';
import type { ItemPort } from './services.js';
import type { Say } from './useMessages.js';

/**
 * Results that belong to the item's linked accounts first (the account itself, its contacts, its opportunities…),
 * in C4C's order otherwise: the rep is most likely looking for something of the customer the meeting is with.
 */
export function rankResults(results: readonly CrmSearchResult[], links: readonly CrmLink[]): CrmSearchResult[] {
  const accounts = links.filter((l) => primaryRoleOf(l.type) === 'account');
  const ids = new Set(accounts.map((l) => `${l.type}:${l.id}`));
  const names = new Set(accounts.map((l) => (l.name ?? '').trim().toLowerCase()).filter((n) => n !== ''));
  const close = (r: CrmSearchResult) => ids.has(`${r.type}:${r.id}`) || (r.subtitle !== undefined && names.has(r.subtitle.trim().toLowerCase()));
  return [...results.filter(close), ...results.filter((r) => !close(r))];
}

export interface LinksDeps {
  item: ItemPort;
  api: ApiClient;
  strings: Strings;
  say: Say;
  /** The current item's id; null for a compose item never saved. */
  itemId: string | null;
  /** The item carries a sync category, so a link change is worth a sync. */
  syncs: boolean;
  /** A sync of the item was asked for: the status shows it pending and is polled until it is done. */
  onSyncAsked: (itemId: string) => void;
}

export function useLinks({ item, api, strings, say, itemId, syncs, onSyncAsked }: LinksDeps) {
  const [links, setLinks] = useState<CrmLink[]>([]);

  const saveLinkList = useCallback(
    async (next: CrmLink[]) => {
      const before = links;
      const normalized = normalizePrimaries(next);
      setLinks(normalized);
      try {
        await item.saveLinks(normalized);
        if (itemId && syncs) {
          api.syncItem(itemId).catch(() => undefined);
          onSyncAsked(itemId);
        }
      } catch (error) {
        setLinks(before);
        say('error', format(strings.links.saveFailed, { reason: describeError(error, strings) }));
      }
    },
    [api, item, itemId, links, say, strings, syncs, onSyncAsked],
  );

  const addLink = useCallback(
    (result: CrmSearchResult) => {
      // The first account-like link and the first contact become primary, as C4C needs a main account/contact.
      const accountLike = (l: CrmLink) => primaryRoleOf(l.type) === 'account';
      const isAccount = result.type === 'account' || result.type === 'individualCustomer';
      const primary = (isAccount && !links.some((l) => accountLike(l) && l.primary)) || (result.type === 'contact' && !links.some((l) => l.type === 'contact' && l.primary));
      void saveLinkList([...links, { type: result.type, id: result.id, name: result.name, ...(primary ? { primary: true } : {}) }]);
    },
    [links, saveLinkList],
  );

  const removeLink = useCallback((link: CrmLink) => void saveLinkList(links.filter((l) => !(l.type === link.type && l.id === link.id))), [links, saveLinkList]);

  const makePrimary = useCallback(
    (link: CrmLink) => {
      const group = (l: CrmLink) => primaryRoleOf(l.type) ?? l.type;
      const next = links.map((l) => (l.type === link.type && l.id === link.id ? { ...l, primary: true } : group(l) === group(link) ? { ...l, primary: false } : l));
      void saveLinkList(next);
    },
    [links, saveLinkList],
  );

  /** Links the object (if it is not linked yet) and makes it the primary of its role in one save: one click. */
  const linkAsPrimary = useCallback(
    (link: CrmLink) => {
      const role = primaryRoleOf(link.type);
      const others = links.filter((l) => !(l.type === link.type && l.id === link.id)).map((l) => (role !== null && primaryRoleOf(l.type) === role ? { ...l, primary: false } : l));
      const existing = links.find((l) => l.type === link.type && l.id === link.id);
      void saveLinkList([{ ...(existing ?? link), primary: true }, ...others]);
    },
    [links, saveLinkList],
  );

  // Read through a ref: a search function that changed with every link edit would make the search box search again.
  const linksRef = useRef(links);
  useEffect(() => {
    linksRef.current = links;
  }, [links]);
  const search = useCallback(
    async (q: string, types: CrmObjectType[], signal: AbortSignal) => rankResults((await api.searchCrm({ q: foldQuotes(q), types }, signal)).results, linksRef.current),
    [api],
  );
  // `${type}:${id}` of the links the item has: the search shows them as already linked.
  const linkedKeys = useMemo(() => new Set(links.map((l) => `${l.type}:${l.id}`)), [links]);

  // showLinks: a freshly loaded item's links replace the previous item's.
  return { links, linkedKeys, showLinks: setLinks, addLink, removeLink, makePrimary, linkAsPrimary, search };
}
