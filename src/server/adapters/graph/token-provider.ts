// App-only tokens for Graph: OAuth client credentials through @azure/msal-node against a configurable authority
// (Entra ID, or the sandbox's identity endpoints). MSAL caches the token and renews it before it expires.
// Tokens are never logged; MSAL's own log lines are forwarded only when they carry no personal data.
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { Logger } from 'pino';
import { PortFailure } from '../../ports/write-results.js';

export interface TokenProviderOptions {
  authority: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  logger: Logger;
}

/** Hosts of Microsoft's own clouds: MSAL validates these itself; any other host is trusted explicitly. */
const MICROSOFT_AUTHORITY_HOSTS = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.partner.microsoftonline.cn', 'login.chinacloudapi.cn'];

/** `<authority>/<tenantId>`, unless the configured authority already names the tenant. */
export function tenantAuthority(authority: string, tenantId: string): string {
  const base = authority.replace(/\/+$/, '');
  const url = new URL(base);
  const firstSegment = url.pathname.split('/').filter(Boolean)[0];
  return firstSegment ? base : `${base}/${tenantId}`;
}

function errorText(error: unknown): { code: string; message: string } {
  if (error && typeof error === 'object') {
    const { errorCode, message } = error as { errorCode?: unknown; message?: unknown };
    return { code: typeof errorCode === 'string' ? errorCode : 'unknown', message: typeof message === 'string' ? message : String(error) };
  }
  return { code: 'unknown', message: String(error) };
}

/** MSAL error codes that mean "the network or the authority had trouble", not "your credentials are wrong". */
const TRANSIENT_MSAL_CODES = /network|timeout|endpoints_resolution|openid_config|unknown_error|temporarily|server_error/i;

export class GraphTokenProvider {
  private readonly app: ConfidentialClientApplication;
  private readonly scope: string;

  constructor(options: TokenProviderOptions) {
    const authority = tenantAuthority(options.authority, options.tenantId);
    const host = new URL(authority).host;
    const logger = options.logger;
    this.scope = options.scope;
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        authority,
        ...(MICROSOFT_AUTHORITY_HOSTS.includes(host.toLowerCase()) ? {} : { knownAuthorities: [host] }),
      },
      system: {
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message, containsPii) => {
            if (containsPii) return;
            if (level <= LogLevel.Error) logger.warn({ msal: message }, 'msal error');
            else logger.debug({ msal: message }, 'msal');
          },
        },
      },
    });
  }

  /** A bearer token for Graph. `forceRefresh` skips MSAL's cache (after Graph rejected a cached token). */
  async accessToken(forceRefresh = false): Promise<string> {
    try {
      const result = await this.app.acquireTokenByClientCredential({ scopes: [this.scope], skipCache: forceRefresh });
      if (!result?.accessToken) throw new Error('no access token in the token response');
      return result.accessToken;
    } catch (error) {
      const { code, message } = errorText(error);
      const transient = TRANSIENT_MSAL_CODES.test(code) || TRANSIENT_MSAL_CODES.test(message);
      throw new PortFailure({ code: transient ? 'temporary' : 'auth', message: `token request failed (${code}): ${message.slice(0, 300)}` });
    }
  }
}
