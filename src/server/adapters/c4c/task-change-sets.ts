// One task write request → the writes of one $batch change set: a deep insert for a create; for an update a
// PATCH of the header with If-Match (always sent, even when only the body changes, so a stale version is a
// conflict and not a silent overwrite) followed by the body entry's PATCH (or POST when the task has none) and,
// when asked, the To Do reference entry's POST; for a cancel a PATCH of Status. Pure: the current entity (with
// its texts expanded) is passed in.
import { C4C_TASK_BODY_TEXT_TYPE, C4C_TASK_NAMES, C4C_TASK_REFERENCE_TEXT_TYPE, referenceText } from '../../domain/c4c-task-fields.js';
import { textEntry, toC4cTaskCancel, type C4cTaskBody, type C4cTaskWrite } from '../../domain/c4c-task-payloads.js';
import { c4cVersionOf } from '../../domain/normalize-c4c.js';
import { bodyEntryOf, referenceEntryOf } from '../../domain/normalize-c4c-task.js';
import type { BatchWrite } from './batch-format.js';
import { keyPredicate } from './odata-literals.js';
import type { ODataEntity } from './odata-read.js';

const taskPath = (objectId: string) => `${C4C_TASK_NAMES.entitySet}${keyPredicate(objectId)}`;

export function createTaskChangeSet(body: C4cTaskBody): BatchWrite[] {
  return [{ method: 'POST', path: C4C_TASK_NAMES.entitySet, body }];
}

export interface TaskUpdateChangeSet {
  writes: BatchWrite[];
  /** True when text entries change too: the task's ETag after the batch must then be re-read. */
  touchesChildren: boolean;
}

export function updateTaskChangeSet(objectId: string, version: string, write: C4cTaskWrite, current: ODataEntity, referenceKey?: string): TaskUpdateChangeSet {
  const path = taskPath(objectId);
  const writes: BatchWrite[] = [{ method: 'PATCH', path, headers: { 'If-Match': version }, body: write.header }];
  if (write.bodyText !== undefined) {
    const entry = bodyEntryOf(current);
    if (entry) {
      if (entry['Text'] !== write.bodyText) {
        const etag = c4cVersionOf(entry);
        writes.push({
          method: 'PATCH',
          path: `${C4C_TASK_NAMES.textSet}${keyPredicate(String(entry['ObjectID'] ?? ''))}`,
          headers: etag ? { 'If-Match': etag } : {},
          body: { Text: write.bodyText },
        });
      }
    } else if (write.bodyText !== '') {
      writes.push({ method: 'POST', path: `${path}/${C4C_TASK_NAMES.textNav}`, body: textEntry(write.bodyText, C4C_TASK_BODY_TEXT_TYPE) });
    }
  }
  if (referenceKey !== undefined && !referenceEntryOf(current)) {
    writes.push({ method: 'POST', path: `${path}/${C4C_TASK_NAMES.textNav}`, body: textEntry(referenceText(referenceKey), C4C_TASK_REFERENCE_TEXT_TYPE) });
  }
  return { writes, touchesChildren: writes.length > 1 };
}

export function cancelTaskChangeSet(objectId: string, version: string): BatchWrite[] {
  return [{ method: 'PATCH', path: taskPath(objectId), headers: { 'If-Match': version }, body: toC4cTaskCancel() }];
}
