// Session guard: a session that would cancel or delete more than settings.deleteGuardLimit items is more likely
// a fault (a mailbox wiped by mistake, a C4C mass change) than intent. Those groups are held for an admin.
import { isDestructive, type Action } from '../../domain/actions.js';
import type { PlanWarning } from './plan-types.js';

export interface GuardResult {
  actions: Action[];
  held: Action[];
  warning: PlanWarning | null;
}

export function applyDeleteGuard(groups: readonly Action[][], limit: number): GuardResult {
  const destructive = groups.filter((g) => g.some(isDestructive));
  if (destructive.length <= limit) return { actions: groups.flat(), held: [], warning: null };
  return {
    actions: groups.filter((g) => !g.some(isDestructive)).flat(),
    held: destructive.flat(),
    warning: {
      code: 'deleteGuard',
      pairId: null,
      message: `${destructive.length} cancels/deletes exceed the limit of ${limit}; they are held for an administrator.`,
    },
  };
}
