/**
 * @jest-environment jsdom
 */
// The pane a user can trust: "Sync as" writes only on Apply and keeps focus, says what a switch does, shows one
// current message, and keeps its status fresh (fast polling after a change, link edits, a tag set elsewhere).
import { jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from '../../../src/taskpane/App.js';
import { STATUS_POLL_DELAYS_MS } from '../../../src/taskpane/hooks/useSyncStatus.js';
import { SyncStatus } from '../../../src/taskpane/components/SyncStatus.js';
import { StringsContext } from '../../../src/taskpane/strings-context.js';
import { languageFor, stringsFor } from '../../../src/addin/text/index.js';
import type { ItemStatus } from '../../../src/shared/api.js';
import { fakes, info, synced } from './support/pane-fakes.js';

const notSynced: ItemStatus = { ...synced, state: 'notSynced', kind: null, c4cObjectId: null, c4cId: null, c4cUrl: null, syncedAt: null };
const pending: ItemStatus = { ...notSynced, state: 'pending', kind: 'visit' };

/** itemStatus answers these in turn, the last one from then on. */
function answers(...list: ItemStatus[]) {
  let i = 0;
  return jest.fn(async () => list[Math.min(i++, list.length - 1)]!);
}

describe('task pane: Sync as', () => {
  it('a radio only selects; Apply writes, and focus stays on Apply', async () => {
    const { services, item } = fakes({ item: { getCategories: jest.fn(async () => []) }, api: { itemStatus: jest.fn(async () => notSynced) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('Not synced');
    fireEvent.click(screen.getByRole('radio', { name: 'Appointment' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Visit' }));
    expect(screen.getByText('Apply to create a Visit in SAP Cloud for Customer.')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(item.applySyncKind).not.toHaveBeenCalled();
    const apply = screen.getByRole('button', { name: 'Apply' });
    apply.focus();
    fireEvent.click(apply);
    await screen.findByText('This item now syncs to SAP as a Visit.');
    expect(item.applySyncKind).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Apply' }));
  });

  it('says before a switch that the record already in C4C is cancelled and the other kind created with the same links, and shows only the latest outcome', async () => {
    const { services, item } = fakes();
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('C4C ID: 4711');
    fireEvent.click(screen.getByRole('radio', { name: 'Visit' }));
    expect(screen.getByText(/The Appointment in SAP Cloud for Customer will be cancelled and a Visit created with the same links\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByText('This item now syncs to SAP as a Visit.');
    (item.applySyncKind as jest.Mock).mockClear();
    fireEvent.click(screen.getByRole('radio', { name: 'Appointment' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByText('This item now syncs to SAP as an Appointment.');
    expect(screen.queryByText('This item now syncs to SAP as a Visit.')).toBeNull();
  });

  it('warns before tagging an all-day event over 24 hours', async () => {
    const long = { ...info, start: new Date(2026, 10, 23), end: new Date(2026, 10, 25) };
    const { services } = fakes({ item: { getInfo: jest.fn(async () => long), getCategories: jest.fn(async () => []) }, api: { itemStatus: jest.fn(async () => notSynced) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('Not synced');
    expect(screen.queryByText(/do not sync to SAP/)).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Appointment' }));
    expect(screen.getByText(/^All-day events longer than 24 hours do not sync to SAP\. Make it one day long/)).toBeTruthy();
  });

  it('drops "now syncs as…" once the sync it started has failed', async () => {
    const failed: ItemStatus = { ...pending, state: 'error', error: { code: 'temporary', message: 'C4C down', since: new Date().toISOString() } };
    const { services } = fakes({ item: { getCategories: jest.fn(async () => []) }, api: { itemStatus: answers(notSynced, failed) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('Not synced');
    fireEvent.click(screen.getByRole('radio', { name: 'Visit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByText('Sync failed');
    expect(screen.queryByText('This item now syncs to SAP as a Visit.')).toBeNull();
  });
});

describe('task pane: fresh status', () => {
  // Load-proof: the wall-clock waits below are generous; the "within a second" is the schedule's (asserted at the end),
  // and bench:taskpane measures it in a browser.
  it('shows "Synced" within a second of tagging (polls early, then backs off)', async () => {
    const { services, api } = fakes({ item: { getCategories: jest.fn(async () => []) }, api: { itemStatus: answers(notSynced, pending, { ...synced, kind: 'visit' }) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('Not synced');
    fireEvent.click(screen.getByRole('radio', { name: 'Visit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByText('Sync pending');
    await waitFor(() => expect(screen.getByText('Synced')).toBeTruthy(), { timeout: 5000 });
    expect(api.itemStatus).toHaveBeenCalledTimes(3);
    expect(STATUS_POLL_DELAYS_MS.slice(0, 2).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1000);
  });

  it('asks for the status again after a link edit', async () => {
    const { services, api } = fakes({ api: { itemStatus: answers(synced, pending, synced) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('C4C ID: 4711');
    fireEvent.click(await screen.findByRole('button', { name: /Porter LLC.* Remove$/ }));
    await waitFor(() => expect(api.syncItem).toHaveBeenCalledWith('R1'));
    await waitFor(() => expect(api.itemStatus).toHaveBeenCalledTimes(3), { timeout: 5000 });
    expect(await screen.findByText('Synced')).toBeTruthy();
  });

  it('follows a tag set elsewhere (the ribbon command) while the pane is open', async () => {
    let tagged = false;
    const getCategories = jest.fn(async () => (tagged ? ['CRM Appointment'] : []));
    const { services } = fakes({ item: { getCategories }, api: { itemStatus: answers(notSynced, { ...pending, kind: 'appointment' }) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('Not synced');
    tagged = true;
    await waitFor(() => expect(screen.getByText('Sync pending')).toBeTruthy(), { timeout: 6000 });
    expect((screen.getByRole('radio', { name: 'Appointment' }) as HTMLInputElement).checked).toBe(true);
  });

  it('compose on the web: a tag the service set and a later save of the form dropped is set again, and said so', async () => {
    const composeInfo = { ...info, mode: 'compose' as const };
    const { services, api } = fakes({
      item: { getInfo: jest.fn(async () => composeInfo), getCategories: jest.fn(async () => null), applySyncKind: jest.fn(async () => ({ via: 'service' as const, itemId: 'R1' })) },
      api: { itemStatus: answers(notSynced, { ...synced, kind: 'visit' }, { ...notSynced }, { ...synced, kind: 'visit' }) },
    });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('Not synced');
    fireEvent.click(screen.getByRole('radio', { name: 'Visit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByText('This item now syncs to SAP as a Visit.');
    expect(await screen.findByText('Saving the item in Outlook removed its sync category. The sync service set it again.', {}, { timeout: 3500 })).toBeTruthy();
    expect(api.setItemCategory).toHaveBeenCalledWith('R1', 'visit');
  });

  it('"Synced … ago" moves on while it is shown', () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    try {
      render(
        <FluentProvider theme={webLightTheme}>
          <StringsContext.Provider value={{ strings: stringsFor('en-US'), locale: 'en-US' }}>
            <SyncStatus status={{ ...synced, syncedAt: '2026-11-22T10:00:00Z' }} loading={false} retrying={false} onRetry={() => undefined} />
          </StringsContext.Provider>
        </FluentProvider>,
      );
      expect(screen.getByText('Synced now')).toBeTruthy();
      act(() => jest.advanceTimersByTime(10_000));
      expect(screen.getByText('Synced 10 seconds ago')).toBeTruthy();
    } finally {
      jest.useRealTimers();
    }
  });
});
