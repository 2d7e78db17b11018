// Session guard (mass changes). A session that would make more mass changes than the tenant allows is more likely a
// fault than intent: a mailbox wiped by a script, a C4C tenant restored from an old copy or swapped for another, a
// bulk job in C4C. Its mass changes are held for an admin (a SessionHold); everything else of the session goes on.
//
// Counted (domain/actions.ts `isMassChange`): cancelling a C4C activity, deleting an Outlook item (this is also how
// an item moves away when its C4C record is handed to another owner), removing the sync category (R11's notice),
// and putting the error category on an item. Not counted: creates and field updates (a fault there is undone by
// the next edit), and unlinking when the user removed the category (the user did it, nothing is written).
//
// Two limits, either of which holds the session's mass changes:
// - more than `deleteGuardLimit` of them;
// - `massChangeShare` or more of the family's live pairs in the mailbox, and at least MASS_CHANGE_MIN_ITEMS (a
//   rep with 12 synced meetings whose 11 C4C activities vanish at once is a tenant problem, not a busy day).
// Groups of a hold an admin released are not counted: the session after the release applies them.
import { isMassChange, type ActionGroup } from '../../domain/actions.js';
import type { PlanWarning } from './plan-types.js';

/** Below this many mass changes the share rule does not apply: a user deleting 3 of their 4 meetings is intent. */
export const MASS_CHANGE_MIN_ITEMS = 10;

export interface GuardLimits {
  /** Most mass changes one session of a family may make (settings.deleteGuardLimit). */
  limit: number;
  /** Largest share of the live pairs one session may change en masse; 0 turns the rule off (settings.massChangeShare). */
  share: number;
  /** The family's live pairs (synced or in error) in the mailbox before the session. */
  livePairs: number;
  /** Pairs of holds an admin released: applied now whatever their number. */
  released?: ReadonlySet<string>;
}

export interface GuardResult<Group extends ActionGroup<object, string>> {
  groups: Group[];
  held: Group[];
  warning: PlanWarning | null;
}

function describeCounts(groups: readonly ActionGroup<object, string>[]): string {
  const counts = new Map<string, number>();
  for (const step of groups.flatMap((g) => g.steps.filter(isMassChange))) counts.set(step.type, (counts.get(step.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${n} ${type}`).join(', ');
}

export function applyMassChangeGuard<Group extends ActionGroup<object, string>>(groups: readonly Group[], limits: GuardLimits): GuardResult<Group> {
  const released = limits.released ?? new Set<string>();
  const mass = groups.filter((g) => !released.has(g.pairId) && g.steps.some(isMassChange));
  const overLimit = mass.length > limits.limit;
  const overShare = limits.share > 0 && mass.length >= MASS_CHANGE_MIN_ITEMS && mass.length >= limits.share * limits.livePairs;
  if (!overLimit && !overShare) return { groups: [...groups], held: [], warning: null };
  const heldIds = new Set(mass.map((g) => g.pairId));
  const why = overLimit
    ? `exceed the limit of ${limits.limit}`
    : `touch ${Math.round((100 * mass.length) / Math.max(1, limits.livePairs))} % of the ${limits.livePairs} synced items (limit ${Math.round(100 * limits.share)} %)`;
  return {
    groups: groups.filter((g) => !heldIds.has(g.pairId)),
    held: mass,
    warning: {
      code: 'deleteGuard',
      pairId: null,
      message: `${mass.length} mass changes (${describeCounts(mass)}) ${why}; they are held for an administrator.`,
    },
  };
}
