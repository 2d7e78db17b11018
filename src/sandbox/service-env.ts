// The sync service's settings for running against the sandboxes: one place for `npm start`, the service test
// harness and the benchmarks. Only environment strings: the sandbox never imports the service.
import { DEMO_TENANT } from './common/demo-tenant.js';

/** The user the C4C sandbox's Event Notification consumer signs in to the service with (HTTP Basic). */
export const SANDBOX_C4C_NOTIFICATION_USER = 'C4C_EVENT_NOTIFICATION';
/** The webhook secrets `npm start` wires the service and the sandboxes with (made up, published, sandbox only). */
export const SANDBOX_WEBHOOK_SECRETS = { graphClientState: 'sandbox-graph-client-state-secret-0001', c4cWebhook: 'sandbox-c4c-webhook-secret-0001' } as const;

export function sandboxServiceEnv(
  urls: { graphUrl: string; c4cUrl: string },
  /** `c4cWebhook`: the password of the C4C sandbox's notification consumer (c4cConsumerFor). */
  secrets: { graphClientState: string; c4cWebhook: string },
): Record<string, string> {
  return {
    SANDBOX: 'true',
    GRAPH_BASE_URL: `${urls.graphUrl}/v1.0`,
    // MSAL only accepts https authorities; the Graph sandbox speaks TLS on the same port.
    GRAPH_AUTHORITY: urls.graphUrl.replace(/^http:/, 'https:'),
    TENANT_ID: DEMO_TENANT.tenantId,
    CLIENT_ID: DEMO_TENANT.serviceApp.clientId,
    CLIENT_SECRET: DEMO_TENANT.serviceApp.clientSecret,
    API_AUDIENCE: DEMO_TENANT.serviceApp.appIdUri,
    // Only the add-in's tokens are served (the identity sandbox issues `/_sandbox/token` tokens to it by default).
    API_CLIENT_IDS: DEMO_TENANT.addinApp.clientId,
    ADDIN_ID: DEMO_TENANT.addinId,
    GRAPH_WEBHOOK_CLIENT_STATE_SECRET: secrets.graphClientState,
    C4C_BASE_URL: `${urls.c4cUrl}/sap/c4c/odata/v1/c4codataapi/`,
    C4C_USER: DEMO_TENANT.c4cTechnicalUser.user,
    C4C_PASSWORD: DEMO_TENANT.c4cTechnicalUser.password,
    C4C_WEBHOOK_USER: SANDBOX_C4C_NOTIFICATION_USER,
    C4C_WEBHOOK_PASSWORD: secrets.c4cWebhook,
    // The CRM search runs as the user: the identity sandbox plays Entra ID (on-behalf-of for a SAML assertion), the
    // C4C sandbox's /sap/bc/sec/oauth2/token trusts it, and C4C_OAUTH_TOKEN_URL defaults to that endpoint.
    C4C_SEARCH_AS: 'user',
    C4C_OAUTH_CLIENT_ID: DEMO_TENANT.c4cOAuth.clientId,
    C4C_OAUTH_CLIENT_SECRET: DEMO_TENANT.c4cOAuth.clientSecret,
    C4C_OAUTH_SCOPE: DEMO_TENANT.c4cOAuth.scope,
    C4C_SAML_ENTITY_ID: DEMO_TENANT.c4cOAuth.samlEntityId,
    // The sandbox's data is made up; a real deployment sets its own secret (README, "Configuration").
    STATE_DIGEST_SECRET: 'sandbox-state-digest-secret-for-made-up-data-only',
  };
}

/** The body of the C4C sandbox's `PUT /_sandbox/webhook`: notify the service at `serviceUrl` as its consumer. */
export function c4cConsumerFor(serviceUrl: string, password: string): { url: string; user: string; password: string } {
  return { url: `${serviceUrl}/webhooks/c4c`, user: SANDBOX_C4C_NOTIFICATION_USER, password };
}
