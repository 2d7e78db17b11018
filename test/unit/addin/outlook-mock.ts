// An Outlook mailbox for unit tests, built with office-addin-mock (OfficeMockObject, host 'outlook').
// office-addin-mock requires office-addin-manifest, whose dependency tree jest's ESM runtime can't load
// (strip-bom, TOOLCHAIN-NOTES); the mock only needs its OfficeApp enum, so that module is replaced here before
// office-addin-mock is imported. Import this file with `await import` after nothing else has loaded the mock.
import { jest } from '@jest/globals';

jest.unstable_mockModule('office-addin-manifest', () => ({ OfficeApp: { Outlook: 'outlook', Excel: 'excel', Word: 'word', PowerPoint: 'powerpoint', OneNote: 'onenote', Project: 'project' } }));
jest.mock('office-addin-manifest', () => ({ OfficeApp: { Outlook: 'outlook', Excel: 'excel', Word: 'word', PowerPoint: 'powerpoint', OneNote: 'onenote', Project: 'project' } }));
const { OfficeMockObject } = await import('office-addin-mock');

export interface FakeMailbox {
  mode: 'read' | 'compose';
  subject: string;
  start: Date;
  end: Date;
  organizer: { displayName: string; emailAddress: string };
  userEmail: string;
  /** EWS id; '' for a compose item that was never saved. */
  itemId: string;
  categories: string[];
  master: { displayName: string; color: string }[];
  customProperties: Record<string, string>;
  /** Highest supported Mailbox requirement set, e.g. '1.8'. */
  mailboxVersion: string;
  platform: 'OfficeOnline' | 'PC' | 'Mac';
  /** Operation name → Office error name it fails with (e.g. { 'categories.addAsync': 'PermissionDenied' }). */
  failures: Record<string, string>;
  notifications: Record<string, { type: string; message: string }>;
  itemChangedHandlers: (() => void)[];
  saves: number;
  /** The meeting's attendees (e-mail addresses). */
  requiredAttendees: string[];
  optionalAttendees: string[];
}

type Callback = (result: { status: string; value?: unknown; error?: { name: string; message: string; code: number } }) => void;

export function fakeMailbox(overrides: Partial<FakeMailbox> = {}): FakeMailbox {
  return {
    mode: 'read',
    subject: 'Quarterly review',
    start: new Date('2026-11-23T09:00:00Z'),
    end: new Date('2026-11-23T10:00:00Z'),
    organizer: { displayName: 'Ava Adams', emailAddress: 'ava.adams@contoso.example' },
    userEmail: 'ava.adams@contoso.example',
    itemId: 'AAMkEWS/1+2=',
    categories: [],
    master: [],
    customProperties: {},
    mailboxVersion: '1.8',
    platform: 'PC',
    failures: {},
    notifications: {},
    itemChangedHandlers: [],
    saves: 0,
    requiredAttendees: [],
    optionalAttendees: [],
    ...overrides,
  };
}

function versionAtLeast(have: string, want: string): boolean {
  const [hm = 0, hn = 0] = have.split('.').map(Number);
  const [wm = 0, wn = 0] = want.split('.').map(Number);
  return hm > wm || (hm === wm && hn >= wn);
}

