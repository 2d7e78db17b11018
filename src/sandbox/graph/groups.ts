// The demo tenant's Entra groups, for the service's enrolment policy `group` (issue 17). Fixed ids so that runs,
// tests and docs/demo.md can name them. A group's members are users and groups; the transitive members of a group
// are every user and group reached through nested groups, each once (learn.microsoft.com, group-list-transitivemembers).
import { DEMO_USERS } from '../common/demo-tenant.js';

export interface DemoGroup {
  id: string;
  displayName: string;
  /** Users (by user id) and groups (by group id). */
  members: readonly string[];
}

const userId = (given: string): string => {
  const user = DEMO_USERS.find((u) => u.givenName === given);
  if (!user) throw new Error(`no demo user ${given}`);
  return user.id;
};

export const DEMO_GROUPS: readonly DemoGroup[] = [
  // Chloe is in "Sales" only through the nested "Sales managers" group.
  { id: '5a1e5000-0000-4000-8000-0000000000b1', displayName: 'Sales', members: [userId('Ava'), userId('Ben'), '5a1e5000-0000-4000-8000-0000000000b2'] },
  { id: '5a1e5000-0000-4000-8000-0000000000b2', displayName: 'Sales managers', members: [userId('Chloe')] },
  { id: '5a1e5000-0000-4000-8000-0000000000b3', displayName: 'Field service', members: [userId('Dan'), userId('Eve')] },
];

/** The group's transitive members in a stable order: users and groups reached through nested groups, each once. */
export function transitiveMembers(groups: readonly DemoGroup[], groupId: string): { users: string[]; groups: string[] } | null {
  const root = groups.find((g) => g.id === groupId);
  if (!root) return null;
  const users: string[] = [];
  const nested: string[] = [];
  const visit = (group: DemoGroup) => {
    for (const member of group.members) {
      const inner = groups.find((g) => g.id === member);
      if (!inner) {
        if (!users.includes(member)) users.push(member);
      } else if (!nested.includes(inner.id) && inner.id !== root.id) {
        nested.push(inner.id);
        visit(inner);
      }
    }
  };
  visit(root);
  return { users, groups: nested };
}
