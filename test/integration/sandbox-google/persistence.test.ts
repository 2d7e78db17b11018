// The Google sandbox's state file (`npm start` keeps it in DATA_DIR/sandbox/google.json): a restarted sandbox has the
// calendars, events and channels of the last one, its service-account key (so the service's configured key still
// works) and its sync-token key (so a sync token handed out before the restart still works).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxStateFiles } from '../../../src/sandbox/state-dir.js';
import { DAN, startGoogleHarness } from './harness.js';

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'google-sandbox-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('restores calendars, events, channels, the service-account key and sync tokens after a restart', async () => {
  const persist = { file: sandboxStateFiles(dataDir).google, saveDelayMs: 60_000, log: { info: () => undefined, warn: () => undefined } };
  const first = await startGoogleHarness({ persist });
  const dan = first.client(DAN);
  const calendarId = (await dan.calendars.insert({ requestBody: { summary: 'SAP Appointments' } })).data.id ?? '';
  const event = (await dan.events.insert({ calendarId, requestBody: { summary: 'Kept', start: { date: '2026-12-01' }, end: { date: '2026-12-02' } } })).data;
  const syncToken = (await dan.events.list({ calendarId })).data.nextSyncToken ?? '';
  await dan.events.watch({ calendarId, requestBody: { id: 'kept-channel', type: 'web_hook', address: 'http://127.0.0.1:9/none' } });
  const keyId = first.info.serviceAccountKey.private_key_id as string;
  await first.close();

  const second = await startGoogleHarness({ persist });
  try {
    expect(second.info.serviceAccountKey.private_key_id).toBe(keyId);
    const again = second.client(DAN);
    expect((await again.events.get({ calendarId, eventId: event.id ?? '' })).data).toMatchObject({ summary: 'Kept', etag: event.etag });
    await again.events.patch({ calendarId, eventId: event.id ?? '', requestBody: { summary: 'Changed after the restart' } });
    const delta = (await again.events.list({ calendarId, syncToken })).data.items ?? [];
    expect(delta.map((e) => e.summary)).toEqual(['Changed after the restart']);
    expect((await second.control('GET', '/_sandbox/channels')).body.value.map((c: { id: string }) => c.id)).toEqual(['kept-channel']);
  } finally {
    await second.close();
  }
});
