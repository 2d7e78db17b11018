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
import { inProcessOnly } from '../../ports/exclusive.js';
import { ensureCalendarPair, findCalendarPair, type CalendarNames } from './calendar-pair.js';
import { stopChannel, watchCalendars } from './channels.js';
import { normalizeGoogleEvent } from '../../domain/normalize-google.js';
import { locateEvent, readGoogleChanges, type ReadContext } from './event-reads.js';
import { writeGoogleEvents } from './event-writer.js';
import { GoogleClients } from './google-client.js';
import { DEFAULT_GOOGLE_RETRY, type GoogleAdapterOptions, type GoogleRetryOptions, type GoogleTenantSettings } from './options.js';

/** Events whose calendar is remembered per mailbox (a bound on memory; a forgotten one is looked up again). */
const REMEMBERED_EVENTS = 5_000;

export class GoogleCalendarSource implements CalendarSource, GoogleChannelApi {
  private readonly clients: GoogleClients;
  private readonly retry: GoogleRetryOptions;
  /** Per mailbox: its calendars as made sure of by this process, and the names they were given then. */
  private readonly pairs = new Map<string, Promise<{ calendars: GoogleCalendarPair; names: CalendarNames }>>();
  private readonly where = new Map<string, Map<string, string>>();

  constructor(private readonly options: GoogleAdapterOptions) {
    this.clients = new GoogleClients(options);
    this.retry = { ...DEFAULT_GOOGLE_RETRY, ...options.retry };
  }

  /**
   * R10: the mailbox's two calendars, created when missing and named as the settings say (provisioning calls it;
   * every session makes sure of them). Made sure of once per process, and again when the names in the settings are
   * not those this process last gave: the calendars are then renamed (an admin's change applies at each mailbox's
   * next session, on every worker, without a restart). A failure is not remembered: the next call tries again.
   */
  async ensureCalendars(mailbox: Mailbox, names?: CalendarNames): Promise<GoogleCalendarPair> {
    const wanted = names ?? (await this.options.settingsOf(mailbox.tenantId)).calendarNames;
    const known = this.pairs.get(mailbox.mailboxId);
    if (known) {
      const state = await known.catch(() => null);
      if (state && sameNames(state.names, wanted)) return state.calendars;
    }
    // Another caller may have started the same check meanwhile: share it rather than patch twice.
    const current = this.pairs.get(mailbox.mailboxId);
    if (current && current !== known) return this.ensureCalendars(mailbox, wanted);
    // Another worker process may be making or renaming them right now: one look at a time per mailbox, across processes.
    const exclusive = this.options.exclusive ?? inProcessOnly;
    const pair = exclusive(`google-calendars:${mailbox.mailboxId}`, () => ensureCalendarPair({ options: this.options, retry: this.retry }, this.clients.forUser(mailbox.email), mailbox, wanted)).then((r) => ({ calendars: r.calendars, names: r.names }));
    pair.catch(() => {
      if (this.pairs.get(mailbox.mailboxId) === pair) this.pairs.delete(mailbox.mailboxId);
    });
    this.pairs.set(mailbox.mailboxId, pair);
    return (await pair).calendars;
  }

  /** `pair`: these calendars (a dry run's, found without making or storing any); absent: ensureCalendars. */
  private async context(mailbox: Mailbox, pair?: GoogleCalendarPair): Promise<ReadContext & { categories: GoogleTenantSettings['categories'] }> {
    const settings = await this.options.settingsOf(mailbox.tenantId);
    const calendars = pair ?? (await this.ensureCalendars(mailbox, settings.calendarNames));
    const categories = settings.categories;
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
    const ensured = (await this.pairs.get(mailbox.mailboxId)?.catch(() => null))?.calendars;
    const found = ensured ?? (await findCalendarPair({ options: this.options, retry: this.retry }, this.clients.forUser(mailbox.email), mailbox)).found;
    const missing = (['appointment', 'visit'] as const).filter((kind) => !found[kind]);
    const names = (await this.options.settingsOf(mailbox.tenantId)).calendarNames;
    const wouldCreate = missing.map((kind) => `Google calendar '${names[kind]}'`);
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

const sameNames = (a: CalendarNames, b: CalendarNames): boolean => a.appointment === b.appointment && a.visit === b.visit;
