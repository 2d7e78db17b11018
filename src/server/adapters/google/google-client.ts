// Google's own client (@googleapis/calendar) acting as one user: google-auth-library's JWT client does the
// JWT-bearer grant with `sub` = the user (domain-wide delegation). google-auth-library 11.3.4 has no option for
// another token URL (it posts to, and signs for, https://oauth2.googleapis.com/token): a request interceptor on the
// client's transporter sends that one request to `tokenUrl` instead, unchanged. With the real token URL it does
// nothing. No other HTTP is written by hand.
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { JWT } from 'google-auth-library';
import { GOOGLE_CALENDAR_SCOPE, type GoogleAdapterOptions } from './options.js';

const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export type CalendarApi = calendar_v3.Calendar;

/** One client per user, each with its own token cache (a token acts as its `sub` only). */
export class GoogleClients {
  private readonly clients = new Map<string, CalendarApi>();

  constructor(private readonly options: Pick<GoogleAdapterOptions, 'key' | 'apiRootUrl' | 'tokenUrl'>) {}

  forUser(email: string): CalendarApi {
    const subject = email.toLowerCase();
    let client = this.clients.get(subject);
    if (!client) {
      const { key, tokenUrl } = this.options;
      const auth = new JWT({ email: key.client_email, key: key.private_key, ...(key.private_key_id ? { keyId: key.private_key_id } : {}), scopes: [GOOGLE_CALENDAR_SCOPE], subject });
      if (tokenUrl !== GOOGLE_TOKEN_URL) {
        auth.transporter.interceptors.request.add({
          resolved: async (request) => {
            if (String(request.url) === GOOGLE_TOKEN_URL) request.url = new URL(tokenUrl);
            return request;
          },
        });
      }
      const rootUrl = this.options.apiRootUrl.endsWith('/') ? this.options.apiRootUrl : `${this.options.apiRootUrl}/`;
      // Retries are ours (google-call.ts): the client's own would retry a 403 rate limit without Retry-After.
      client = calendar({ version: 'v3', rootUrl, auth, retry: false });
      this.clients.set(subject, client);
    }
    return client;
  }
}

/**
 * Our Event shape as the client's request body. The client's types leave out `null`, which Google's patch semantics
 * use to clear a field or delete a property; the JSON goes out as written.
 */
export function asRequestBody(event: object): calendar_v3.Schema$Event {
  return event as calendar_v3.Schema$Event;
}
