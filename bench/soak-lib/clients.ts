// The soak's own view of both sides: Graph and C4C clients (test/support) wrapped so that injected faults on the
// soak's own requests are retried. Every injected fault fires before the sandbox handles the request, so a retry
// never repeats a write that already happened.
import { C4cClient, GraphClient, type Json } from '../../test/support/sync-harness-http.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function retrying<T>(what: string, fn: () => Promise<T>, attempts = 12): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i += 1) {
    try {
      return await fn();
    } catch (error) {
      last = error;
      const text = String((error as Error).message ?? error);
      // 4xx other than throttling and CSRF are real answers, not injected faults.
      if (/: 4(0[0-9]|1[0-9]) /.test(text) && !/: 403 /.test(text)) throw error;
      await sleep(50 + i * 50);
    }
  }
  throw new Error(`${what}: gave up after ${attempts} attempts: ${String((last as Error)?.message ?? last)}`);
}

export interface SideEvent {
  id: string;
  mailboxId: string;
  subject: string;
  categories: string[];
}

/** A To Do task as the soak sees it. */
export interface SideTask {
  id: string;
  listId: string;
  userId: string;
  subject: string;
  categories: string[];
}

export interface SideActivity {
  objectId: string;
  subject: string;
  status: string;
  groupwareItemId: string;
  mainAccountPartyId: string;
  /** The main contact (a contact link), Appointments and Visits only. */
  mainContactPartyId?: string;
  /** Appointment or Visit (a Google event's calendar decides; Outlook items are Appointments); tasks: none. */
  kind?: 'appointment' | 'visit';
}

export class SoakSides {
  readonly graph: GraphClient;
  readonly c4c: C4cClient;
  constructor(graphUrl: string, c4cUrl: string) {
    this.graph = new GraphClient(graphUrl);
    this.c4c = new C4cClient(c4cUrl);
  }

