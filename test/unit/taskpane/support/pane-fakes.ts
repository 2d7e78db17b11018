// Fakes of the pane's services (the item through Office.js, the service's API) for the App tests.
import { jest } from '@jest/globals';
import type { ApiClient } from '../../../../src/addin/api/client.js';
import type { ItemInfo, ItemPort, PaneServices } from '../../../../src/taskpane/hooks/services.js';
import type { ItemStatus, MeResponse } from '../../../../src/shared/api.js';

export const info: ItemInfo = {
  mode: 'read',
  subject: 'Quarterly review',
  start: new Date('2026-11-23T09:00:00Z'),
  end: new Date('2026-11-23T10:00:00Z'),
  organizer: { name: 'Ava Adams', email: 'ava.adams@contoso.example' },
  isOrganizer: true,
};
export const me: MeResponse = {
  user: { id: 'u1', displayName: 'Ava Adams', mail: 'ava.adams@contoso.example' },
  mailbox: { address: 'ava.adams@contoso.example', provider: 'exchange', syncEnabled: true },
  settings: {
    categories: { appointment: 'CRM Appointment', visit: 'CRM Visit', error: 'CRM Error' },
    conflictWinner: 'groupware',
    visitSyncTo: 'organizer',
    c4cUi: { origin: 'https://my000000.crm.ondemand.com', sso: true, thingTypes: {} },
  },
};
export const synced: ItemStatus = { itemId: 'R1', state: 'synced', kind: 'appointment', c4cObjectId: 'OBJ', c4cId: '4711', c4cUrl: 'https://c4c.example/4711', syncedAt: new Date().toISOString(), error: null };

export function fakes(overrides: { api?: Partial<ApiClient>; item?: Partial<ItemPort> } = {}) {
  const handlers: (() => void)[] = [];
  const item = {
    getInfo: jest.fn(async () => info),
    getItemId: jest.fn(async () => 'R1'),
    getCategories: jest.fn(async () => ['CRM Appointment']),
    loadLinks: jest.fn(async () => [{ type: 'account' as const, id: '1001', name: 'Porter LLC', primary: true }]),
    saveLinks: jest.fn(async () => undefined),
    applySyncKind: jest.fn(async () => ({ via: 'office' as const, itemId: 'R1' })),
    onItemChanged: jest.fn(async (h: () => void) => {
      handlers.push(h);
      return async () => undefined;
    }),
    ...overrides.item,
  } as ItemPort;
  const api = {
    me: jest.fn(async () => me),
    itemStatus: jest.fn(async () => synced),
    syncItem: jest.fn(async () => ({ state: 'pending' as const })),
    searchCrm: jest.fn(async () => ({ results: [] })),
    setItemCategory: jest.fn(async () => ({ kind: null, categories: [] })),
    syncList: jest.fn(async () => ({ entries: [] })),
    addToSyncList: jest.fn(async (ref: { type: 'account'; c4cId: string }) => ({ entry: { ...ref, source: 'user' as const, addedAt: new Date().toISOString() }, added: true })),
    removeFromSyncList: jest.fn(async () => undefined),
    ...overrides.api,
  } as ApiClient;
  const services: PaneServices = { item, api, signIn: jest.fn(async () => undefined) };
  return { services, item, api, handlers };
}
