import { fakeMailbox, installOutlookMock } from './outlook-mock.js';

const { categoryCapability, ensureMasterCategory, getCategories, setSyncCategory, syncKindFromCategories } = await import(
  '../../../src/addin/office/categories.js'
);

const names = { appointment: 'SAP Cloud for Customer', visit: 'Visit' };

describe('categories (office-addin-mock)', () => {
  it('detects where Office.js can set categories', () => {
    installOutlookMock(fakeMailbox({ mailboxVersion: '1.7' }));
    expect(categoryCapability({ mode: 'read', isOrganizer: true })).toEqual({ canSet: false, reason: 'requirementSet' });
    installOutlookMock(fakeMailbox({ platform: 'OfficeOnline' }));
    expect(categoryCapability({ mode: 'compose', isOrganizer: true })).toEqual({ canSet: false, reason: 'composeOnWeb' });
    expect(categoryCapability({ mode: 'read', isOrganizer: true })).toEqual({ canSet: true });
    expect(categoryCapability({ mode: 'read', isOrganizer: false })).toEqual({ canSet: false, reason: 'notOrganizer' });
    installOutlookMock(fakeMailbox({ platform: 'PC' }));
    expect(categoryCapability({ mode: 'compose', isOrganizer: true })).toEqual({ canSet: true });
  });

  it('creates the master category with its colour, then tags the item', async () => {
    const box = fakeMailbox({ categories: ['Personal'] });
    installOutlookMock(box);
    expect(await setSyncCategory('visit', names)).toEqual(['Personal', 'Visit']);
    expect(box.master).toEqual([{ displayName: 'Visit', color: 'Preset4' }]);
    expect(box.categories).toEqual(['Personal', 'Visit']);
  });

  it('switches Appointment to Visit and removes both for "don\'t sync", keeping other categories', async () => {
    const box = fakeMailbox({ categories: ['SAP Cloud for Customer', 'Personal'], master: [{ displayName: 'SAP Cloud for Customer', color: 'Preset7' }] });
    installOutlookMock(box);
    await setSyncCategory('visit', names);
    expect(box.categories).toEqual(['Personal', 'Visit']);
    await setSyncCategory(null, names);
    expect(box.categories).toEqual(['Personal']);
  });

  it('a switch of kind never leaves the item untagged between its two saves (the new tag goes on first)', async () => {
    for (const [from, to] of [['SAP Cloud for Customer', 'visit'], ['Visit', 'appointment']] as const) {
      const box = fakeMailbox({ categories: [from, 'Personal'] });
      let current = box.categories;
      const states: string[][] = [];
      Object.defineProperty(box, 'categories', { get: () => (states.push([...current]), current), set: (v: string[]) => void states.push([...(current = v)]) });
      installOutlookMock(box);
      await setSyncCategory(to, names);
      expect(current).toEqual(['Personal', names[to]]);
      expect(states.filter((s) => syncKindFromCategories(s, names) === null)).toEqual([]);
    }
  });

  it('does not add a master category that exists under another case, and tolerates a concurrent create', async () => {
    const box = fakeMailbox({ master: [{ displayName: 'visit', color: 'Preset1' }] });
    installOutlookMock(box);
    await ensureMasterCategory('Visit', 'Preset4');
    expect(box.master).toHaveLength(1);
    const racing = fakeMailbox();
    installOutlookMock(racing);
    racing.failures['masterCategories.addAsync'] = 'DuplicateCategory';
    await expect(ensureMasterCategory('Visit', 'Preset4')).resolves.toBeUndefined();
  });

  it('surfaces Office errors so the caller can fall back to the service', async () => {
    installOutlookMock(fakeMailbox({ failures: { 'categories.addAsync': 'PermissionDenied' } }));
    await expect(setSyncCategory('appointment', names)).rejects.toMatchObject({ code: 'PermissionDenied' });
  });

  it('reads categories, or null where it cannot', async () => {
    installOutlookMock(fakeMailbox({ categories: ['Visit'] }));
    expect(await getCategories()).toEqual(['Visit']);
    installOutlookMock(fakeMailbox({ categories: ['Visit'], failures: { 'categories.getAsync': 'NotSupported' } }));
    expect(await getCategories()).toBeNull();
  });

  it('maps categories to a sync kind with Visit winning', () => {
    expect(syncKindFromCategories(['sap cloud for customer', 'visit'], names)).toBe('visit');
    expect(syncKindFromCategories(['SAP Cloud for Customer'], names)).toBe('appointment');
    expect(syncKindFromCategories(['Account'], names)).toBeNull();
  });
});
