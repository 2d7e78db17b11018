// window.Office for frames hosted by the sandbox Outlook page: the parts of Office.js the add-in uses, typed
// against @types/office-js, backed by the Graph sandbox. The sandbox identity supplies tokens through
// Office.auth.getAccessToken, so the task pane's code is the same as in Outlook (it takes the IdentityAPI path,
// since NestedAppAuth is reported unsupported here).
import { OfficeStandInError, settle } from './async-result.js';
import { composeItem, readItem } from './item-standin.js';
import type { HostSession } from './session.js';

/** Requirement sets this host claims: Outlook on the web / Windows of 2025, minus nested app authentication. */
const SUPPORTED: Record<string, string> = { Mailbox: '1.14', IdentityAPI: '1.3', DialogApi: '1.2' };

function versionAtLeast(have: string, want: string): boolean {
  const [hm = 0, hn = 0] = have.split('.').map(Number);
  const [wm = 0, wn = 0] = (want || '1.1').split('.').map(Number);
  return hm > wm || (hm === wm && hn >= wn);
}

// Office's enums are strings at run time (the typings declare most of them numeric), hence the casts.
const enums = {
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' } as unknown as typeof Office.AsyncResultStatus,
  HostType: { Outlook: 'Outlook' } as unknown as typeof Office.HostType,
  PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' } as unknown as typeof Office.PlatformType,
  EventType: { ItemChanged: 'olkItemSelectedChanged', DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived', OfficeThemeChanged: 'officeThemeChanged' } as unknown as typeof Office.EventType,
};
const mailboxEnums = {
  RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' },
  CategoryColor: Object.fromEntries(['None', ...Array.from({ length: 25 }, (_, i) => `Preset${i}`)].map((c) => [c, c])),
  ItemNotificationMessageType: { ProgressIndicator: 'progressIndicator', InformationalMessage: 'informationalMessage', ErrorMessage: 'errorMessage', InsightMessage: 'insightMessage' },
  ItemType: { Message: 'message', Appointment: 'appointment' },
} as unknown as typeof Office.MailboxEnums;

export function createMailbox(session: HostSession, frame: Window) {
  const handlers = new Map<string, (args: unknown) => void>();
  frame.addEventListener('unload', () => handlers.forEach((h) => session.itemChangedHandlers.delete(h)));
  const mailbox: Pick<Office.Mailbox, 'userProfile' | 'masterCategories' | 'convertToRestId' | 'convertToEwsId' | 'addHandlerAsync' | 'removeHandlerAsync'> = {
    userProfile: { accountType: 'enterprise', displayName: session.config.user, emailAddress: session.config.user, timeZone: 'UTC' },
    masterCategories: {
      getAsync: (...args: unknown[]) => settle(args, async () => (await session.graph.masterCategories()).map((c) => ({ displayName: c.displayName, color: c.color as unknown as Office.MailboxEnums.CategoryColor }))),
      addAsync: (categories: Office.CategoryDetails[], ...args: unknown[]) =>
        settle(args, async () => {
          const existing = (await session.graph.masterCategories()).map((c) => c.displayName.toLowerCase());
          const duplicate = categories.find((c) => existing.includes(c.displayName.toLowerCase()));
          if (duplicate) throw new OfficeStandInError('DuplicateCategory', 9045, `"${duplicate.displayName}" already exists.`);
          for (const c of categories) await session.graph.addMasterCategory({ displayName: c.displayName, color: String(c.color) });
        }),
      removeAsync: (names: string[], ...args: unknown[]) =>
        settle(args, async () => {
          for (const name of names) await session.graph.removeMasterCategory(name);
        }),
    },
    // Items here carry their Graph ids already; both forms are the same string.
    convertToRestId: (itemId: string) => itemId,
    convertToEwsId: (itemId: string) => itemId,
    addHandlerAsync: (eventType: Office.EventType | string, handler: (args: unknown) => void, ...args: unknown[]) =>
      settle(args, () => {
        if (String(eventType) !== 'olkItemSelectedChanged') throw new OfficeStandInError('InvalidEventType', 9000, String(eventType));
        handlers.set(String(eventType), handler);
        session.itemChangedHandlers.add(handler);
      }),
    removeHandlerAsync: (eventType: Office.EventType | string, ...args: unknown[]) =>
      settle(args, () => {
        const handler = handlers.get(String(eventType));
        if (handler) session.itemChangedHandlers.delete(handler);
        handlers.delete(String(eventType));
      }),
  };
  return Object.defineProperty(mailbox, 'item', {
    enumerable: true,
    // Office.context.mailbox.item always reflects the open form.
    get: () => (session.mode === 'compose' ? composeItem(session) : readItem(session)),
  });
}

/** A fresh Office object for one frame (task pane or function file). */
export function createOfficeStandIn(session: HostSession, frame: Window): typeof Office {
  const platform = session.config.platform === 'web' ? 'OfficeOnline' : 'PC';
  const context: Pick<Office.Context, 'requirements' | 'displayLanguage' | 'diagnostics' | 'officeTheme' | 'ui'> & { platform: string } = {
    requirements: { isSetSupported: (name: string, version?: string | number) => name in SUPPORTED && versionAtLeast(SUPPORTED[name]!, String(version ?? '1.1')) },
    displayLanguage: session.config.displayLanguage,
    diagnostics: { host: enums.HostType.Outlook, platform: platform as unknown as Office.PlatformType, version: 'sandbox' },
    officeTheme: { bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#242424', controlBackgroundColor: '#ffffff', controlForegroundColor: '#242424', isDarkTheme: false, themeId: 'Colorful' as unknown as Office.ThemeId },
    ui: {
      displayDialogAsync: (_url: string, ...args: unknown[]) => settle(args, () => Promise.reject(new OfficeStandInError('DialogNotSupported', 12007, 'The sandbox signs in through Office.auth; no dialog is needed.'))),
      messageParent: () => undefined,
      addHandlerAsync: (...args: unknown[]) => settle(args, () => undefined),
      openBrowserWindow: (url: string) => void frame.open(url, '_blank', 'noopener'),
      closeContainer: () => undefined,
    },
    platform,
  };
  const auth: Pick<typeof Office.auth, 'getAccessToken'> = {
    getAccessToken: async () => session.graph.token(session.config.apiAudience, 'access_as_user'),
  };
  const actions: Pick<typeof Office.actions, 'associate'> = {
    associate: (actionId: string, action: (event: Office.AddinCommands.Event) => void) => void session.commandHandlers.set(actionId, action),
  };
  const office = {
    ...enums,
    MailboxEnums: mailboxEnums,
    onReady: async () => ({ host: enums.HostType.Outlook, platform: platform as unknown as Office.PlatformType }),
    context: { ...context, mailbox: createMailbox(session, frame) },
    auth,
    actions,
  };
  return office as unknown as typeof Office;
}
