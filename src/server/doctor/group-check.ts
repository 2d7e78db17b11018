// The doctor's check of the enrolment group (issue 17): under the policy `group`, the service reads the group's
// transitive members at every worker start and every policy preview or apply, and Graph answers that read only to an
// app holding GroupMember.Read.All (application; Directory.Read.All or Group.Read.All also do, but grant more).
// Without it, provisioning keeps every mailbox as it is and enrols no one new, which is easy to miss: this line says
// so before it happens. Under another policy no group is read, so the permission is not needed and the line is skipped.
import type { GraphProbes, ProbeFailure, StoreProbe } from '../ports/doctor-probes.js';
import { described, fail, ok, skip, type CheckResult } from './check.js';

export const GROUP_CHECK_ID = 'graph.groupMembers';
export const GROUP_CHECK_TITLE = "Graph: the enrolment group's members (GroupMember.Read.All)";

/** Where to grant GroupMember.Read.All: no mailbox scope applies to a directory read, so the portal step alone. */
export const GRANT_GROUP_MEMBER_READ =
  'Grant the application permission GroupMember.Read.All: Entra admin center › App registrations › (the service app, CLIENT_ID) › ' +
  'API permissions › Add a permission › Microsoft Graph › Application permissions › GroupMember.Read.All, then "Grant admin consent" ' +
  '(docs/deploy.md, section 2). Until then the group cannot be read: no one new is enrolled and no one leaves.';

function fixOf(failure: ProbeFailure, groupId: string): string {
  if (failure.status === 403 || failure.status === 401) return GRANT_GROUP_MEMBER_READ;
  if (failure.status === 404) return `No Entra group has the object id ${groupId} (deleted?): apply another enrolment policy in the admin console (Enrolment).`;
  return 'Graph refused; see the answer. The permission the read needs: GroupMember.Read.All (application).';
}

export async function groupCheck(graph: GraphProbes, store: StoreProbe | null): Promise<CheckResult> {
  if (!store) return skip(GROUP_CHECK_ID, GROUP_CHECK_TITLE, 'not run: the database could not be read for the enrolment policy');
  const groupId = await store.enrolmentGroup();
  if (!groupId) return skip(GROUP_CHECK_ID, GROUP_CHECK_TITLE, 'the enrolment policy is not an Entra group: no group is read');
  const outcome = await graph.groupMembers(groupId);
  if (outcome.ok) return ok(GROUP_CHECK_ID, GROUP_CHECK_TITLE, `group ${groupId} ${outcome.note ?? 'read'}`);
  return fail(GROUP_CHECK_ID, GROUP_CHECK_TITLE, described(outcome), fixOf(outcome, groupId));
}
