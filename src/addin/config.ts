// Runtime configuration of the add-in's pages. webpack's DefinePlugin bakes `__CRM_SYNC_ADDIN_CONFIG__` in at
// build time (from environment variables, see webpack.config.js); a page may override it by defining
// `window.crmSyncAddinConfig` before the bundle runs (the sandbox Outlook host does, for its frames).

export interface AddinConfig {
  /** Origin (and optional path prefix) of the sync service, e.g. https://sync.contoso.com; '' = same origin. */
  apiBaseUrl: string;
  /** The add-in's SPA app registration (nested app authentication). */
  clientId: string;
  /** e.g. https://login.microsoftonline.com/organizations */
  authority: string;
  /** Scopes of the service's API, e.g. ['api://…/access_as_user']. */
  apiScopes: string[];
  /** Page the dialog fallback opens (same origin as the task pane). */
  authDialogUrl: string;
}

declare const __CRM_SYNC_ADDIN_CONFIG__: Partial<AddinConfig> | undefined;

export function readAddinConfig(win: Window = window): AddinConfig {
  const baked = typeof __CRM_SYNC_ADDIN_CONFIG__ !== 'undefined' ? __CRM_SYNC_ADDIN_CONFIG__ : {};
  const override = (win as unknown as { crmSyncAddinConfig?: Partial<AddinConfig> }).crmSyncAddinConfig ?? {};
  const merged = { ...baked, ...override };
  return {
    apiBaseUrl: (merged.apiBaseUrl ?? '').replace(/\/+$/, ''),
    clientId: merged.clientId ?? '',
    authority: merged.authority ?? 'https://login.microsoftonline.com/organizations',
    apiScopes: merged.apiScopes ?? [],
    authDialogUrl: merged.authDialogUrl ?? new URL('auth-dialog.html', win.location.href).href,
  };
}
