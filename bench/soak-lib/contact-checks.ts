// The checker's part for contacts (R14), after the soak settled: each tracked contact compared on both sides by the
// tag its last name starts with. A listed contact has one copy in its user's folder agreeing with C4C on the last
// name (one side's last edit; an older one is matched to a logged conflict as for the other families); a contact taken
// off the list, blocked in C4C or whose copy was deleted has no copy; C4C never lost a record (nothing is deleted or
// blocked by the service); a deleted copy took its entry off the list; no other mailbox holds a copy; every employee
// copy a user edited shows the employee's C4C name again (R9) and the employee record is unchanged.
import type { CheckReport } from './checker.js';
import { crmContacts, folderContacts, type ContactEdits, type SideContact } from './contact-edits.js';
import type { SoakSides } from './clients.js';
import type { TrackedItem } from './edits.js';
import { noteVisibleError } from './visible-errors.js';

const BLOCKED = '3';

export async function checkContacts(sides: SoakSides, prefix: string, items: readonly TrackedItem[], userIds: readonly string[], contacts: ContactEdits, report: CheckReport): Promise<void> {
  const tracked = items.filter((i) => i.family === 'contacts');
  if (tracked.length === 0 && contacts.employeeEdits.length === 0) return;
  const copies: SideContact[] = [];
  for (const id of userIds) copies.push(...(await folderContacts(sides, id)));
  const records = await crmContacts(sides, prefix);
  const tagOf = (surname: string) => surname.slice(0, surname.indexOf(']') + 1);
  const lists = new Map<string, Set<string>>();
  const listOf = async (item: TrackedItem) => {
    if (!lists.has(item.user.id)) {
      const body = await contacts.api(item.user, 'GET', '/api/sync-list');
      lists.set(item.user.id, new Set(((body.entries ?? []) as { type: string; c4cId: string }[]).map((e) => `${e.type}:${e.c4cId}`)));
    }
    return lists.get(item.user.id) as Set<string>;
  };
  for (const item of tracked) {
    report.byState[item.state] = (report.byState[item.state] ?? 0) + 1;
    const family = (report.byFamily[item.family] ??= { items: 0, converged: 0 });
    family.items += 1;
    const mine = copies.filter((c) => tagOf(c.surname) === item.tag && c.userId === item.user.id);
    const elsewhere = copies.filter((c) => tagOf(c.surname) === item.tag && c.userId !== item.user.id);
    const rs = records.filter((r) => tagOf(r.surname) === item.tag);
    const fail = (what: string) => {
      const marked = mine.filter((c) => c.categories.includes('Error in SAP Cloud for Customer SSI'));
      if (marked.length > 0) noteVisibleError(report, { tag: item.tag, family: 'contacts', sideIds: marked.map((c) => c.id) });
      else report.violations.push(`${item.tag} (contact, ${item.state}): ${what}; outlook=${JSON.stringify(mine.map((c) => [c.surname, c.categories]))} crm=${JSON.stringify(rs.map((r) => [r.surname, r.status, r.objectId]))}`);
    };
    if (mine.length > 1) fail(`${mine.length} Outlook copies (duplicate)`);
    else if (elsewhere.length > 0) fail(`a copy in a mailbox whose list never held it (${elsewhere.map((c) => c.userId).join()})`);
    else if (rs.length !== 1) fail(rs.length === 0 ? 'the C4C record is gone (the service must never delete one)' : `${rs.length} C4C records (duplicate)`);
    else {
      const [copy] = mine;
      const record = rs[0] as (typeof rs)[number];
      let ok = false;
      if (item.state === 'live') {
        if (!copy) fail('listed but no Outlook copy');
        else if (record.status === BLOCKED) fail('C4C record blocked while listed and live');
        else if (copy.surname !== record.surname) fail('sides differ');
        else if (copy.surname !== item.lastOutlookSubject && copy.surname !== item.lastCrmSubject) fail(`lost edit (expected ${item.lastOutlookSubject} or ${item.lastCrmSubject})`);
        else {
          ok = true;
          const latest = item.lastEditSide === 'outlook' ? item.lastOutlookSubject : item.lastCrmSubject;
          if (copy.surname !== latest) {
            report.notLatestEdit += 1;
            report.olderEdits.push({ tag: item.tag, family: 'contacts', outlookId: copy.id, crmObjectId: record.objectId, keptSide: item.lastEditSide === 'outlook' ? 'crm' : 'outlook', kept: copy.surname, latest });
          }
        }
      } else if (copy) {
        fail('the Outlook copy stays');
      } else if (item.state === 'cancelledInCrm') {
        ok = record.status === BLOCKED || (fail('blocked in C4C but the record is live again'), false);
      } else if (record.status === BLOCKED) {
        fail('the service blocked or changed the status of the C4C record');
      } else if (item.state === 'deletedInOutlook' && (await listOf(item)).has(`contact:${record.contactId}`)) {
        fail('its Outlook copy was deleted but it is still on the list');
      } else {
        ok = true;
      }
      if (ok) {
        report.converged += 1;
        family.converged += 1;
      }
    }
  }
  for (const e of contacts.employeeEdits) {
    const copy = (await folderContacts(sides, e.user.id)).find((c) => c.id === e.copyId);
    const body = await sides.c4cWrite('GET', `EmployeeCollection?$filter=${encodeURIComponent(`EmployeeID eq '${e.colleague.c4cEmployeeId}'`)}&$select=LastName`);
    const employee = String(((body.d?.results ?? []) as { LastName?: string }[])[0]?.LastName ?? '');
    if (employee === e.edited) report.violations.push(`employee ${e.colleague.c4cEmployeeId}: the Outlook edit of ${e.user.mail}'s copy reached C4C`);
    else if (copy && copy.surname !== employee) report.violations.push(`employee copy of ${e.colleague.c4cEmployeeId} in ${e.user.mail}'s folder: the edit "${copy.surname}" was not reverted to "${employee}" (R9)`);
  }
}