/** Installs `global.Office` as an OfficeMockObject over the fake mailbox and returns the mock. */
export function installOutlookMock(box: FakeMailbox): unknown {
  const respond = (operation: string, callback: Callback | undefined, value?: () => unknown) => {
    const failure = box.failures[operation];
    if (failure) callback?.({ status: 'failed', error: { name: failure, message: `${operation}: ${failure}`, code: 9000 } });
    else callback?.({ status: 'succeeded', value: value?.() });
  };
  const lastCallback = (args: unknown[]) => args.reverse().find((a) => typeof a === 'function') as Callback | undefined;
  const getter = (operation: string, read: () => unknown) => ({ getAsync: (...args: unknown[]) => respond(operation, lastCallback(args), read) });
  const customProperties = {
    get: (key: string) => box.customProperties[key],
    set: (key: string, value: string) => {
      pendingProps[key] = value;
    },
    remove: (key: string) => {
      pendingProps[key] = undefined;
    },
    saveAsync: (...args: unknown[]) =>
      respond('customProperties.saveAsync', lastCallback(args), () => {
        for (const [k, v] of Object.entries(pendingProps)) {
          if (v === undefined) delete box.customProperties[k];
          else box.customProperties[k] = v;
        }
      }),
  };
  const pendingProps: Record<string, string | undefined> = {};
  const people = (addresses: string[]) => addresses.map((emailAddress) => ({ displayName: emailAddress.split('@')[0], emailAddress, recipientType: 'externalUser' }));
  const ensureSaved = () => {
    box.saves += 1;
    if (!box.itemId) box.itemId = 'AAMkSAVED';
    return box.itemId;
  };
  const common = {
    categories: {
      getAsync: (...args: unknown[]) => respond('categories.getAsync', lastCallback(args), () => box.categories.map((displayName) => ({ displayName, color: 'Preset0' }))),
      addAsync: (names: string[], ...rest: unknown[]) =>
        respond('categories.addAsync', lastCallback(rest), () => {
          for (const n of names) {
            if (!box.master.some((m) => m.displayName === n)) throw new Error(`InvalidCategory ${n}`);
            if (!box.categories.includes(n)) box.categories.push(n);
          }
        }),
      removeAsync: (names: string[], ...rest: unknown[]) =>
        respond('categories.removeAsync', lastCallback(rest), () => {
          box.categories = box.categories.filter((c) => !names.includes(c));
        }),
    },
    loadCustomPropertiesAsync: (...args: unknown[]) => respond('loadCustomPropertiesAsync', lastCallback(args), () => customProperties),
    notificationMessages: {
      replaceAsync: (key: string, details: { type: string; message: string }, ...rest: unknown[]) =>
        respond('notificationMessages.replaceAsync', lastCallback(rest), () => {
          box.notifications[key] = { type: details.type, message: details.message };
        }),
    },
  };
  const item =
    box.mode === 'read'
      ? { ...common, itemType: 'appointment', subject: box.subject, start: box.start, end: box.end, organizer: box.organizer, itemId: box.itemId, requiredAttendees: people(box.requiredAttendees), optionalAttendees: people(box.optionalAttendees) }
      : {
          ...common,
          itemType: 'appointment',
          subject: getter('subject.getAsync', () => box.subject),
          start: getter('start.getAsync', () => box.start),
          end: getter('end.getAsync', () => box.end),
          organizer: getter('organizer.getAsync', () => box.organizer),
          requiredAttendees: getter('requiredAttendees.getAsync', () => people(box.requiredAttendees)),
          optionalAttendees: getter('optionalAttendees.getAsync', () => people(box.optionalAttendees)),
          saveAsync: (...args: unknown[]) => respond('saveAsync', lastCallback(args), ensureSaved),
          getItemIdAsync: (...args: unknown[]) => {
            const callback = lastCallback(args);
            if (!box.itemId) callback?.({ status: 'failed', error: { name: 'ItemNotSaved', message: 'not saved', code: 9041 } });
            else respond('getItemIdAsync', callback, () => box.itemId);
          },
        };
  const data = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    HostType: { Outlook: 'Outlook' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    EventType: { ItemChanged: 'olkItemSelectedChanged', DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    MailboxEnums: {
      RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' },
      CategoryColor: Object.fromEntries(['None', ...Array.from({ length: 25 }, (_, i) => `Preset${i}`)].map((c) => [c, c])),
      ItemNotificationMessageType: { ProgressIndicator: 'progressIndicator', InformationalMessage: 'informationalMessage', ErrorMessage: 'errorMessage', InsightMessage: 'insightMessage' },
    },
    onReady: async () => ({ host: 'Outlook', platform: box.platform }),
    context: {
      platform: box.platform,
      diagnostics: { platform: box.platform, hostName: 'Outlook', version: '16.0' },
      requirements: { isSetSupported: (name: string, version?: string) => name === 'Mailbox' && versionAtLeast(box.mailboxVersion, version ?? '1.1') },
      mailbox: {
        item,
        userProfile: { emailAddress: box.userEmail, displayName: 'Ava Adams' },
        convertToRestId: (id: string, version: string) => `rest(${version}):${id.replace(/\//g, '-').replace(/\+/g, '_')}`,
        masterCategories: {
          getAsync: (...args: unknown[]) => respond('masterCategories.getAsync', lastCallback(args), () => box.master.map((m) => ({ ...m }))),
          addAsync: (categories: { displayName: string; color: string }[], ...rest: unknown[]) => {
            const callback = lastCallback(rest);
            if (categories.some((c) => box.master.some((m) => m.displayName.toLowerCase() === c.displayName.toLowerCase()))) {
              callback?.({ status: 'failed', error: { name: 'DuplicateCategory', message: 'duplicate', code: 9045 } });
              return;
            }
            respond('masterCategories.addAsync', callback, () => void box.master.push(...categories));
          },
        },
        addHandlerAsync: (_type: string, handler: () => void, ...rest: unknown[]) =>
          respond('addHandlerAsync', lastCallback(rest), () => void box.itemChangedHandlers.push(handler)),
        removeHandlerAsync: (_type: string, ...rest: unknown[]) =>
          respond('removeHandlerAsync', lastCallback(rest), () => void box.itemChangedHandlers.splice(0)),
      },
    },
  };
  const mock = new OfficeMockObject(data, 'outlook' as never);
  (globalThis as unknown as { Office: unknown }).Office = mock;
  return mock;
}
