// One calendar port over both groupware providers (R10): each mailbox's calls go to the source of its provider,
// Microsoft Graph or Google Calendar, so the engine, the planner and the sessions stay provider-blind. What only
// Exchange has (shared copies of meetings in other mailboxes, R8; Deleted Items) is asked of Graph mailboxes only.
import type { Mailbox, MailboxProvider } from '../domain/mailbox.js';
import type { OutlookItemPresent } from '../domain/snapshots.js';
import type { CalendarSource } from '../ports/calendar-source.js';
import type { ReplayedCreate, SharedItemRef } from '../ports/groupware-port.js';

export function calendarByProvider(sources: { graph: CalendarSource; google: CalendarSource | null }): CalendarSource {
  const of = (mailbox: Mailbox): CalendarSource => {
    if (mailbox.provider === 'google') {
      if (!sources.google) throw new Error('a Google mailbox, but no Google service account is configured (GOOGLE_SERVICE_ACCOUNT_KEY)');
      return sources.google;
    }
    return sources.graph;
  };
  const graphOnly = (mailbox: Mailbox): boolean => mailbox.provider === ('graph' satisfies MailboxProvider);
  return {
    // async: a mailbox without its source is a rejected call, as any other failed read or write.
    readChanges: async (mailbox, cursor, window) => of(mailbox).readChanges(mailbox, cursor, window),
    getItems: async (mailbox, ids) => of(mailbox).getItems(mailbox, ids),
    write: async (mailbox, requests) => of(mailbox).write(mailbox, requests),
    findShared: (mailbox: Mailbox, wanted: readonly SharedItemRef[]): Promise<OutlookItemPresent[]> =>
      graphOnly(mailbox) && sources.graph.findShared ? sources.graph.findShared(mailbox, wanted) : Promise.resolve([]),
    findDeletedCreates: (mailbox: Mailbox, creates: readonly ReplayedCreate<OutlookItemPresent['fields']>[]): Promise<ReadonlyMap<string, string>> =>
      graphOnly(mailbox) && sources.graph.findDeletedCreates ? sources.graph.findDeletedCreates(mailbox, creates) : Promise.resolve(new Map()),
    // A dry run (GroupwarePort.readOnly): a Google mailbox's first read makes its calendars; Graph's reads make nothing.
    readOnly: async (mailbox: Mailbox) => {
      const source = of(mailbox);
      return source.readOnly ? source.readOnly(mailbox) : { port: source, wouldCreate: [] };
    },
  };
}
