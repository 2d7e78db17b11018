// The Google side of the insta-sync bench (R10): a Google Workspace user's "SAP Appointments" calendar, written with
// Google's own client (@googleapis/calendar, the service account's delegated token), its changes seen inside the
// sandbox (GoogleStore.onChange, then the events whose change sequence is the latest), so the probe adds no latency.
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { JWT } from 'google-auth-library';
import type { GoogleStore } from '../../src/sandbox/google/store.js';
import { control } from '../../test/support/sync-harness-http.js';
import { pointAtSandbox } from '../../test/integration/sandbox-google/harness.js';
import type { GoogleSide } from './service-stack.js';
import { waitFor } from './service-stack.js';

const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';

/** Feeds `into` with every event change of the sandbox: the event's id and when it was committed. */
export function watchGoogleChanges(store: GoogleStore, into: { eventId: string; at: number }[]): void {
  store.onChange((changed) => {
    const at = performance.now();
    for (const event of changed.events.values()) if (event.seq === store.seq) into.push({ eventId: event.id, at });
  });
}

/** Google's client acting as `user` (domain-wide delegation), its token requests sent to the sandbox. */
export function googleClientFor(side: GoogleSide, user: string): calendar_v3.Calendar {
  const key = side.serviceAccountKey;
  const auth = pointAtSandbox(new JWT({ email: key.client_email, key: key.private_key, keyId: key.private_key_id, scopes: [CALENDAR_SCOPE], subject: user }), side.tokenUrl);
  return calendar({ version: 'v3', rootUrl: `${side.url}/`, auth });
}

/** Waits until the service made the user's calendar named `summary` (provisioning) and answers its id. */
export async function serviceCalendarId(client: calendar_v3.Calendar, summary: string, timeoutMs: number): Promise<string> {
  return waitFor(`the "${summary}" calendar`, async () => (await client.calendarList.list()).data.items?.find((c) => c.summary === summary)?.id ?? null, timeoutMs, 200);
}

/** Waits until the service watches each of `users`' two calendars (events.watch push channels). */
export async function waitWatched(side: GoogleSide, timeoutMs: number): Promise<void> {
  await waitFor(
    'Google push channels',
    async () => {
      const channels = ((await control(side.url, 'GET', '/channels')).body.value ?? []) as { user: string; expired: boolean }[];
      return side.users.every((u) => channels.filter((c) => c.user === u && !c.expired).length >= 2);
    },
    timeoutMs,
    200,
  );
}

/** The user's side of the bench: events in their "SAP Appointments" calendar sync as C4C Appointments. */
export async function googleProbe(side: GoogleSide, user: string, appointmentsCalendar = 'SAP Appointments') {
  const client = googleClientFor(side, user);
  const calendarId = await serviceCalendarId(client, appointmentsCalendar, 60_000);
  const at = (days: number, hour: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + days, hour)).toISOString();
  return {
    crmSet: 'AppointmentCollection' as const,
    createTagged: async (i: number, subject: string) =>
      String((await client.events.insert({ calendarId, requestBody: { summary: subject, start: { dateTime: at(2 + (i % 20), 8 + (i % 8)) }, end: { dateTime: at(2 + (i % 20), 9 + (i % 8)) } } })).data.id),
    rename: async (id: string, subject: string) => void (await client.events.patch({ calendarId, eventId: id, requestBody: { summary: subject } })),
    subjectOf: async (id: string) => side.store.calendars.get(calendarId)?.events.get(id)?.summary,
  };
}
