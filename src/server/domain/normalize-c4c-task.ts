// C4C Task JSON (OData v2, with $expand of TasksTextCollection and TasksBTDReference) → CrmTask. Pure.
import { normalizePrimaries, type CrmLink } from '../../shared/crm-links.js';
import { normalizeText } from './canonical.js';
import { STANDARD_ACTIVITY_CODES, documentTypeOfCode, type BtdTypeCodes } from './c4c-codes.js';
import {
  C4C_TASK_BODY_TEXT_TYPE,
  C4C_TASK_NAMES,
  C4C_TASK_REFERENCE_TEXT_TYPE,
  importanceOfPriority,
  keyOfReferenceText,
  progressOfStatus,
  recordStatusOf,
} from './c4c-task-fields.js';
import { c4cVersionOf, expanded, instant, type C4cJson } from './normalize-c4c.js';
import { emptyTask, TASK_KIND, type CrmTask, type NormalizedTask } from './task-item.js';
import { ianaFromSapZone, toIsoUtc } from './time.js';
import { STANDARD_SAP_ZONES, type SapZones } from './sap-time-zones.js';

function str(json: C4cJson, key: string): string | null {
  const value = json[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}


const isoOrNull = (ms: number | null): string | null => (ms === null ? null : toIsoUtc(ms));

/** The task's To Do reference entry (the idempotency key of a task created from To Do), if any. */
export function referenceEntryOf(json: C4cJson): C4cJson | undefined {
  return expanded(json, C4C_TASK_NAMES.textNav).find((t) => str(t, 'TypeCode') === C4C_TASK_REFERENCE_TEXT_TYPE && keyOfReferenceText(t['Text'] as string) !== null);
}

/**
 * The body entry: the one of the body type, else the first entry that is not the To Do reference (a tenant whose
 * UI writes notes under another type still shows them as the body). Updates change this same entry.
 */
export function bodyEntryOf(json: C4cJson): C4cJson | undefined {
  const texts = expanded(json, C4C_TASK_NAMES.textNav);
  return texts.find((t) => str(t, 'TypeCode') === C4C_TASK_BODY_TEXT_TYPE) ?? texts.find((t) => str(t, 'TypeCode') !== C4C_TASK_REFERENCE_TEXT_TYPE);
}

/**
 * Header main account / main contact → the primary links; BTD references (opportunity, …) → the rest, by the tenant's
 * type codes (TasksBTDReferenceTypeCodeCollection, read by the adapter; C4C's standard ones by default).
 */
function linksOf(json: C4cJson, btdTypes: BtdTypeCodes): CrmLink[] {
  const links: CrmLink[] = [];
  const account = str(json, 'MainAccountPartyID');
  if (account) links.push({ type: 'account', id: account, primary: true });
  const contact = str(json, 'MainContactPartyID');
  if (contact) links.push({ type: 'contact', id: contact, primary: true });
  for (const ref of expanded(json, C4C_TASK_NAMES.btdNav)) {
    const type = documentTypeOfCode(btdTypes, str(ref, 'TypeCode'));
    const id = str(ref, 'ID');
    if (type && id) links.push({ type, id });
  }
  return normalizePrimaries(links);
}

export function normalizeC4cTaskFields(json: C4cJson, btdTypes: BtdTypeCodes = STANDARD_ACTIVITY_CODES.btdTypes, zones: SapZones = STANDARD_SAP_ZONES): NormalizedTask {
  // The due zone is the one users set the deadline in; a task with only a start keeps the start's zone. A code the
  // tenant's zones do not map leaves a UTC placeholder and marks the task (R9).
  const zoneCode = str(json, 'DueDatetimeZoneCode') ?? str(json, 'StartDatetimeZoneCode');
  const known = ianaFromSapZone(zoneCode, zones);
  const body = bodyEntryOf(json);
  const objectId = str(json, 'ObjectID');
  return {
    title: normalizeText(str(json, 'Subject') ?? ''),
    body: normalizeText(body ? (str(body, 'Text') ?? '') : ''),
    startUtc: isoOrNull(instant(json, 'StartDateTime')),
    dueUtc: isoOrNull(instant(json, 'DueDateTime')),
    timeZone: known ?? 'UTC',
    importance: importanceOfPriority(str(json, 'PriorityCode')),
    progress: progressOfStatus(str(json, 'Status')),
    completedUtc: isoOrNull(instant(json, 'CompletionDateTime')),
    links: linksOf(json, btdTypes),
    crmRef: objectId ? { objectId, displayId: str(json, 'ID') } : null,
    ...(known === null && zoneCode !== null ? { unknownZone: { side: 'crm' as const, name: zoneCode } } : {}),
  };
}

/** A C4C Task entity → CrmTask. */
export function normalizeC4cTask(json: C4cJson, btdTypes: BtdTypeCodes = STANDARD_ACTIVITY_CODES.btdTypes, zones: SapZones = STANDARD_SAP_ZONES): CrmTask {
  const reference = referenceEntryOf(json);
  return {
    objectId: str(json, 'ObjectID') ?? '',
    displayId: str(json, 'ID'),
    kind: TASK_KIND,
    version: c4cVersionOf(json),
    groupwareItemId: reference ? keyOfReferenceText(reference['Text'] as string) : null,
    status: recordStatusOf(str(json, 'Status')),
    removed: false,
    // Milliseconds kept, as for activities: two edits in one second must stay ordered.
    lastChangedOn: new Date(instant(json, 'EntityLastChangedOn') ?? 0).toISOString(),
    processorPartyId: str(json, 'ProcessorPartyID'),
    processorEmail: str(json, 'ProcessorEmailURI')?.toLowerCase() ?? null,
    fields: normalizeC4cTaskFields(json, btdTypes, zones),
  };
}

/** What getByIds reports for a task C4C no longer has. */
export function removedTask(objectId: string): CrmTask {
  return {
    objectId,
    kind: TASK_KIND,
    version: '',
    groupwareItemId: null,
    status: 'cancelled',
    removed: true,
    lastChangedOn: toIsoUtc(0),
    processorPartyId: null,
    processorEmail: null,
    fields: emptyTask(),
  };
}