  private async graphOk(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await this.graph.request(method, path, body);
    if (res.status >= 300) throw new Error(`Graph ${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return res.body;
  }

  private async c4cOk(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await this.c4c.request(method, path, body);
    if (res.status === 403) (this.c4c as unknown as { csrf: unknown }).csrf = null;
    if (res.status >= 300) throw new Error(`C4C ${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return res.body;
  }

  graphWrite(method: string, path: string, body?: unknown): Promise<Json> {
    return retrying(`Graph ${method}`, () => this.graphOk(method, path, body));
  }

  c4cWrite(method: string, path: string, body?: unknown): Promise<Json> {
    return retrying(`C4C ${method}`, () => this.c4cOk(method, path, body));
  }

  /** Every event of a mailbox whose subject starts with `prefix` (series masters and single items). */
  async outlookEvents(mailboxId: string, prefix: string): Promise<SideEvent[]> {
    const found: SideEvent[] = [];
    let path: string | null = `/users/${mailboxId}/events?$top=500&$select=subject,categories`;
    while (path) {
      const page: Json = await retrying('Graph list', () => this.graphOk('GET', path as string));
      for (const e of (page.value ?? []) as Json[]) {
        if (String(e.subject ?? '').startsWith(prefix)) found.push({ id: String(e.id), mailboxId, subject: String(e.subject), categories: (e.categories ?? []) as string[] });
      }
      const next = page['@odata.nextLink'] as string | undefined;
      path = next ? next.slice(next.indexOf('/v1.0') + 5) : null;
    }
    return found;
  }

  /** Appointments and, with `visits`, Visits (the kind a Google user's "SAP Visits" calendar makes) whose subject starts with `prefix`. */
  async crmActivities(prefix: string, visits = false): Promise<SideActivity[]> {
    const filter = encodeURIComponent(`startswith(Subject,'${prefix}')`);
    const body = await retrying('C4C list', () =>
      this.c4cOk('GET', `AppointmentCollection?$filter=${filter}&$top=5000&$select=ObjectID,Subject,LifeCycleStatusCode,GroupwareItemID,MainAccountPartyID,MainContactPartyID`),
    );
    const found: SideActivity[] = ((body.d?.results ?? []) as Json[]).map((a) => ({
      objectId: String(a.ObjectID),
      subject: String(a.Subject ?? ''),
      status: String(a.LifeCycleStatusCode ?? ''),
      groupwareItemId: String(a.GroupwareItemID ?? ''),
      mainAccountPartyId: String(a.MainAccountPartyID ?? ''),
      mainContactPartyId: String(a.MainContactPartyID ?? ''),
      kind: 'appointment' as const,
    }));
    if (!visits) return found;
    const visitBody = await retrying('C4C visits', () => this.c4cOk('GET', `VisitCollection?$filter=${filter}&$top=5000&$select=ObjectID,Subject,Status,MainAccountPartyID`));
    for (const v of (visitBody.d?.results ?? []) as Json[]) {
      found.push({ objectId: String(v.ObjectID), subject: String(v.Subject ?? ''), status: String(v.Status ?? ''), groupwareItemId: '', mainAccountPartyId: String(v.MainAccountPartyID ?? ''), kind: 'visit' });
    }
    return found;
  }

  /** Contact persons (ContactID) with the account they work for, for contact links. */
  async contactLinks(count: number): Promise<{ contact: string; account: string }[]> {
    const body = await retrying('C4C contacts', () => this.c4cOk('GET', `ContactCollection?$top=${count}&$select=ContactID,AccountID`));
    return ((body.d?.results ?? []) as Json[]).filter((c) => c.ContactID && c.AccountID).map((c) => ({ contact: String(c.ContactID), account: String(c.AccountID) }));
  }

  /** The user's default To Do list (where a user's own tasks go). */
  async defaultTaskListId(userId: string): Promise<string> {
    const page = await retrying('Graph lists', () => this.graphOk('GET', `/users/${userId}/todo/lists`));
    const list = ((page.value ?? []) as Json[]).find((l) => l.wellknownListName === 'defaultList');
    if (!list) throw new Error(`no default To Do list for ${userId}`);
    return String(list.id);
  }

  /** Every To Do task of a user (in any list) whose title starts with `prefix`, with its list. */
  async todoTasks(userId: string, prefix: string): Promise<SideTask[]> {
    const found: SideTask[] = [];
    const lists = await retrying('Graph lists', () => this.graphOk('GET', `/users/${userId}/todo/lists`));
    for (const list of (lists.value ?? []) as Json[]) {
      let path: string | null = `/users/${userId}/todo/lists/${String(list.id)}/tasks?$top=500`;
      while (path) {
        const page: Json = await retrying('Graph tasks', () => this.graphOk('GET', path as string));
        for (const t of (page.value ?? []) as Json[]) {
          if (String(t.title ?? '').startsWith(prefix)) found.push({ id: String(t.id), listId: String(list.id), userId, subject: String(t.title), categories: (t.categories ?? []) as string[] });
        }
        const next = page['@odata.nextLink'] as string | undefined;
        path = next ? next.slice(next.indexOf('/v1.0') + 5) : null;
      }
    }
    return found;
  }

  /** C4C tasks whose subject starts with `prefix` (Status 4 = cancelled). */
  async crmTasks(prefix: string): Promise<SideActivity[]> {
    const filter = encodeURIComponent(`startswith(Subject,'${prefix}')`);
    const body = await retrying('C4C tasks', () => this.c4cOk('GET', `TasksCollection?$filter=${filter}&$top=5000&$select=ObjectID,Subject,Status`));
    return ((body.d?.results ?? []) as Json[]).map((a) => ({ objectId: String(a.ObjectID), subject: String(a.Subject ?? ''), status: String(a.Status ?? ''), groupwareItemId: '', mainAccountPartyId: '' }));
  }

  async accountIds(count: number): Promise<string[]> {
    const body = await retrying('C4C accounts', () => this.c4cOk('GET', `CorporateAccountCollection?$top=${count}&$select=AccountID`));
    return ((body.d?.results ?? []) as Json[]).map((a) => String(a.AccountID));
  }
}
