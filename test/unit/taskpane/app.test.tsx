/**
 * @jest-environment jsdom
 */
import { jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { App } from '../../../src/taskpane/App.js';
import { languageFor } from '../../../src/addin/text/index.js';
import { ApiError } from '../../../src/addin/api/errors.js';
import type { ItemStatus } from '../../../src/shared/api.js';
import { fakes, info, me, synced } from './support/pane-fakes.js';

describe('task pane App', () => {
  it('shows the item, its links and its sync state, and checks the matching "Sync as"', async () => {
    const { services } = fakes();
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    expect(await screen.findByRole('heading', { name: 'Quarterly review' })).toBeTruthy();
    expect(await screen.findByText('C4C ID: 4711')).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Appointment' }) as HTMLInputElement).checked).toBe(true);
    expect(await screen.findByRole('button', { name: 'Porter LLC Account · Primary' })).toBeTruthy(); // lazy links section
  });

  it("opens each linked object on C4C's UI host (with SSO), not on the OData service; no such links without one", async () => {
    const { services } = fakes();
    const { unmount } = render(<App services={services} language={languageFor('en-US')} theme="light" />);
    const open = await screen.findByRole('link', { name: 'Open Porter LLC in SAP Cloud for Customer' });
    const url = new URL(open.getAttribute('href') ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://my000000.crm.ondemand.com/sap/public/byd/runtime');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ 'param.InternalID': '1001', 'param.Type': 'COD_ACCOUNT_TT', OBNRedirect: 'X' });
    expect(open.getAttribute('target')).toBe('_blank');
    unmount();

    const older = fakes({ api: { me: jest.fn(async () => ({ ...me, settings: { ...me.settings, c4cUi: null } })) } });
    render(<App services={older.services} language={languageFor('en-US')} theme="light" />);
    expect(await screen.findByRole('button', { name: 'Porter LLC Account · Primary' })).toBeTruthy();
    await waitFor(() => expect(older.api.me).toHaveBeenCalled());
    expect(screen.queryByRole('link', { name: /^Open Porter LLC/ })).toBeNull();
  });

  it('changes "Sync as" with the tenant\'s category names and says when the service had to set it', async () => {
    const { services, item } = fakes({ item: { applySyncKind: jest.fn(async () => ({ via: 'service' as const, itemId: 'R1' })) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('C4C ID: 4711');
    fireEvent.click(screen.getByRole('radio', { name: 'Visit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(item.applySyncKind).toHaveBeenCalled());
    expect((item.applySyncKind as jest.Mock).mock.calls[0]!.slice(0, 2)).toEqual(['visit', { appointment: 'CRM Appointment', visit: 'CRM Visit' }]);
    expect(await screen.findByText(/the sync service set the category for you/)).toBeTruthy();
    expect(await screen.findByText('This item now syncs to SAP as a Visit.')).toBeTruthy();
  });

  it('puts the choice back and explains when setting the category fails', async () => {
    const { services } = fakes({ item: { applySyncKind: jest.fn(async () => { throw new ApiError('unreachable', 'down'); }) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('C4C ID: 4711');
    fireEvent.click(screen.getByRole('radio', { name: "Don't sync" }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText(/can't be reached/)).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Appointment' }) as HTMLInputElement).checked).toBe(true);
  });

  it('asks the user to sign in and retries after signing in', async () => {
    let signedIn = false;
    const notSignedIn = () => new ApiError('notSignedIn', 'no token');
    const { services } = fakes({
      api: {
        me: jest.fn(async () => { if (!signedIn) throw notSignedIn(); return me; }),
        itemStatus: jest.fn(async () => { if (!signedIn) throw notSignedIn(); return synced; }),
      },
    });
    (services.signIn as jest.Mock).mockImplementation(async () => { signedIn = true; });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    expect(await screen.findByText('Sign in to see the sync status and search CRM.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('C4C ID: 4711')).toBeTruthy();
    expect(screen.queryByText('Sign in to see the sync status and search CRM.')).toBeNull();
  });

  it('says when the service is unreachable but still shows the item', async () => {
    const down = () => new ApiError('unreachable', 'fetch failed');
    const { services } = fakes({ api: { me: jest.fn(async () => { throw down(); }), itemStatus: jest.fn(async () => { throw down(); }) } });
    render(<App services={services} language={languageFor('de-DE')} theme="dark" />);
    expect(await screen.findByText(/Der Sync-Dienst ist nicht erreichbar/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Quarterly review' })).toBeTruthy();
    expect(screen.getByText('Sync-Status nicht verfügbar')).toBeTruthy();
  });

  it('treats an item the service cannot find yet as status unknown, without an error', async () => {
    const { services } = fakes({ api: { itemStatus: jest.fn(async () => { throw new ApiError('notFound', 'The item is not in your mailbox.', 404, 'not_found'); }) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    expect(await screen.findByText('Sync status unavailable')).toBeTruthy();
    expect(screen.queryByText(/not in your mailbox/)).toBeNull();
  });

  it('retries a failed item and shows it pending', async () => {
    const failed: ItemStatus = { ...synced, state: 'error', error: { code: 'c4cRejected', message: 'Account is blocked', since: new Date().toISOString() } };
    const { services, api } = fakes({ api: { itemStatus: jest.fn(async () => failed) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(api.syncItem).toHaveBeenCalledWith('R1'));
    expect(await screen.findByText('Sync pending')).toBeTruthy();
  });

  it('follows the selected item when pinned (ItemChanged)', async () => {
    const { services, item, handlers } = fakes();
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByRole('heading', { name: 'Quarterly review' });
    (item.getInfo as jest.Mock).mockImplementation(async () => ({ ...info, subject: 'Site visit Porter' }));
    await waitFor(() => expect(handlers).toHaveLength(1));
    act(() => handlers[0]!());
    expect(await screen.findByRole('heading', { name: 'Site visit Porter' })).toBeTruthy();
  });

  it('does not repeat a search when the pane re-renders for something else', async () => {
    const porter = { type: 'account' as const, id: '1002', name: 'Porter Freight', subtitle: 'Hamburg' };
    const { services, api } = fakes({ api: { searchCrm: jest.fn(async () => ({ results: [porter] })) } });
    render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('C4C ID: 4711');
    fireEvent.change(await screen.findByRole('combobox', { name: 'Search CRM' }), { target: { value: 'porter' } });
    await screen.findByRole('option', { name: /^Porter Freight/ });
    fireEvent.click(screen.getByRole('radio', { name: 'Visit' })); // a message and a new status: the pane renders again
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByText('This item now syncs to SAP as a Visit.');
    await new Promise((resolve) => setTimeout(resolve, 400)); // longer than the search's 250 ms debounce
    expect(api.searchCrm).toHaveBeenCalledTimes(1);
  });

  it('has no axe violations (structure, names, roles; colour contrast is checked in the browser)', async () => {
    const { services } = fakes();
    const { container } = render(<App services={services} language={languageFor('en-US')} theme="light" />);
    await screen.findByText('C4C ID: 4711');
    await screen.findByRole('combobox', { name: 'Search CRM' });
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });
});
