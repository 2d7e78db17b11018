// The R-settings the admin console changes: validated by the environment's own rules, refused by name, and the
// precedence at start (the environment seeds, the database applies, a differing environment value is reported).
import { applySettingValues, environmentDifferences, tenantSettingValues, TENANT_SETTING_NAMES } from '../../../src/server/config/tenant-settings.js';
import { ENV_DOCS } from '../../../src/server/config/env-docs.js';
import { loadConfig } from '../../../src/server/config/load-config.js';
import { DEFAULT_SYNC_SETTINGS, withDefaults, type SyncSettings } from '../../../src/server/domain/settings.js';

const SANDBOX_ENV = {
  SANDBOX: 'true',
  TENANT_ID: 't',
  CLIENT_ID: 'c',
  CLIENT_SECRET: 's',
  API_AUDIENCE: 'api://x',
  ADDIN_ID: 'a',
  GRAPH_WEBHOOK_CLIENT_STATE_SECRET: 'graph-client-state-secret',
  C4C_BASE_URL: 'http://127.0.0.1:4002/sap/c4c/odata/v1/c4codataapi',
  C4C_USER: 'u',
  C4C_PASSWORD: 'p',
  STATE_DIGEST_SECRET: 'a-state-digest-secret-of-32-chars!!',
};

