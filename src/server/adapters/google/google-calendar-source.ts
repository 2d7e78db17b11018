// The Google Calendar implementation of the CalendarSource port (R10): the same engine syncs a Google Workspace
// mailbox's "SAP Appointments" and "SAP Visits" calendars as it syncs an Exchange calendar. One instance serves every
// Google mailbox of the tenant: a client (and token cache) per user, the calendar ids per mailbox.
import type { Mailbox } from '../../domain/mailbox.js';
import type { OutlookItem, OutlookItemPresent } from '../../domain/snapshots.js';
import type { SyncKind } from '../../../shared/categories.js';
import type { CalendarChanges, CalendarSource, CalendarWriteRequest, SyncWindow } from '../../ports/calendar-source.js';
import { refuseWrites, type ReadOnlyGroupware } from '../../ports/groupware-port.js';
import type { GoogleCalendarPair } from '../../ports/google-calendar-ids.js';
import type { GoogleChannel, GoogleChannelApi } from '../../ports/google-channels.js';
import type { WriteResult } from '../../ports/write-results.js';
import { ensureCalendarPair, findCalendarPair } from './calendar-pair.js';
import { stopChannel, watchCalendars } from './channels.js';
import { normalizeGoogleEvent } from '../../domain/normalize-google.js';
import { locateEvent, readGoogleChanges, type ReadContext } from './event-reads.js';
import { writeGoogleEvents } from './event-writer.js';
import { GoogleClients } from './google-client.js';
import { DEFAULT_GOOGLE_RETRY, type GoogleAdapterOptions, type GoogleRetryOptions } from './options.js';

/** Events whose calendar is remembered per mailbox (a bound on memory; a forgotten one is looked up again). */
const REMEMBERED_EVENTS = 5_000;

export class GoogleCalendarSource implements CalendarSource, GoogleChannelApi {
  private readonly clients: GoogleClients;
  private readonly retry: GoogleRetryOptions;
  private readonly pairs = new Map<string, Promise<GoogleCalendarPair>>();
  private readonly where = new Map<string, Map<string, string>>();

  constructor(private readonly options: GoogleAdapterOptions) {
    this.clients = new GoogleClients(options);
    this.retry = { ...DEFAULT_GOOGLE_RETRY, ...options.retry };
  }

  /**
   * R10: the mailbox's two calendars, created when missing (provisioning calls it; every read makes sure of them once
   * per process). A failure is not remembered: the next call tries again.
   */
  ensureCalendars(mailbox: Mailbox): Promise<GoogleCalendarPair> {
    let pair = this.pairs.get(mailbox.mailboxId);
    if (!pair) {
      pair = ensureCalendarPair({ options: this.options, retry: this.retry }, this.clients.forUser(mailbox.email), mailbox).then((r) => r.calendars);
      pair.catch(() => this.pairs.delete(mailbox.mailboxId));
      this.pairs.set(mailbox.mailboxId, pair);
    }
    return pair;
  }

  /** `pair`: these calendars (a dry run's, found without making or storing any); absent: ensureCalendars. */
  private async context(mailbox: Mailbox, pair?: GoogleCalendarPair): Promise<ReadContext & { categories: Awaited<ReturnType<GoogleAdapterOptions['categoriesOf']>> }> {
    const [calendars, categories] = await Promise.all([pair ?? this.ensureCalendars(mailbox), this.options.categoriesOf(mailbox.tenantId)]);
    let known = this.where.get(mailbox.mailboxId);
    if (!known) this.where.set(mailbox.mailboxId, (known = new Map()));
    const remembered = known;
    return {
      api: this.clients.forUser(mailbox.email),
      calendars,
      retry: this.retry,
      pageSize: this.options.pageSize ?? 250,
      normalize: { mailboxEmail: mailbox.email, categories },
      categories,
      seen: (eventId, calendarId) => {
        remembered.delete(eventId);
        remembered.set(eventId, calendarId);
        if (remembered.size > REMEMBERED_EVENTS) remembered.delete(remembered.keys().next().value as string);
      },
    };
  }

  async readChanges(mailbox: Mailbox, cursor: string | null, window: SyncWindow): Promise<CalendarChanges> {
    return readGoogleChanges(await this.context(mailbox), mailbox, cursor, window);
  }

  getItems(mailbox: Mailbox, ids: readonly string[]): Promise<OutlookItem[]> {
    return this.itemsIn(mailbox, ids);
  }

  private async itemsIn(mailbox: Mailbox, ids: readonly string[], pair?: GoogleCalendarPair): Promise<OutlookItem[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const ctx = await this.context(mailbox, pair);
    const items: OutlookItem[] = [];
    for (const id of unique) {
      const found = await locateEvent(ctx, id, this.where.get(mailbox.mailboxId)?.get(id));
      if (found && found.kind) ctx.seen(id, found.calendarId);
      items.push(found ? normalizeGoogleEvent(found.event, found.kind, ctx.normalize) : { removed: true, id });
    }
    return items;
  }

  /**
   * The dry run's view (GroupwarePort.readOnly): the two calendars found as ensureCalendars finds them, but neither
   * made nor their ids stored. While one is missing the first session would make it, and until both exist the
   * mailbox has no synced event: its reads are empty (a user who deleted one of the two is read as empty too).
   */
  async readOnly(mailbox: Mailbox): Promise<ReadOnlyGroupware<OutlookItemPresent, SyncKind>> {
    const ensured = await this.pairs.get(mailbox.mailboxId)?.catch(() => null);
    const found = ensured ?? (await findCalendarPair({ options: this.options, retry: this.retry }, this.clients.forUser(mailbox.email), mailbox)).found;
    const missing = (['appointment', 'visit'] as const).filter((kind) => !found[kind]);
    const wouldCreate = missing.map((kind) => `Google calendar '${this.options.calendarNames[kind]}'`);
    if (missing.length > 0 || !found.appointment || !found.visit) {
      return { wouldCreate, port: { readChanges: async () => ({ items: [], nextCursor: '', full: true }), getItems: async (_m, ids) => ids.map((id) => ({ removed: true as const, id })), write: refuseWrites } };
    }
    const pair: GoogleCalendarPair = { appointment: found.appointment, visit: found.visit };
    return {
      wouldCreate,
      port: {
        readChanges: async (m, cursor, window) => readGoogleChanges(await this.context(m, pair), m, cursor, window),
        getItems: (m, ids) => this.itemsIn(m, ids, pair),
        write: refuseWrites,
      },
    };
  }

  async write(mailbox: Mailbox, requests: readonly CalendarWriteRequest[]): Promise<WriteResult[]> {
    if (requests.length === 0) return [];
    const ctx = await this.context(mailbox);
    const known = this.where.get(mailbox.mailboxId);
    return writeGoogleEvents({ ...ctx, mailbox, calendarOf: (id) => known?.get(id) }, requests);
  }

  /** R10 insta-sync: a push channel on each of the mailbox's two calendars (channels.ts). */
  async watchCalendars(mailbox: Mailbox, address: string, channel: () => { id: string; token: string }, ttlSeconds: number): Promise<GoogleChannel[]> {
    const calendars = await this.ensureCalendars(mailbox);
    return watchCalendars(this.clients.forUser(mailbox.email), this.retry, [calendars.appointment, calendars.visit], address, channel, ttlSeconds);
  }

  stopChannel(mailbox: Mailbox, channel: Pick<GoogleChannel, 'id' | 'resourceId'>): Promise<void> {
    return stopChannel(this.clients.forUser(mailbox.email), this.retry, channel, mailbox);
  }
}
