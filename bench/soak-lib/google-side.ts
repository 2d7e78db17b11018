// The soak's view of its Google Workspace users (R10): the Google sandbox started beside the other two, the service's
// GOOGLE_* settings for it, and each user's two calendars ("SAP Appointments" → Appointments, "SAP Visits" → Visits)
// reached with Google's own client (@googleapis/calendar, the JWT-bearer grant with `sub` impersonation, as the
// service does). Injected faults hit the soak's own requests too: they are retried as in clients.ts.
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { JWT } from 'google-auth-library';
import type { DemoUser } from '../../src/sandbox/common/demo-tenant.js';
import { startGoogleSandbox, type GoogleSandbox } from '../../src/sandbox/google/server.js';
import { DEFAULT_CATEGORIES } from '../../src/shared/categories.js';
import { pointAtSandbox } from '../../test/integration/sandbox-google/harness.js';
import { control, type Json } from '../../test/support/sync-harness-http.js';
import { retrying, type SideEvent } from './clients.js';

export type GoogleKind = 'appointment' | 'visit';
/** The calendar names the service is configured with (its defaults). */
export const GOOGLE_CALENDAR_NAMES: Record<GoogleKind, string> = { appointment: 'SAP Appointments', visit: 'SAP Visits' };
/** The red the service marks an event with that failed to sync (R9 has no category at Google). */
const ERROR_COLOR_ID = '11';

/** A Google event as the checker sees it: the calendar it is in says its kind. */
export interface GoogleSideEvent extends SideEvent {
  kind: GoogleKind;
}

/** Google's client errors carry the status in `response`; written as clients.ts words them so retrying() reads it. */
async function google<T>(what: string, call: () => Promise<{ data: T }>): Promise<T> {
  return retrying(`Google ${what}`, async () => {
    try {
      return (await call()).data;
    } catch (error) {
      const e = error as { status?: number; response?: { status?: number; data?: unknown }; message?: string };
      const status = e.response?.status ?? e.status ?? 0;
      throw new Error(`Google ${what}: ${status} ${JSON.stringify(e.response?.data ?? e.message ?? '').slice(0, 200)}`);
    }
  });
}

export class GoogleSide {
  private readonly clients = new Map<string, calendar_v3.Calendar>();
  private readonly calendarIds = new Map<string, Record<GoogleKind, string>>();
  private constructor(readonly sandbox: GoogleSandbox, private readonly info: Json, readonly users: readonly DemoUser[]) {}

  /** Starts the sandbox with the soak's tenant (`count` people) as its Workspace; `users` are the Google mailboxes. */
  static async start(count: number, users: readonly DemoUser[]): Promise<GoogleSide> {
    const sandbox = await startGoogleSandbox({ port: 0 });
    // The sandbox's Workspace starts with the two demo Google users; the tenant's people join it (same e-mails as in Graph and C4C).
    await control(sandbox.url, 'POST', '/users', { count });
    const info = (await control(sandbox.url, 'GET', '/info')).body;
    return new GoogleSide(sandbox, info, users);
  }

  get url(): string {
    return this.sandbox.url;
  }

  /** The service's settings for these users (as scripts/start.ts sets them). */
  serviceEnv(): Record<string, string> {
    return {
      GOOGLE_USERS: this.users.map((u) => u.mail).join(','),
      GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(this.info.serviceAccountKey),
      GOOGLE_API_ROOT_URL: `${this.url}/`,
      GOOGLE_TOKEN_URL: String(this.info.tokenUrl),
    };
  }

  isGoogle(user: DemoUser): boolean {
    return this.users.some((u) => u.id === user.id);
  }

  private client(user: DemoUser): calendar_v3.Calendar {
    let client = this.clients.get(user.mail);
    if (!client) {
      const key = this.info.serviceAccountKey as Json;
      const auth = pointAtSandbox(new JWT({ email: key.client_email, key: key.private_key, keyId: key.private_key_id, scopes: [String(this.info.scope)], subject: user.mail }), String(this.info.tokenUrl));
      client = calendar({ version: 'v3', rootUrl: `${this.url}/`, auth, retry: false });
      this.clients.set(user.mail, client);
    }
    return client;
  }

