import { jest } from '@jest/globals';
import { fakeMailbox, installOutlookMock } from './outlook-mock.js';

const { applySyncKind, NoCategoryRouteError, UnsavedItemError } = await import('../../../src/addin/sync-as.js');
type ApiClient = import('../../../src/addin/api/client.js').ApiClient;

const names = { appointment: 'SAP Cloud for Customer', visit: 'Visit' };

function fakeApi() {
  return {
    me: jest.fn(),
    searchCrm: jest.fn(),
    itemStatus: jest.fn(),
    syncItem: jest.fn(async () => ({ state: 'pending' as const })),
    setItemCategory: jest.fn(async (_id: string, kind: 'appointment' | 'visit' | null) => ({ kind, categories: [] })),
  };
}

describe('applySyncKind', () => {
  it('sets the category with Office.js where it can, then nudges a sync', async () => {
    const box = fakeMailbox();
    installOutlookMock(box);
    const api = fakeApi();
    expect(await applySyncKind('appointment', { names, api: api as unknown as ApiClient })).toEqual({ via: 'office', itemId: 'rest(v2.0):AAMkEWS-1_2=' });
    expect(box.categories).toEqual(['SAP Cloud for Customer']);
    expect(api.setItemCategory).not.toHaveBeenCalled();
    expect(api.syncItem).toHaveBeenCalledWith('rest(v2.0):AAMkEWS-1_2=');
  });

  it('saves a compose item saved before so Exchange has the category (desktop compose)', async () => {
    const box = fakeMailbox({ mode: 'compose', itemId: 'AAMkOLD' });
    installOutlookMock(box);
    const result = await applySyncKind('visit', { names, api: null });
    expect(result).toEqual({ via: 'office', itemId: 'rest(v2.0):AAMkOLD' });
    expect(box.saves).toBe(1);
  });

  it('does not save a new, never saved compose item: the category goes in with the user\'s save', async () => {
    const box = fakeMailbox({ mode: 'compose', itemId: '' });
    installOutlookMock(box);
    expect(await applySyncKind('visit', { names, api: null })).toEqual({ via: 'office', itemId: null });
    expect(box.saves).toBe(0);
    expect(box.categories).toEqual(['Visit']);
  });

  it('falls back to the service in compose on the web: saves, then asks the service to set it', async () => {
    const box = fakeMailbox({ mode: 'compose', platform: 'OfficeOnline', itemId: 'AAMkOLD' });
    installOutlookMock(box);
    const api = fakeApi();
    expect(await applySyncKind('visit', { names, api: api as unknown as ApiClient })).toEqual({ via: 'service', itemId: 'rest(v2.0):AAMkOLD' });
    expect(box.saves).toBe(1);
    expect(box.categories).toEqual([]);
    expect(api.setItemCategory).toHaveBeenCalledWith('rest(v2.0):AAMkOLD', 'visit');
  });

  it('on the web, a new never saved item is not saved for the service: the user is asked to save it first', async () => {
    const box = fakeMailbox({ mode: 'compose', platform: 'OfficeOnline', itemId: '' });
    installOutlookMock(box);
    const api = fakeApi();
    await expect(applySyncKind('visit', { names, api: api as unknown as ApiClient })).rejects.toBeInstanceOf(UnsavedItemError);
    expect(box.saves).toBe(0);
    expect(api.setItemCategory).not.toHaveBeenCalled();
  });

  it('falls back to the service for a meeting organised by someone else, and when Office refuses', async () => {
    installOutlookMock(fakeMailbox({ userEmail: 'ben.brooks@contoso.example' }));
    const api = fakeApi();
    expect((await applySyncKind(null, { names, api: api as unknown as ApiClient })).via).toBe('service');
    expect(api.setItemCategory).toHaveBeenCalledWith('rest(v2.0):AAMkEWS-1_2=', null);
    expect(api.syncItem).not.toHaveBeenCalled(); // nothing to sync when the category is removed

    installOutlookMock(fakeMailbox({ failures: { 'categories.addAsync': 'PermissionDenied' } }));
    expect((await applySyncKind('appointment', { names, api: api as unknown as ApiClient })).via).toBe('service');
  });

  it('fails clearly when neither Office.js nor the service can set it', async () => {
    installOutlookMock(fakeMailbox({ mode: 'compose', platform: 'OfficeOnline' }));
    await expect(applySyncKind('visit', { names, api: null })).rejects.toBeInstanceOf(NoCategoryRouteError);
  });
});
