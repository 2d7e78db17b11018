import { fakeMailbox, installOutlookMock } from './outlook-mock.js';

const { loadLinks, saveLinks } = await import('../../../src/addin/office/custom-properties.js');
const { onItemChanged } = await import('../../../src/addin/office/events.js');
const { showNotification, MAX_NOTIFICATION_LENGTH } = await import('../../../src/addin/office/notifications.js');
const { onThemeChanged, readOfficeTheme } = await import('../../../src/addin/office/theme.js');
const { officeCall } = await import('../../../src/addin/office/async.js');

describe('custom properties, events, notifications, theme (office-addin-mock)', () => {
  it('saves links as custom properties and loads them back', async () => {
    const box = fakeMailbox();
    installOutlookMock(box);
    expect(await loadLinks()).toEqual([]);
    await saveLinks([
      { type: 'account', id: '1001', name: 'Porter LLC', primary: true },
      { type: 'opportunity', id: '42', name: 'Pumps' },
    ]);
    expect(box.customProperties.crmLinksVersion).toBe('1');
    expect(JSON.parse(box.customProperties.crmLinks!)).toHaveLength(2);
    expect(await loadLinks()).toEqual([
      { type: 'account', id: '1001', name: 'Porter LLC', primary: true },
      { type: 'opportunity', id: '42', name: 'Pumps' },
    ]);
  });

  it('ignores malformed stored links', async () => {
    installOutlookMock(fakeMailbox({ customProperties: { crmLinks: '{oops' } }));
    expect(await loadLinks()).toEqual([]);
  });

  it('rejects when saving the custom properties fails', async () => {
    installOutlookMock(fakeMailbox({ failures: { 'customProperties.saveAsync': 'GenericError' } }));
    await expect(saveLinks([{ type: 'lead', id: '7' }])).rejects.toMatchObject({ code: 'GenericError' });
  });

  it('subscribes to ItemChanged and unsubscribes; no-op below Mailbox 1.5', async () => {
    const box = fakeMailbox();
    installOutlookMock(box);
    let calls = 0;
    const off = await onItemChanged(() => (calls += 1));
    box.itemChangedHandlers.forEach((h) => h());
    expect(calls).toBe(1);
    await off();
    expect(box.itemChangedHandlers).toHaveLength(0);
    const old = fakeMailbox({ mailboxVersion: '1.4' });
    installOutlookMock(old);
    await onItemChanged(() => undefined);
    expect(old.itemChangedHandlers).toHaveLength(0);
  });

  it('shows notifications and shortens long messages to what Office accepts', async () => {
    const box = fakeMailbox();
    installOutlookMock(box);
    await showNotification('sync', 'info', 'Tagged for sync.');
    expect(box.notifications.sync).toEqual({ type: 'informationalMessage', message: 'Tagged for sync.' });
    await showNotification('sync', 'error', 'x'.repeat(400));
    expect(box.notifications.sync!.type).toBe('errorMessage');
    expect(box.notifications.sync!.message).toHaveLength(MAX_NOTIFICATION_LENGTH);
  });

  it('turns synchronous throws into rejected promises', async () => {
    installOutlookMock(fakeMailbox());
    await expect(officeCall('boom', () => { throw new Error('not here'); })).rejects.toMatchObject({ code: 'NotSupported' });
  });

  it('follows the Office theme colours', () => {
    const win = { matchMedia: () => ({ matches: false }) } as unknown as Window;
    installOutlookMock(fakeMailbox());
    (globalThis as unknown as { Office: { context: { officeTheme: unknown } } }).Office.context.officeTheme = { bodyBackgroundColor: '#1f1f1f' };
    expect(readOfficeTheme(win)).toBe('dark');
    (globalThis as unknown as { Office: { context: { officeTheme: unknown } } }).Office.context.officeTheme = { bodyBackgroundColor: '#ffffff' };
    expect(readOfficeTheme(win)).toBe('light');
    const forced = { matchMedia: (q: string) => ({ matches: q.includes('forced-colors') }) } as unknown as Window;
    expect(readOfficeTheme(forced)).toBe('highContrast');
  });

  it('re-reads the theme when Office reports a theme change (Mailbox 1.14)', async () => {
    const box = fakeMailbox({ mailboxVersion: '1.14' });
    installOutlookMock(box);
    const win = { matchMedia: () => ({ matches: false }) } as unknown as Window;
    const seen: string[] = [];
    const off = onThemeChanged((t) => seen.push(t), win);
    expect(box.itemChangedHandlers).toHaveLength(1); // the mock records every mailbox handler here
    (globalThis as unknown as { Office: { context: { officeTheme: unknown } } }).Office.context.officeTheme = { isDarkTheme: true };
    box.itemChangedHandlers[0]!();
    expect(seen).toEqual(['dark']);
    off();
  });
});
