// The doctor's Graph probes (ports/doctor-probes.ts): each one real call, or a create-then-delete round trip, with
// the service's app credentials and the same HTTP client the service uses (a throttled call is retried a few times
// within seconds; the doctor reports, it does not wait out a long Retry-After). What it creates is marked and removed at once; an event is put outside the sync
// window and carries no sync category, so the service never syncs it.
import { randomUUID } from 'node:crypto';
import type { GraphProbes, ProbeFailure, ProbeMailbox, ProbeOutcome } from '../../ports/doctor-probes.js';
import { PortFailure } from '../../ports/write-results.js';
import { userPath } from './event-reads.js';
import { graphErrorInfo } from './graph-errors.js';
import { GraphHttp, TENANT_SCOPE, type GraphRequest, type GraphResponse } from './graph-http.js';
import { resolveGraphOptions, type GraphAdapterOptions } from './options.js';
import { GraphTokenProvider } from './token-provider.js';

/** The subject and names of what the doctor creates, so that anyone who sees one knows what it is. */
export const DOCTOR_MARK = 'CRM sync doctor check (safe to delete)';

type Answer = GraphResponse | ProbeFailure;

const ok2xx = (status: number) => status >= 200 && status < 300;

function failureOf(response: GraphResponse): ProbeFailure {
  const info = graphErrorInfo(response.body);
  return { ok: false, status: response.status, code: info.code, message: info.message.slice(0, 300) };
}

function thrown(error: unknown): ProbeFailure {
  if (error instanceof PortFailure) return { ok: false, status: null, code: error.error.code, message: error.error.message };
  return { ok: false, status: null, code: 'unreachable', message: error instanceof Error ? error.message : String(error) };
}

export class GraphDoctorProbes implements GraphProbes {
  private readonly http: GraphHttp;
  private readonly tokens: GraphTokenProvider;
  private lastDate: Date | null = null;

  constructor(options: Omit<GraphAdapterOptions, 'retry' | 'addinId'>) {
    // Throttling (Graph counts the service's own sessions on the mailbox too) is waited out briefly, not reported.
    const resolved = resolveGraphOptions({ ...options, addinId: '', retry: { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 2_000, maxRetryAfterSeconds: 10 } });
    this.tokens = new GraphTokenProvider({ ...resolved, scope: resolved.graphScope });
    this.http = new GraphHttp(resolved, this.tokens);
  }

  private async call(request: GraphRequest, scope = TENANT_SCOPE): Promise<Answer> {
    try {
      const response = await this.http.send(scope, request);
      const date = response.headers['date'];
      if (date && !Number.isNaN(Date.parse(date))) this.lastDate = new Date(date);
      return response;
    } catch (error) {
      return thrown(error);
    }
  }

  async token(): Promise<ProbeOutcome> {
    try {
      await this.tokens.accessToken(true);
      return { ok: true };
    } catch (error) {
      return thrown(error);
    }
  }

  async serverDate(): Promise<Date | null> {
    if (this.lastDate) return this.lastDate;
    // Any answer carries the Date header, a refusal too: the service root needs no permission.
    await this.call({ method: 'GET', url: '/' });
    return this.lastDate;
  }

  async firstUser(): Promise<ProbeFailure | { ok: true; mailbox: ProbeMailbox | null }> {
    const answer = await this.call({ method: 'GET', url: '/users?$select=id,mail,userPrincipalName&$top=20' });
    if ('ok' in answer) return answer;
    if (!ok2xx(answer.status)) return failureOf(answer);
    const users = ((answer.body as { value?: { id?: unknown; mail?: unknown }[] })?.value ?? []).filter(
      (u): u is { id: string; mail: string } => typeof u.id === 'string' && typeof u.mail === 'string' && u.mail !== '',
    );
    const first = users[0];
    return { ok: true, mailbox: first ? { id: first.id, email: first.mail } : null };
  }

  async findUser(idOrEmail: string): Promise<ProbeFailure | { ok: true; mailbox: ProbeMailbox }> {
    const answer = await this.call({ method: 'GET', url: `${userPath(idOrEmail)}?$select=id,mail,userPrincipalName` });
    if ('ok' in answer) return answer;
    if (!ok2xx(answer.status)) return failureOf(answer);
    const user = answer.body as { id?: unknown; mail?: unknown; userPrincipalName?: unknown };
    const email = typeof user.mail === 'string' && user.mail ? user.mail : String(user.userPrincipalName ?? idOrEmail);
    return { ok: true, mailbox: { id: String(user.id ?? idOrEmail), email } };
  }

  private async expect(request: GraphRequest, mailbox: ProbeMailbox): Promise<ProbeFailure | GraphResponse> {
    const answer = await this.call(request, mailbox.id.toLowerCase());
    if ('ok' in answer) return answer;
    return ok2xx(answer.status) ? answer : failureOf(answer);
  }

  async readCalendar(mailbox: ProbeMailbox): Promise<ProbeOutcome> {
    const now = Date.now();
    const window = `startDateTime=${new Date(now).toISOString()}&endDateTime=${new Date(now + 86_400_000).toISOString()}`;
    const answer = await this.expect({ method: 'GET', url: `${userPath(mailbox.id)}/calendarView?${window}&$top=1&$select=id` }, mailbox);
    return 'ok' in answer ? answer : { ok: true };
  }

