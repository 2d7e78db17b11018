// After the session created CRM records for groupware items, the groupware items get what names their record, for a
// family that says what that is (tasks: the C4C task's linked resource in To Do, R13). The item then shows the link,
// and a session that finds the item without its pair row (lost in a crash) pairs it by the record it names
// (planner.ts). Best effort: a failure is a warning, and the pairs whose link was not written are returned, so the
// session records their item as unconfirmed: the next session re-reads and merges it, which writes the link. The
// records read are returned too (contacts add them to the sync list: sync/contact-sync.ts), and the pairs whose
// create answered with a record that holds something else than it sent (ItemFamily.createdAsSent: the existing
// contact the duplicate check took), which the session records unmerged. A create answered with a record another pair
// of the mailbox holds (duplicate-creates.ts) gets no link: its item loses the sync categories instead, and says why
// (ItemFamily.releaseNotice, naming the record it did not take).
import { applyPatch, type ItemFamily } from '../../domain/family.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { CategoryEdit } from '../../domain/actions.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { CrmPort } from '../../ports/crm-port.js';
import type { GroupwarePort, GroupwareWriteRequest } from '../../ports/groupware-port.js';
import type { GroupOutcome } from './apply.js';

/**
 * The write that releases an item: its sync categories off, and, for a family that names the record in its items and
 * says why (contacts), no record named and the reason on the item. Without If-Match, as the link's write: it touches
 * only what the service owns, so a user's concurrent edit is kept.
 */
function releaseRequest<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  family: Pick<ItemFamily<G, C>, 'unlinkPatch' | 'releaseNotice'>,
  outlookId: string,
  fields: G['fields'],
  edit: CategoryEdit,
  holder: G['fields'] | null,
): GroupwareWriteRequest<G['fields'], C['kind']> {
  const patch = family.unlinkPatch;
  const notice = family.releaseNotice?.(holder);
  if (!patch) return { op: 'editCategories', id: outlookId, edit };
  return { op: 'update', id: outlookId, ifMatch: '*', patch, after: applyPatch(fields, patch), categoryEdit: edit, ...(notice !== undefined ? { notice } : {}) };
}

export async function linkGroupwareToCrm<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  deps: { family: Pick<ItemFamily<G, C>, 'groupwareLinkPatch' | 'createdAsSent' | 'unlinkPatch' | 'releaseNotice'>; groupware: Pick<GroupwarePort<G, C['kind']>, 'write'>; crm: Pick<CrmPort<C>, 'getByIds'> },
  mailbox: Mailbox,
  outcomes: readonly GroupOutcome<G, C>[],
  /** Pairs whose create took a record another pair holds, and the category edit that releases their items. */
  release: { pairIds: ReadonlySet<string>; edit: CategoryEdit } = { pairIds: new Set(), edit: { add: [], remove: [] } },
): Promise<{ warnings: string[]; unlinked: string[]; records: C[]; unmerged: string[] }> {
  const linkPatch = deps.family.groupwareLinkPatch;
  if (!linkPatch) return { warnings: [], unlinked: [], records: [], unmerged: [] };
  const released = (pairId: string) => release.pairIds.has(pairId);
  const created = outcomes.flatMap((o) =>
    o.applied.flatMap((a) => (a.action.type === 'createCrm' && o.group.record.pair.outlookId ? [{ action: a.action, objectId: a.result.id, version: a.result.version, outlookId: o.group.record.pair.outlookId }] : [])),
  );
  if (created.length === 0) return { warnings: [], unlinked: [], records: [], unmerged: [] };
  try {
    // The create's answer has the record's id only; what names it (its number too) comes from the record itself.
    const records = new Map((await deps.crm.getByIds(mailbox.tenantId, created.map((c) => ({ kind: c.action.kind, objectId: c.objectId })))).map((r) => [r.objectId, r]));
    const writes = created.flatMap(({ action, objectId, outlookId }) => {
      const record = records.get(objectId);
      if (released(action.pairId)) return [{ outlookId, pairId: action.pairId, request: releaseRequest(deps.family, outlookId, action.fields, release.edit, record && !record.removed ? record.fields : null) }];
      const patch = record && !record.removed ? linkPatch(record) : null;
      // No If-Match: the patch touches only what the service owns (the link), so a user's concurrent edit is kept.
      const request: GroupwareWriteRequest<G['fields'], C['kind']> | null = patch ? { op: 'update', id: outlookId, ifMatch: '*', patch, after: applyPatch(action.fields, patch) } : null;
      return request ? [{ outlookId, pairId: action.pairId, request }] : [];
    });
    // The records the linked creates made or took (a released one's record is another pair's).
    const linked = new Set(created.filter((c) => !released(c.action.pairId)).map((c) => c.objectId));
    const read = [...records.values()].filter((r) => !r.removed && linked.has(r.objectId));
    // Unchanged since the create answered (same version), yet not what it sent: a record that existed before it. One
    // edited since is left to the next session, which sees that edit as any other.
    const createdAsSent = deps.family.createdAsSent;
    const unmerged = createdAsSent
      ? created.filter(({ action, objectId, version }) => {
          if (released(action.pairId)) return false;
          const record = records.get(objectId);
          return record !== undefined && !record.removed && record.version === version && !createdAsSent(action.fields, record);
        }).map((c) => c.action.pairId)
      : [];
    if (writes.length === 0) return { warnings: [], unlinked: [], records: read, unmerged };
    const results = await deps.groupware.write(mailbox, writes.map((w) => w.request));
    const failed = writes.flatMap((w, i) => {
      const result = results[i];
      return result?.ok ? [] : [{ ...w, message: result ? result.error.message : 'no result' }];
    });
    return { warnings: failed.map((f) => `crmLinkNotWritten: item ${f.outlookId}: ${f.message}`), unlinked: failed.map((f) => f.pairId), records: read, unmerged };
  } catch (error) {
    return { warnings: [`crmLinkNotWritten: ${error instanceof Error ? error.message : String(error)}`], unlinked: created.map((c) => c.action.pairId), records: [], unmerged: [] };
  }
}
