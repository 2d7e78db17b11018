// The console's settings and audit routes (contract: src/shared/admin-settings-api.ts). Settings are validated by
// the environment's own schema (config/tenant-settings.ts) and saved with their audit row in one transaction; every
// worker's next session reads them (sessions read the tenant's settings row when they start, no cache).
import type { FastifyInstance } from 'fastify';
import {
  ADMIN_ROUTES,
  auditQuerySchema,
  settingsUpdateRequestSchema,
  type AuditResponse,
  type SettingsResponse,
  type SettingsUpdateResponse,
} from '../../shared/admin-api.js';
import {
  applySettingValues,
  environmentDifferences,
  settingEffect,
  tenantSettingValues,
  TENANT_SETTING_NAMES,
  type SettingChange,
  type SettingsUpdate,
} from '../config/tenant-settings.js';
import type { SyncSettings } from '../domain/settings.js';
import type { AdminConsoleStore } from '../ports/admin-console.js';
import { requireAdmin } from './admin-guard.js';
import { HttpError } from './errors.js';

export interface AdminConsoleDeps {
  adminRole: string;
  tenantId: string;
  store: AdminConsoleStore;
  /** The R-settings as the environment gives them, and which of them it sets explicitly (config.sync). */
  environment: { settings: SyncSettings; setInEnvironment: readonly string[] };
}

export function settingsView(stored: SyncSettings, updatedAt: string | null, environment: AdminConsoleDeps['environment']): SettingsResponse {
  const values = tenantSettingValues(stored);
  const fromEnvironment = tenantSettingValues(environment.settings);
  const differs = new Set(environmentDifferences(stored, environment.settings, environment.setInEnvironment).map((d) => d.setting));
  return {
    settings: TENANT_SETTING_NAMES.map((name) => ({
      name,
      value: values[name],
      effect: settingEffect(name),
      environment: environment.setInEnvironment.includes(name) ? fromEnvironment[name] : null,
      environmentDiffers: differs.has(name),
    })),
    environmentDiffers: [...differs],
    updatedAt,
  };
}

export function registerAdminSettingsRoutes(app: FastifyInstance, deps: AdminConsoleDeps): void {
  const admin = (req: { caller?: Parameters<typeof requireAdmin>[0] }) => requireAdmin(req.caller, deps.adminRole);

  app.get(ADMIN_ROUTES.settings.url, async (req): Promise<SettingsResponse> => {
    admin(req);
    const { settings, updatedAt } = await deps.store.readSettings(deps.tenantId);
    return settingsView(settings, updatedAt, deps.environment);
  });

  app.put(ADMIN_ROUTES.updateSettings.url, async (req): Promise<SettingsUpdateResponse> => {
    const caller = admin(req);
    const body = settingsUpdateRequestSchema.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'bad_request', 'settings: must be an object of setting names and values, e.g. {"settings":{"CONFLICT_WINNER":"crm"}}');
    const outcome = await deps.store.updateSettings<SettingsUpdate>(deps.tenantId, (current) => {
      const update = applySettingValues(current, body.data.settings);
      if (!update.ok || update.changes.length === 0) return { next: null, audit: null, result: update };
      return { next: update.settings, rereads: update.rereads, audit: { actor: caller.userId, action: 'settings.update', target: 'settings', detail: { changes: update.changes, rereads: update.rereads } }, result: update };
    });
    if (!outcome.ok) throw new HttpError(400, 'bad_request', outcome.issues.map((i) => `${i.name}: ${i.message}`).join('; '));
    // Setting names and values only: R-settings are rules and names, never secrets or item content.
    if (outcome.changes.length > 0) req.log.info({ adminUserId: caller.userId, changes: outcome.changes.map(describe) }, 'admin changed settings');
    const { settings, updatedAt } = await deps.store.readSettings(deps.tenantId);
    return { ...settingsView(settings, updatedAt, deps.environment), changes: outcome.changes, rereads: outcome.rereads };
  });

  app.get(ADMIN_ROUTES.audit.url, async (req): Promise<AuditResponse> => {
    admin(req);
    const query = auditQuerySchema.safeParse(req.query);
    if (!query.success) throw new HttpError(400, 'bad_request', 'before: the next value of a previous page; limit: 1 to 200; target: a mailbox, hold or pair id');
    return deps.store.listAudit(deps.tenantId, query.data);
  });
}

const describe = (c: SettingChange): string => `${c.setting}: ${String(c.from)} → ${String(c.to)}`;