describe('tenant settings', () => {
  it('lists every R-setting under its environment name, each readable from the stored settings', () => {
    const values = tenantSettingValues(DEFAULT_SYNC_SETTINGS);
    expect(Object.keys(values)).toEqual(TENANT_SETTING_NAMES);
    expect(values).toMatchObject({ CONFLICT_WINNER: 'outlook', VISIT_SYNC_TO: 'organizer', SYNC_PRIVATE_RECURRING: false, DELETE_GUARD_LIMIT: 25, MASS_CHANGE_PERCENT: 80, SYNC_INTERVAL_MINUTES: 30, TASK_SYNC_SCOPE: 'tagged', CONTACT_FOLDER_NAME: 'SAP Cloud for Customer' });
  });

  it('are exactly the settings .env.example marks as tenant settings', () => {
    const marked = Object.entries(ENV_DOCS).filter(([, doc]) => doc.tenantSetting).map(([name]) => name);
    expect(marked.sort()).toEqual([...TENANT_SETTING_NAMES].sort());
  });

  it('applies values as the environment reads them (text, numbers as text, true/false words) and says what changed', () => {
    const update = applySettingValues(DEFAULT_SYNC_SETTINGS, { CONFLICT_WINNER: 'crm', DELETE_GUARD_LIMIT: '40', SYNC_PRIVATE_RECURRING: 'yes', MASS_CHANGE_PERCENT: 50, CATEGORY_VISIT: 'Besuch', SYNC_INTERVAL_MINUTES: 10 });
    if (!update.ok) throw new Error(JSON.stringify(update.issues));
    expect(update.settings).toMatchObject({ conflictWinner: 'crm', deleteGuardLimit: 40, syncPrivateRecurring: true, massChangeShare: 0.5, intervalMinutes: 10, categories: { visit: 'Besuch' } });
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { setting: 'CONFLICT_WINNER', from: 'outlook', to: 'crm' },
        { setting: 'DELETE_GUARD_LIMIT', from: 25, to: 40 },
        { setting: 'MASS_CHANGE_PERCENT', from: 80, to: 50 },
      ]),
    );
    expect(update.changes).toHaveLength(6);
    const same = applySettingValues(update.settings, { CONFLICT_WINNER: 'crm' });
    expect(same.ok && same.changes).toEqual([]);
  });

  it("R10: takes the Google calendars' names as the environment does (a change applies at the next session, rereads nothing), and refuses one name for both", () => {
    const update = applySettingValues(DEFAULT_SYNC_SETTINGS, { GOOGLE_CALENDAR_APPOINTMENTS: ' Kundentermine ', GOOGLE_CALENDAR_VISITS: 'Kundenbesuche' });
    if (!update.ok) throw new Error(JSON.stringify(update.issues));
    expect(update.settings.google.calendarNames).toEqual({ appointment: 'Kundentermine', visit: 'Kundenbesuche' });
    expect(update.rereads).toBe(false);
    expect(tenantSettingValues(update.settings)).toMatchObject({ GOOGLE_CALENDAR_APPOINTMENTS: 'Kundentermine', GOOGLE_CALENDAR_VISITS: 'Kundenbesuche' });
    expect(applySettingValues(update.settings, { GOOGLE_CALENDAR_VISITS: 'KUNDENTERMINE' })).toEqual({ ok: false, issues: [{ name: 'GOOGLE_CALENDAR_VISITS', message: 'must differ from GOOGLE_CALENDAR_APPOINTMENTS' }] });
    expect(applySettingValues(update.settings, { GOOGLE_CALENDAR_APPOINTMENTS: '' })).toEqual({ ok: false, issues: [{ name: 'GOOGLE_CALENDAR_APPOINTMENTS', message: 'must not be empty' }] });
    // The environment seeds them, and a stored name filled in from it when a database predates the setting.
    expect(withDefaults({ conflictWinner: 'crm' } as Partial<SyncSettings>, loadConfig({ ...SANDBOX_ENV, GOOGLE_CALENDAR_VISITS: 'Besuche' }).sync.defaults).google.calendarNames).toEqual({ appointment: 'SAP Appointments', visit: 'Besuche' });
    expect(() => loadConfig({ ...SANDBOX_ENV, GOOGLE_CALENDAR_APPOINTMENTS: 'SAP', GOOGLE_CALENDAR_VISITS: 'sap' })).toThrow(/GOOGLE_CALENDAR_VISITS: must differ from GOOGLE_CALENDAR_APPOINTMENTS/);
    // An environment naming another calendar than the database holds is reported (and logged at start).
    const environment = loadConfig({ ...SANDBOX_ENV, GOOGLE_CALENDAR_VISITS: 'Besuche' });
    expect(environment.sync.setInEnvironment).toContain('GOOGLE_CALENDAR_VISITS');
    expect(environmentDifferences(update.settings, environment.sync.defaults, environment.sync.setInEnvironment)).toEqual([{ setting: 'GOOGLE_CALENDAR_VISITS', environment: 'Besuche', stored: 'Kundenbesuche' }]);
  });

  it('refuses a bad value with the setting named and the environment rule, and changes nothing', () => {
    const update = applySettingValues(DEFAULT_SYNC_SETTINGS, { CONFLICT_WINNER: 'whoever', DELETE_GUARD_LIMIT: -1, SYNC_INTERVAL_MINUTES: 2.5, CATEGORY_ERROR: '', CLIENT_SECRET: 'x', SYNC_WINDOW_DAYS_AHEAD: { days: 3 } });
    expect(update.ok).toBe(false);
    if (update.ok) return;
    expect(update.issues).toEqual([
      { name: 'CONFLICT_WINNER', message: 'must be one of outlook, crm' },
      { name: 'DELETE_GUARD_LIMIT', message: 'must be at least 0' },
      { name: 'SYNC_INTERVAL_MINUTES', message: 'must be a whole number' },
      { name: 'CATEGORY_ERROR', message: 'must not be empty' },
      { name: 'CLIENT_SECRET', message: expect.stringMatching(/not a setting the console can change/) },
      { name: 'SYNC_WINDOW_DAYS_AHEAD', message: 'must be a string, number or boolean' },
    ]);
  });

  it('applies the cross-setting rules of the environment: the sync categories must differ', () => {
    const update = applySettingValues(DEFAULT_SYNC_SETTINGS, { CATEGORY_VISIT: DEFAULT_SYNC_SETTINGS.categories.appointment.toUpperCase() });
    expect(update).toEqual({ ok: false, issues: [{ name: 'CATEGORY_VISIT', message: 'must differ from CATEGORY_APPOINTMENT' }] });
  });

  it('precedence: the environment seeds what the database lacks, the stored values stay, and differences are reported for settings the environment sets', () => {
    const config = loadConfig({ ...SANDBOX_ENV, CONFLICT_WINNER: 'crm', SYNC_INTERVAL_MINUTES: '5', DELETE_GUARD_LIMIT: '25' });
    expect([...config.sync.setInEnvironment].sort()).toEqual(['CONFLICT_WINNER', 'DELETE_GUARD_LIMIT', 'SYNC_INTERVAL_MINUTES']);
    // Stored by an older version: no interval yet, CONFLICT_WINNER changed by an admin since.
    const older: Partial<SyncSettings> = { ...DEFAULT_SYNC_SETTINGS, conflictWinner: 'outlook', visitSyncTo: 'owner' };
    delete older.intervalMinutes;
    const seeded = withDefaults(older, config.sync.defaults);
    expect(seeded).toMatchObject({ conflictWinner: 'outlook', visitSyncTo: 'owner', intervalMinutes: 5 });
    // VISIT_SYNC_TO differs from the environment's default but the environment does not set it: not reported.
    expect(environmentDifferences(seeded, config.sync.defaults, config.sync.setInEnvironment)).toEqual([{ setting: 'CONFLICT_WINNER', environment: 'crm', stored: 'outlook' }]);
  });
});
