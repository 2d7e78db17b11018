// What the pane needs from Outlook and from the service, behind one interface so that App can be tested with
// fakes and run unchanged in Outlook, the sandbox Outlook host, or a browser preview.
import { createApiClient, type ApiClient } from '../../addin/api/client.js';
import { createTokenProvider } from '../../addin/auth/token-provider.js';
import type { AddinConfig } from '../../addin/config.js';
import { getAttendeeEmails, getAttendees, type Attendee } from '../../addin/office/attendees.js';
import { getCategories } from '../../addin/office/categories.js';
import { loadLinks, saveLinks } from '../../addin/office/custom-properties.js';
import { onItemChanged } from '../../addin/office/events.js';
import { getItemInfo, getRestItemId, type ItemInfo } from '../../addin/office/item.js';
import { applySyncKind, type SyncAsResult } from '../../addin/sync-as.js';
import type { SyncCategoryNames } from '../../addin/office/categories.js';
import type { SyncKind } from '../../shared/categories.js';
import type { CrmLink } from '../../shared/crm-links.js';

export type { ItemInfo } from '../../addin/office/item.js';
export type { Attendee } from '../../addin/office/attendees.js';

export interface ItemPort {
  getInfo(): Promise<ItemInfo>;
  /** REST id without saving; null for a compose item never saved. */
  getItemId(): Promise<string | null>;
  getCategories(): Promise<string[] | null>;
  loadLinks(): Promise<CrmLink[]>;
  saveLinks(links: readonly CrmLink[]): Promise<void>;
  applySyncKind(kind: SyncKind | null, names: SyncCategoryNames, api: ApiClient | null): Promise<SyncAsResult>;
  onItemChanged(handler: () => void): Promise<() => Promise<void>>;
  /** The meeting's attendees' e-mail addresses, without the user's own (none for an appointment). */
  getAttendeeEmails?(): Promise<string[]>;
  /** The same attendees with the names Outlook shows (for creating a contact or lead of one). */
  getAttendees?(): Promise<Attendee[]>;
}

export interface PaneServices {
  item: ItemPort;
  api: ApiClient;
  /** Interactive sign-in (from a click). */
  signIn(): Promise<void>;
}

export const officeItemPort: ItemPort = {
  getInfo: getItemInfo,
  getItemId: () => getRestItemId({ saveIfNeeded: false }),
  getCategories,
  loadLinks,
  saveLinks,
  applySyncKind: (kind, names, api) => applySyncKind(kind, { names, api }),
  onItemChanged,
  getAttendeeEmails,
  getAttendees,
};

export async function createOfficeServices(config: AddinConfig): Promise<PaneServices> {
  const tokens = await createTokenProvider(config);
  const api = createApiClient({
    baseUrl: config.apiBaseUrl,
    getToken: (options) => tokens.getToken(options),
    invalidateToken: () => tokens.invalidate(),
  });
  return {
    item: officeItemPort,
    api,
    signIn: async () => {
      tokens.invalidate();
      await tokens.getToken({ interactive: true });
    },
  };
}
