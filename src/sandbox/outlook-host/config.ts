// Where the sandbox Outlook host finds things. Every value can be overridden with a query parameter of the
// outlook-host.html URL, e.g. ?graph=http://127.0.0.1:4001/v1.0&user=ben.brooks@contoso.example&platform=web
import { DEMO_TENANT, DEMO_USERS } from '../common/demo-tenant.js';

export type HostPlatform = 'desktop' | 'web';

export interface OutlookHostConfig {
  /** Graph sandbox base, ending in /v1.0. */
  graphBaseUrl: string;
  /** The sandbox identity's quick delegated-token endpoint (GET ?user=&aud=&scp=). */
  tokenUrl: string;
  /** Demo user whose mailbox is shown (UPN or id). */
  user: string;
  /** Audience of the task pane's tokens for the sync service. */
  apiAudience: string;
  /** The add-in's manifest id: custom properties live in the extended property cecp-<addinId>. */
  addinId: string;
  /** Pages of the add-in, relative to this page (same origin: the stand-in is handed over through the parent). */
  taskpaneUrl: string;
  commandsUrl: string;
  /** desktop: Office.js sets categories in compose; web: it can't (as in Outlook on the web / new Outlook). */
  platform: HostPlatform;
  displayLanguage: string;
}

export function readHostConfig(search: string = window.location.search): OutlookHostConfig {
  const q = new URLSearchParams(search);
  const graphBaseUrl = (q.get('graph') ?? 'http://127.0.0.1:4001/v1.0').replace(/\/+$/, '');
  const sandboxOrigin = new URL(graphBaseUrl).origin;
  return {
    graphBaseUrl,
    tokenUrl: q.get('tokenUrl') ?? `${sandboxOrigin}/_sandbox/token`,
    user: q.get('user') ?? DEMO_USERS[0]!.mail,
    apiAudience: q.get('aud') ?? DEMO_TENANT.serviceApp.appIdUri,
    addinId: q.get('addinId') ?? DEMO_TENANT.addinId,
    taskpaneUrl: q.get('taskpane') ?? 'taskpane.html',
    commandsUrl: q.get('commands') ?? 'commands.html',
    platform: q.get('platform') === 'web' ? 'web' : 'desktop',
    displayLanguage: q.get('lang') ?? 'en-US',
  };
}

/** The MAPI named property Exchange keeps add-in custom properties in (API-NOTES D). */
export function customPropertiesPropertyId(addinId: string): string {
  return `String {00020329-0000-0000-C000-000000000046} Name cecp-${addinId}`;
}
