// Session guard: a session that would cancel or delete more than settings.deleteGuardLimit items is more likely
// a fault (a mailbox wiped by mistake, a C4C mass change) than intent. Those groups are held for an admin.
import { isDestructive, type ActionGroup } from '../../domain/actions.js';
import type { PlanWarning } from './plan-types.js';

export interface GuardResult<Group extends ActionGroup<object, string>> {
  groups: Group[];
  held: Group[];
  warning: PlanWarning | null;
}

export function applyDeleteGuard<Group extends ActionGroup<object, string>>(groups: readonly Group[], limit: number): GuardResult<Group> {
  const destructive = groups.filter((g) => g.steps.some(isDestructive));
  if (destructive.length <= limit) return { groups: [...groups], held: [], warning: null };
  return {
    groups: groups.filter((g) => !g.steps.some(isDestructive)),
    held: destructive,
    warning: {
      code: 'deleteGuard',
      pairId: null,
      message: `${destructive.length} cancels/deletes exceed the limit of ${limit}; they are held for an administrator.`,
    },
  };
}
