// The write intents of a plan (domain/write-intent.ts): for every pair group that updates a side, the fields it
// writes to each side and the item it means both sides to hold. Pure.
import type { ActionGroup } from '../../domain/actions.js';
import type { WriteIntent } from '../../domain/write-intent.js';

export function writeIntentsOf<F extends object, K extends string>(mailboxId: string, mergeFields: readonly string[], groups: readonly ActionGroup<F, K>[]): WriteIntent<F>[] {
  const merged = (keys: readonly string[]): string[] => mergeFields.filter((f) => keys.includes(f));
  return groups.flatMap((group) => {
    // A create copies every merged field from the item: both sides are meant to hold the item's values. Should the
    // session die before recording its pair, the next one adopts the record it made (plan-new.ts planAdopt) and tells
    // by this intent which side was edited since, instead of calling every field a conflict.
    const creates = group.steps.some((s) => s.type === 'createCrm');
    // A create in Outlook leaves its intent too: should the session die before it learns the new item's id, the
    // intent tells the next one that the item may exist, and may have been deleted since (run/deleted-creates.ts).
    const createsOutlook = group.steps.some((s) => s.type === 'createOutlook');
    const outlookFields = creates || createsOutlook ? [...mergeFields] : merged(group.steps.flatMap((s) => (s.type === 'updateOutlook' ? Object.keys(s.patch) : [])));
    const crmFields = creates ? [...mergeFields] : merged(group.steps.flatMap((s) => (s.type === 'updateCrm' ? Object.keys(s.patch) : [])));
    const intended = group.record.intended;
    if (!intended || (outlookFields.length === 0 && crmFields.length === 0)) return [];
    return [{ mailboxId, pairId: group.pairId, intended, outlookFields, crmFields, ...(group.conflict ? { conflict: group.conflict } : {}) }];
  });
}
