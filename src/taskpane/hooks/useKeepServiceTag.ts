// Compose on the web: Office.js can't set categories there, so the sync service set the tag on the stored item
// (src/addin/sync-as.ts). Whether Outlook's later save of the still open form writes the form's own, tag-less
// category list over it is not documented. So while the form stays open, the stored item is checked now and then;
// should the tag be gone although the rep did not change "Sync as" here, the service sets it again and the pane
// says so. Ends with another item, another choice, or the tag replaced by the other kind (the rep's own doing).
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../addin/api/client.js';
import type { Strings } from '../../addin/text/en.js';
import type { SyncKind } from '../../shared/categories.js';
import type { Say } from './useMessages.js';

export const KEEP_TAG_CHECK_MS = 2_000;

interface Kept {
  itemId: string;
  kind: SyncKind;
  gen: number;
}

export interface KeepServiceTagDeps {
  api: ApiClient;
  strings: Strings;
  say: Say;
  isCurrent: (gen: number) => boolean;
  /** The tag is back: show the item syncing. */
  onRestored: (itemId: string, kind: SyncKind) => void;
}

export function useKeepServiceTag({ api, strings, say, isCurrent, onRestored }: KeepServiceTagDeps) {
  const [kept, setKept] = useState<Kept | null>(null);
  const keep = useCallback((itemId: string, kind: SyncKind, gen: number) => setKept({ itemId, kind, gen }), []);
  const forget = useCallback(() => setKept(null), []);

  useEffect(() => {
    if (!kept) return;
    let stopped = false;
    const timer = setInterval(() => {
      if (!isCurrent(kept.gen)) return setKept(null);
      api.itemStatus(kept.itemId).then(
        async (status) => {
          if (stopped || !isCurrent(kept.gen)) return;
          if (status.kind && status.kind !== kept.kind) return setKept(null);
          if (status.kind) return;
          await api.setItemCategory(kept.itemId, kept.kind);
          api.syncItem(kept.itemId).catch(() => undefined);
          if (stopped || !isCurrent(kept.gen)) return;
          onRestored(kept.itemId, kept.kind);
          say('warning', strings.syncAs.tagRestored);
        },
        () => undefined, // the service is away: the next check tries again
      );
    }, KEEP_TAG_CHECK_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [kept, api, isCurrent, onRestored, say, strings]);

  return { keep, forget };
}
