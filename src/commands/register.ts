// The ExecuteFunction handlers the manifest names, and their wiring to Office.js and the service.
import { createApiClient } from '../addin/api/client.js';
import { createTokenProvider } from '../addin/auth/token-provider.js';
import { readAddinConfig } from '../addin/config.js';
import { displayLanguage, officeReady } from '../addin/office/host.js';
import { showNotification } from '../addin/office/notifications.js';
import { applySyncKind } from '../addin/sync-as.js';
import { DEFAULT_CATEGORIES } from '../shared/categories.js';
import { describeError } from '../addin/describe-error.js';
import { stringsFor } from '../addin/text/index.js';
import { createSyncCommand, type CommandDeps } from './sync-command.js';

export const COMMAND_FUNCTIONS = { syncAsAppointment: 'appointment', syncAsVisit: 'visit' } as const;

const NOTIFICATION_KEY = 'crmSyncCommand';

async function realDeps(): Promise<CommandDeps> {
  await officeReady();
  const strings = stringsFor(displayLanguage());
  const config = readAddinConfig();
  const tokens = await createTokenProvider(config);
  const api = createApiClient({ baseUrl: config.apiBaseUrl, getToken: (o) => tokens.getToken(o), invalidateToken: () => tokens.invalidate(), timeoutMs: 10_000 });
  // Tenants may rename the categories; use the service's names when it answers quickly, else the defaults.
  const names = await api.me().then(
    (me) => ({ appointment: me.settings.categories.appointment, visit: me.settings.categories.visit }),
    () => ({ appointment: DEFAULT_CATEGORIES.appointment, visit: DEFAULT_CATEGORIES.visit }),
  );
  return {
    strings,
    applySyncKind: (kind) => applySyncKind(kind, { names, api }),
    notify: (kind, message) => showNotification(NOTIFICATION_KEY, kind, message),
    describeError: (error) => describeError(error, strings),
  };
}

export function registerCommands(getDeps: () => Promise<CommandDeps> = realDeps): void {
  for (const [name, kind] of Object.entries(COMMAND_FUNCTIONS)) {
    const handler = createSyncCommand(kind, getDeps);
    // Office.actions.associate is the current way; older Outlook clients look the name up on the global object.
    (globalThis as unknown as Record<string, unknown>)[name] = handler;
    if (typeof Office !== 'undefined') Office.actions?.associate?.(name, handler);
  }
}