  async writeCalendar(mailbox: ProbeMailbox): Promise<ProbeOutcome> {
    // Over a year ago: outside any sync window, so no session reads it even before it is deleted.
    const day = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    const created = await this.expect(
      {
        method: 'POST',
        url: `${userPath(mailbox.id)}/events`,
        body: { subject: DOCTOR_MARK, start: { dateTime: `${day}T06:00:00`, timeZone: 'UTC' }, end: { dateTime: `${day}T06:15:00`, timeZone: 'UTC' }, showAs: 'free', isReminderOn: false },
      },
      mailbox,
    );
    if ('ok' in created) return created;
    const id = (created.body as { id?: unknown }).id;
    if (typeof id !== 'string') return { ok: false, status: created.status, code: 'unexpected', message: 'Graph created the event without an id' };
    const deleted = await this.expect({ method: 'DELETE', url: `${userPath(mailbox.id)}/events/${encodeURIComponent(id)}` }, mailbox);
    if ('ok' in deleted) return { ...deleted, message: `created a test event but could not delete it (delete "${DOCTOR_MARK}" by hand): ${deleted.message}` };
    return { ok: true, note: 'created and deleted a test event' };
  }

  async readMasterCategories(mailbox: ProbeMailbox): Promise<ProbeOutcome> {
    const answer = await this.expect({ method: 'GET', url: `${userPath(mailbox.id)}/outlook/masterCategories` }, mailbox);
    return 'ok' in answer ? answer : { ok: true };
  }

  async writeMasterCategories(mailbox: ProbeMailbox): Promise<ProbeOutcome> {
    const name = `${DOCTOR_MARK} ${randomUUID().slice(0, 8)}`;
    const created = await this.expect({ method: 'POST', url: `${userPath(mailbox.id)}/outlook/masterCategories`, body: { displayName: name, color: 'none' } }, mailbox);
    if ('ok' in created) return created;
    const id = (created.body as { id?: unknown }).id;
    if (typeof id !== 'string') return { ok: false, status: created.status, code: 'unexpected', message: 'Graph created the category without an id' };
    const deleted = await this.expect({ method: 'DELETE', url: `${userPath(mailbox.id)}/outlook/masterCategories/${encodeURIComponent(id)}` }, mailbox);
    if ('ok' in deleted) return { ...deleted, message: `created the category "${name}" but could not delete it: ${deleted.message}` };
    return { ok: true, note: 'created and deleted a test category' };
  }

  async todo(mailbox: ProbeMailbox): Promise<ProbeOutcome> {
    const lists = await this.expect({ method: 'GET', url: `${userPath(mailbox.id)}/todo/lists` }, mailbox);
    if ('ok' in lists) return lists;
    const all = (lists.body as { value?: { id?: unknown; wellknownListName?: unknown }[] }).value ?? [];
    const list = all.find((l) => l.wellknownListName === 'defaultList') ?? all[0];
    if (typeof list?.id !== 'string') return { ok: true, note: 'read the lists (none to write a test task in)' };
    const tasks = `${userPath(mailbox.id)}/todo/lists/${encodeURIComponent(list.id)}/tasks`;
    const created = await this.expect({ method: 'POST', url: tasks, body: { title: DOCTOR_MARK } }, mailbox);
    if ('ok' in created) return created;
    const id = (created.body as { id?: unknown }).id;
    if (typeof id !== 'string') return { ok: false, status: created.status, code: 'unexpected', message: 'Graph created the task without an id' };
    const deleted = await this.expect({ method: 'DELETE', url: `${tasks}/${encodeURIComponent(id)}` }, mailbox);
    if ('ok' in deleted) return { ...deleted, message: `created a test task but could not delete it (delete "${DOCTOR_MARK}" by hand): ${deleted.message}` };
    return { ok: true, note: 'read the lists, created and deleted a test task' };
  }

  async subscription(mailbox: ProbeMailbox, urls: { notificationUrl: string; lifecycleNotificationUrl: string }): Promise<ProbeOutcome> {
    // Graph's shortest lifetime (45 minutes); deleted at once anyway.
    const created = await this.call({
      method: 'POST',
      url: '/subscriptions',
      body: {
        changeType: 'created,updated,deleted',
        notificationUrl: urls.notificationUrl,
        lifecycleNotificationUrl: urls.lifecycleNotificationUrl,
        resource: `${userPath(mailbox.id).slice(1)}/events`,
        expirationDateTime: new Date(Date.now() + 50 * 60_000).toISOString(),
        clientState: randomUUID(),
        latestSupportedTlsVersion: 'v1_2',
      },
    });
    if ('ok' in created) return created;
    if (!ok2xx(created.status)) return failureOf(created);
    const id = (created.body as { id?: unknown }).id;
    if (typeof id !== 'string') return { ok: false, status: created.status, code: 'unexpected', message: 'Graph created the subscription without an id' };
    const deleted = await this.call({ method: 'DELETE', url: `/subscriptions/${encodeURIComponent(id)}` });
    if ('ok' in deleted) return deleted;
    // 404: the service's subscription keeper deleted it meanwhile (it removes subscriptions it has no record of).
    if (!ok2xx(deleted.status) && deleted.status !== 404) return { ...failureOf(deleted), message: `created a subscription but could not delete it (it expires within the hour): ${graphErrorInfo(deleted.body).message}` };
    return { ok: true, note: 'created and deleted a subscription' };
  }

  async groupMembers(groupId: string): Promise<ProbeOutcome> {
    // The request the enrolment reads (group-members.ts), one user long: the same permission decides both.
    const url = `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?$select=id&$top=1&$count=true`;
    const answer = await this.call({ method: 'GET', url, headers: { ConsistencyLevel: 'eventual' } });
    if ('ok' in answer) return answer;
    if (!ok2xx(answer.status)) return failureOf(answer);
    const count = (answer.body as { '@odata.count'?: unknown })['@odata.count'];
    return { ok: true, note: typeof count === 'number' ? `read: ${count} user${count === 1 ? '' : 's'}, nested groups included` : 'read' };
  }
}
