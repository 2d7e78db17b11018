// The item the pane shows: its header info and REST id, read from Outlook through the ItemPort. Every load gets a
// generation number; an answer that arrives for an earlier one (the user moved on to another item) is dropped,
// here and in the hooks that hold the rest of the item's state (they ask isCurrent).
import { useCallback, useRef, useState } from 'react';
import type { CrmLink } from '../../shared/crm-links.js';
import type { ItemInfo, ItemPort } from './services.js';

/** What one load read from the item. The links and categories belong to other hooks; the composer hands them on. */
export interface LoadedItem {
  gen: number;
  info: ItemInfo;
  itemId: string | null;
  links: CrmLink[];
  categories: string[] | null;
}

export type CurrentItem = ReturnType<typeof useCurrentItem>;

export function useCurrentItem(item: ItemPort) {
  // True from the start: the first load begins as the pane mounts.
  const [loading, setLoading] = useState(true);
  const [info, setInfo] = useState<ItemInfo | null>(null);
  const [itemId, setItemId] = useState<string | null>(null);
  const generation = useRef(0);

  const currentGeneration = useCallback(() => generation.current, []);
  const isCurrent = useCallback((gen: number) => gen === generation.current, []);

  /** Another item is on its way (the first load needs no call: `loading` starts true). */
  const showLoading = useCallback(() => setLoading(true), []);

  /**
   * Reads the item and, unless a newer load started meanwhile, shows it and hands it to `show` in the same
   * update, so header, links and "Sync as" change together. A superseded load's failure is dropped; others throw.
   * Sets no state before its first await, so an effect may start it.
   */
  const load = useCallback(
    async (show: (loaded: LoadedItem) => Promise<void>) => {
      const gen = ++generation.current;
      try {
        const nextInfo = await item.getInfo();
        const [links, categories, nextId] = await Promise.all([item.loadLinks(), item.getCategories(), item.getItemId()]);
        if (gen !== generation.current) return;
        setInfo(nextInfo);
        setItemId(nextId);
        setLoading(false);
        await show({ gen, info: nextInfo, itemId: nextId, links, categories });
      } catch (error) {
        if (gen !== generation.current) return;
        setLoading(false);
        throw error;
      }
    },
    [item],
  );

  // setItemId: saving a new compose item (for "Sync as") gives it its first id.
  return { loading, info, itemId, setItemId, currentGeneration, isCurrent, showLoading, load };
}
