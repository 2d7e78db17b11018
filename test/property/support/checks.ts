// Invariants of a converged world: pairs agree, nothing is duplicated, nothing is missing. The calendar's here, the
// tasks' in task-checks.ts, the contacts' in contact-checks.ts.
import { syncKindOf } from '../../../src/shared/categories.js';
import { activeAttendeeEmails, differingFields } from '../../../src/server/domain/canonical.js';
import { CALENDAR_FAMILY_NAME } from '../../../src/server/domain/calendar-family.js';
import { hasErrorCategory } from '../../../src/server/domain/rules.js';
import { RESOLVABLE_DOMAIN } from './fake-crm.js';
import type { World } from './harness.js';
import { taskConvergenceProblems } from './task-checks.js';
import { contactConvergenceProblems } from './contact-checks.js';

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

/** Problems found (empty when the world is consistent), in the three families. */
export function convergenceProblems(world: World): string[] {
  return [...calendarProblems(world), ...taskConvergenceProblems(world), ...contactConvergenceProblems(world)];
}

/**
 * R5: a private item tagged as a Visit never reaches C4C (a Visit cannot be private); it stays in error (R9) until
 * the user makes it normal or tags it as an Appointment.
 */
function keptPrivate(world: World, outlookId: string | null): boolean {
  const event = outlookId ? world.outlook.get(outlookId) : undefined;
  return event !== undefined && event.fields.sensitivity === 'private' && syncKindOf(event.categories, world.settings.categories) === 'visit';
}

function calendarProblems(world: World): string[] {
  const problems: string[] = [];
  const pairs = [...world.pairs.values()].filter((p) => p.family === CALENDAR_FAMILY_NAME);
  const live = pairs.filter((p) => p.status === 'synced' || p.status === 'error');
  for (const pair of pairs) {
    if (pair.status === 'error' && !keptPrivate(world, pair.outlookId)) problems.push(`pair ${pair.pairId} still in error: ${pair.lastError?.code}`);
    if (pair.status === 'error' && pair.lastError?.code === 'privateVisit') {
      const item = pair.outlookId ? world.outlook.get(pair.outlookId) : undefined;
      if (item && !hasErrorCategory(item.categories, world.settings)) problems.push(`private Visit ${item.id} lacks the error category (R9)`);
    }
    if (pair.status !== 'synced') continue;
    const event = pair.outlookId ? world.outlook.get(pair.outlookId) : undefined;
    const activity = pair.crmObjectId ? world.crm.get(pair.crmObjectId) : undefined;
    if (!event || !activity) {
      problems.push(`synced pair ${pair.pairId} lacks a side (outlook ${pair.outlookId}, crm ${pair.crmObjectId})`);
      continue;
    }
    if (syncKindOf(event.categories, world.settings.categories) !== pair.kind) problems.push(`synced pair ${pair.pairId}: item not tagged ${pair.kind}`);
    if (hasErrorCategory(event.categories, world.settings)) problems.push(`synced pair ${pair.pairId}: item keeps the error category`);
    if (activity.status === 'cancelled') problems.push(`synced pair ${pair.pairId}: activity cancelled`);
    const differing = differingFields(event.fields, activity.fields, pair.kind);
    if (differing.length > 0) problems.push(`pair ${pair.pairId} differs in ${differing.join(', ')}`);
    const wanted = activeAttendeeEmails(event.fields.attendees, event.fields.organizerEmail).filter((e) => e.endsWith(RESOLVABLE_DOMAIN));
    const actual = activeAttendeeEmails(activity.fields.attendees, activity.fields.organizerEmail);
    if (wanted.join() !== actual.join()) problems.push(`pair ${pair.pairId} attendees ${actual.join()} ≠ ${wanted.join()}`);
  }
  // Completeness: tagged items are mirrored; C4C-created open activities have their pair.
  for (const event of world.outlook.all()) {
    const kind = syncKindOf(event.categories, world.settings.categories);
    if (!kind || keptPrivate(world, event.id)) continue;
    const pair = pairs.find((p) => p.outlookId === event.id && p.kind === kind && (p.status === 'synced' || p.status === 'closed'));
    if (!pair) problems.push(`tagged item ${event.id} (${kind}) has no synced pair`);
  }
  for (const activity of world.crm.all()) {
    if (activity.status === 'cancelled' || activity.origin !== 'user') continue;
    if (!pairs.some((p) => p.crmObjectId === activity.objectId)) problems.push(`C4C activity ${activity.objectId} has no pair`);
  }
  // R11 for creates no pair recorded (the session died between the C4C create and its commit): once the Outlook
  // item is gone, the activity it created is cancelled (sync/session-pending.ts).
  const items = new Set(world.outlook.all().map((e) => e.iCalUId));
  for (const activity of world.crm.all()) {
    if (activity.status === 'cancelled' || activity.origin !== 'service' || pairs.some((p) => p.crmObjectId === activity.objectId)) continue;
    if (activity.groupwareItemId !== null && !items.has(activity.groupwareItemId)) problems.push(`C4C activity ${activity.objectId} created for a deleted item, never recorded, left live`);
  }
  // R11: a mirrored item deleted in Outlook leaves no live activity behind (the harness's items are all the
  // mailbox's own meetings, so a delete always cancels). An item untagged first (R2) keeps its activity.
  for (const pair of pairs) {
    if (pair.status !== 'closed' || !pair.crmObjectId || (pair.outlookId && world.outlook.get(pair.outlookId))) continue;
    if (world.statusBeforeClosing.get(pair.pairId) === 'unlinked') continue;
    const activity = world.crm.get(pair.crmObjectId);
    const stillMirrored = live.some((p) => p.crmObjectId === pair.crmObjectId);
    if (activity && activity.status !== 'cancelled' && !stillMirrored) problems.push(`pair ${pair.pairId}: Outlook item deleted, C4C activity ${pair.crmObjectId} left live`);
  }
  // No duplicates.
  const dupTx = duplicates(world.outlook.all().flatMap((e) => (e.transactionId ? [e.transactionId] : [])));
  if (dupTx.length) problems.push(`duplicate Outlook creates: ${dupTx.join()}`);
  // A cancelled activity may share its item's id with a live one: an item switched back to its kind (R2) gets a new one.
  const dupGw = duplicates(world.crm.all().flatMap((a) => (a.groupwareItemId && a.status !== 'cancelled' ? [`${a.kind}:${a.groupwareItemId}`] : [])));
  if (dupGw.length) problems.push(`duplicate C4C creates: ${dupGw.join()}`);
  const dupOutlook = duplicates(live.flatMap((p) => (p.outlookId ? [p.outlookId] : [])));
  if (dupOutlook.length) problems.push(`Outlook item in several live pairs: ${dupOutlook.join()}`);
  const dupCrm = duplicates(live.flatMap((p) => (p.crmObjectId ? [p.crmObjectId] : [])));
  if (dupCrm.length) problems.push(`C4C activity in several live pairs: ${dupCrm.join()}`);
  return problems;
}
