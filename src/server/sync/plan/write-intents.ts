// The write intents of a plan (domain/write-intent.ts): for every pair group that updates a side, the fields it
// writes to each side and the item it means both sides to hold. Pure.
import { TWO_WAY_FIELDS, type TwoWayField } from '../../domain/calendar-item.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import type { ActionGroup } from '../run/outcomes.js';

const twoWay = (keys: readonly string[]): TwoWayField[] => TWO_WAY_FIELDS.filter((f) => keys.includes(f));

export function writeIntentsOf(mailboxId: string, groups: readonly ActionGroup[]): WriteIntent[] {
  return groups.flatMap((group) => {
    const outlookFields = twoWay(group.steps.flatMap((s) => (s.type === 'updateOutlook' ? Object.keys(s.patch) : [])));
    const crmFields = twoWay(group.steps.flatMap((s) => (s.type === 'updateCrm' ? Object.keys(s.patch) : [])));
    const intended = group.record.pair.base;
    if (!intended || (outlookFields.length === 0 && crmFields.length === 0)) return [];
    return [{ mailboxId, pairId: group.pairId, intended, outlookFields, crmFields }];
  });
}
