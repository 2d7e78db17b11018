// The pane with the sync service out of reach (issue 13, defect 8), against the shared e2e stack: the banner says
// search is unavailable, and tagging offline says the item syncs when the service is back. Moved out of
// task-pane.test.ts (at its 400-line limit) unchanged.
import { expect } from '@jest/globals';
import { AVA, axeFindings, meetingBody, seriousOrWorse, uniqueSubject } from './items.js';
import { syncAs } from './pane-checks.js';
import type { SharedStack } from './shared-stack.js';
import { screenshotWidths } from './stack.js';

export async function offlineBannerAndTagging(shared: SharedStack): Promise<void> {
  const { h } = shared.stack;
  const subject = uniqueSubject('E2E offline');
  const event = await h.graph.createEvent(AVA.id, meetingBody(subject, 8));
  const item = await shared.open({ itemId: String(event.id), subject, offline: true });
  const { pane } = item;
  await pane.getByText(/^The sync service can't be reached, so the sync status and CRM search are unavailable\./).waitFor({ timeout: 15_000 });
  expect(await pane.getByRole('combobox', { name: 'Search CRM' }).isDisabled()).toBe(true);
  await syncAs(pane, 'Appointment');
  await pane.getByText("The sync service can't be reached now. It syncs this item when it is back.").waitFor();
  expect(await pane.getByText(/takes a few seconds/).count()).toBe(0);
  await screenshotWidths(item, '7-offline-tagged');
  expect(seriousOrWorse(await axeFindings(item.page, 'offline'))).toEqual([]);
}