  /** The two calendars the service made for the user (it makes them when it provisions the mailbox). */
  async calendars(user: DemoUser): Promise<Record<GoogleKind, string> | null> {
    const known = this.calendarIds.get(user.mail);
    if (known) return known;
    const list = await google('calendarList', () => this.client(user).calendarList.list({}));
    const idOf = (name: string) => (list.items ?? []).find((c) => c.summary === name)?.id ?? null;
    const appointment = idOf(GOOGLE_CALENDAR_NAMES.appointment);
    const visit = idOf(GOOGLE_CALENDAR_NAMES.visit);
    if (!appointment || !visit) return null;
    const ids = { appointment, visit };
    this.calendarIds.set(user.mail, ids);
    return ids;
  }

  /** Waits until the service made both calendars of every Google user and watches them (a push channel each). */
  async waitProvisioned(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = await Promise.all(this.users.map((u) => this.calendars(u)));
      const channels = ((await control(this.url, 'GET', '/channels')).body.value ?? []) as { calendarId: string }[];
      const watched = new Set(channels.map((c) => c.calendarId));
      if (ready.every((ids) => ids && watched.has(ids.appointment) && watched.has(ids.visit))) return;
      if (Date.now() > deadline) throw new Error(`Google calendars not provisioned and watched after ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  private async calendarIdOf(user: DemoUser, kind: GoogleKind): Promise<string> {
    const ids = await this.calendars(user);
    if (!ids) throw new Error(`no SAP calendars for ${user.mail}`);
    return ids[kind];
  }

  async insert(user: DemoUser, kind: GoogleKind, body: calendar_v3.Schema$Event): Promise<string> {
    const calendarId = await this.calendarIdOf(user, kind);
    // A client-supplied id makes the retried insert idempotent (a 409 then means the first attempt landed).
    const id = body.id as string;
    try {
      await google('insert', () => this.client(user).events.insert({ calendarId, requestBody: body }));
    } catch (error) {
      if (!/: 409 /.test((error as Error).message)) throw error;
    }
    return id;
  }

  async patch(user: DemoUser, kind: GoogleKind, eventId: string, body: calendar_v3.Schema$Event): Promise<void> {
    const calendarId = await this.calendarIdOf(user, kind);
    await google('patch', () => this.client(user).events.patch({ calendarId, eventId, requestBody: body }));
  }

  async remove(user: DemoUser, kind: GoogleKind, eventId: string): Promise<void> {
    const calendarId = await this.calendarIdOf(user, kind);
    try {
      await google('delete', () => this.client(user).events.delete({ calendarId, eventId }));
    } catch (error) {
      // 410: a retry after a first attempt that landed (the event is cancelled already).
      if (!/: 410 /.test((error as Error).message)) throw error;
    }
  }

  /** events.move to the user's other SAP calendar: the service sees a kind switch (R1, R2). */
  async move(user: DemoUser, from: GoogleKind, eventId: string): Promise<GoogleKind> {
    const to: GoogleKind = from === 'appointment' ? 'visit' : 'appointment';
    const calendarId = await this.calendarIdOf(user, from);
    const destination = await this.calendarIdOf(user, to);
    try {
      await google('move', () => this.client(user).events.move({ calendarId, eventId, destination }));
    } catch (error) {
      // 404: a retry after a first attempt that moved it (the event is no longer in the source calendar).
      if (!/: 404 /.test((error as Error).message)) throw error;
    }
    return to;
  }

  /** Every live event of the user's two SAP calendars whose summary starts with `prefix`, with its kind. */
  async events(user: DemoUser, prefix: string): Promise<GoogleSideEvent[]> {
    const ids = await this.calendars(user);
    if (!ids) return [];
    const found: GoogleSideEvent[] = [];
    for (const kind of ['appointment', 'visit'] as const) {
      let pageToken: string | undefined;
      do {
        const token = pageToken;
        const page = await google('list', () => this.client(user).events.list({ calendarId: ids[kind], maxResults: 2500, ...(token ? { pageToken: token } : {}) }));
        for (const e of page.items ?? []) {
          // A series' instances are not asked for (no singleEvents): one entry per event, as the Outlook side lists.
          if (e.status === 'cancelled' || !String(e.summary ?? '').startsWith(prefix)) continue;
          // The error mark (a red colorId) stands for Outlook's error category, so the checker treats both alike.
          const categories = e.colorId === ERROR_COLOR_ID ? [DEFAULT_CATEGORIES.error] : [];
          found.push({ id: String(e.id), mailboxId: user.id, subject: String(e.summary), categories, kind });
        }
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
    }
    return found;
  }
}
