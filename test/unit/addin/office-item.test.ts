import { fakeMailbox, installOutlookMock } from './outlook-mock.js';

const { getItemInfo, getRestItemId } = await import('../../../src/addin/office/item.js');
const { itemMode } = await import('../../../src/addin/office/host.js');

describe('office item helpers (office-addin-mock)', () => {
  it('reads subject, times and organizer in a read form and knows whether the user organises it', async () => {
    installOutlookMock(fakeMailbox({ mode: 'read', userEmail: 'BEN.brooks@contoso.example' }));
    expect(itemMode()).toBe('read');
    const info = await getItemInfo();
    expect(info).toMatchObject({ mode: 'read', subject: 'Quarterly review', isOrganizer: false });
    expect(info.start?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(info.organizer).toEqual({ name: 'Ava Adams', email: 'ava.adams@contoso.example' });
  });

  it('reads the same fields through getAsync in a compose form', async () => {
    installOutlookMock(fakeMailbox({ mode: 'compose', subject: 'Site visit' }));
    expect(itemMode()).toBe('compose');
    const info = await getItemInfo();
    expect(info).toMatchObject({ mode: 'compose', subject: 'Site visit', isOrganizer: true });
    expect(info.end?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });

  it('converts the read-mode EWS id to a REST id', async () => {
    installOutlookMock(fakeMailbox({ mode: 'read' }));
    expect(await getRestItemId({ saveIfNeeded: false })).toBe('rest(v2.0):AAMkEWS-1_2=');
  });

  it('saves an unsaved compose item only when asked to', async () => {
    const box = fakeMailbox({ mode: 'compose', itemId: '' });
    installOutlookMock(box);
    expect(await getRestItemId({ saveIfNeeded: false })).toBeNull();
    expect(box.saves).toBe(0);
    expect(await getRestItemId({ saveIfNeeded: true })).toBe('rest(v2.0):AAMkSAVED');
    expect(box.saves).toBe(1);
    expect(await getRestItemId({ saveIfNeeded: true })).toBe('rest(v2.0):AAMkSAVED');
    expect(box.saves).toBe(1);
  });

  it('propagates other Office errors from getItemIdAsync', async () => {
    installOutlookMock(fakeMailbox({ mode: 'compose', failures: { getItemIdAsync: 'GenericError' } }));
    await expect(getRestItemId({ saveIfNeeded: true })).rejects.toMatchObject({ code: 'GenericError' });
  });
});
