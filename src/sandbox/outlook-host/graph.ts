// The few Graph calls the sandbox Outlook host needs, as the signed-in demo user (delegated token from the
// sandbox identity). Times are asked for in UTC so they map onto Date without time-zone tables.
import { customPropertiesPropertyId, type OutlookHostConfig } from './config.js';

export interface GraphEvent {
  id: string;
  subject?: string;
  start?: { dateTime: string; timeZone: string };
  end?: { dateTime: string; timeZone: string };
  organizer?: { emailAddress?: { name?: string; address?: string } };
  /** Graph's attendee types: `required`, `optional`, `resource`. */
  attendees?: { type?: string; emailAddress?: { name?: string; address?: string } }[];
  categories?: string[];
  isOrganizer?: boolean;
  singleValueExtendedProperties?: { id: string; value: string }[];
}

export interface GraphCategory {
  id?: string;
  displayName: string;
  color: string;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export function utcDate(value: { dateTime: string } | undefined): Date | null {
  if (!value) return null;
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value.dateTime) ? value.dateTime : `${value.dateTime}Z`);
}

export class SandboxGraph {
  private tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly config: OutlookHostConfig) {}

  /** A delegated token for the demo user: for Graph (default) or for another audience (the sync service). */
  async token(audience?: string, scopes?: string): Promise<string> {
    const key = `${audience ?? 'graph'}|${scopes ?? ''}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now() + 60_000) return cached.token;
    const url = new URL(this.config.tokenUrl, window.location.href);
    url.searchParams.set('user', this.config.user);
    if (audience) url.searchParams.set('aud', audience);
    if (scopes) url.searchParams.set('scp', scopes);
    const response = await fetch(url);
    if (!response.ok) throw new GraphError(response.status, 'tokenFailed', `sandbox identity answered ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    this.tokens.set(key, { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 });
    return body.access_token;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.config.graphBaseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token()}`,
        prefer: 'outlook.timezone="UTC"',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new GraphError(response.status, error?.code ?? 'Unknown', error?.message ?? `Graph answered ${response.status}`);
    }
    return json as T;
  }

  private expandCustomProperties(): string {
    const id = customPropertiesPropertyId(this.config.addinId);
    return `$expand=singleValueExtendedProperties($filter=id eq '${encodeURIComponent(id)}')`;
  }

  async calendarView(start: Date, end: Date): Promise<GraphEvent[]> {
    const q = `startDateTime=${start.toISOString()}&endDateTime=${end.toISOString()}&$orderby=start/dateTime&$top=200&$select=subject,start,end,organizer,categories,isOrganizer`;
    return (await this.call<{ value: GraphEvent[] }>('GET', `/me/calendarView?${q}`)).value;
  }

  getEvent(id: string): Promise<GraphEvent> {
    return this.call<GraphEvent>('GET', `/me/events/${encodeURIComponent(id)}?${this.expandCustomProperties()}`);
  }

  createEvent(event: Omit<GraphEvent, 'id'>): Promise<GraphEvent> {
    return this.call<GraphEvent>('POST', '/me/events', event);
  }

  updateEvent(id: string, patch: Partial<Omit<GraphEvent, 'id'>>): Promise<GraphEvent> {
    return this.call<GraphEvent>('PATCH', `/me/events/${encodeURIComponent(id)}`, patch);
  }

  async masterCategories(): Promise<GraphCategory[]> {
    return (await this.call<{ value: GraphCategory[] }>('GET', '/me/outlook/masterCategories')).value;
  }

  addMasterCategory(category: GraphCategory): Promise<GraphCategory> {
    return this.call<GraphCategory>('POST', '/me/outlook/masterCategories', category);
  }

  async removeMasterCategory(displayName: string): Promise<void> {
    const found = (await this.masterCategories()).find((c) => c.displayName.toLowerCase() === displayName.toLowerCase());
    if (found?.id) await this.call<null>('DELETE', `/me/outlook/masterCategories/${encodeURIComponent(found.id)}`);
  }
}
