// The soak's random edits of contacts and sync lists (R14): a C4C contact is made and put on a demo user's sync list
// through the service's /api (as the task pane does), its last name edited on both sides, taken off the list, its
// Outlook copy deleted, the record blocked in C4C; now and then a user edits the copy of a colleague's employee record,
// which the service must revert (R9). Every contact's last name starts with its unique tag, so the checker finds both
// sides by it, as it does calendar items and tasks by subject.
import type { DemoUser } from '../../src/sandbox/common/demo-tenant.js';
import { DEMO_TENANT } from '../../src/sandbox/common/demo-tenant.js';
import type { Json } from '../../test/support/sync-harness-http.js';
import { retrying, type SoakSides } from './clients.js';
import type { TrackedItem } from './edits.js';

export type ContactEditKind = 'createContact' | 'updateOutlookContact' | 'updateCrmContact' | 'unlistContact' | 'deleteOutlookContact' | 'blockCrmContact' | 'editEmployeeCopy';

export const CONTACT_WEIGHTS: [ContactEditKind, number][] = [
  ['createContact', 2], ['updateOutlookContact', 3], ['updateCrmContact', 3], ['unlistContact', 1], ['deleteOutlookContact', 1], ['blockCrmContact', 1], ['editEmployeeCopy', 1],
];

/** The service's contact folder (CONTACT_FOLDER_NAME's default). */
export const CONTACT_FOLDER = 'SAP Cloud for Customer';

/** An employee copy a user edited in Outlook: the copy must show the employee's C4C name again. */
export interface EmployeeEdit {
  user: DemoUser;
  colleague: DemoUser;
  /** The copy's Outlook id, and the last name the user gave it. */
  copyId: string;
  edited: string;
}

export interface SideContact {
  id: string;
  userId: string;
  surname: string;
  categories: string[];
}

/** The user's contacts in the service's folder (none while the folder does not exist yet). */
export async function folderContacts(sides: SoakSides, userId: string): Promise<SideContact[]> {
  const folders = await retrying('Graph contact folders', () => sides.graph.request('GET', `/users/${userId}/contactFolders?$top=100`));
  const folder = ((folders.body.value ?? []) as Json[]).find((f) => String(f.displayName).toLowerCase() === CONTACT_FOLDER.toLowerCase());
  if (!folder) return [];
  const found: SideContact[] = [];
  let path: string | null = `/users/${userId}/contactFolders/${String(folder.id)}/contacts?$top=500`;
  while (path) {
    const page: Json = (await retrying('Graph contacts', () => sides.graph.request('GET', path as string))).body;
    for (const c of (page.value ?? []) as Json[]) found.push({ id: String(c.id), userId, surname: String(c.surname ?? ''), categories: (c.categories ?? []) as string[] });
    const next = page['@odata.nextLink'] as string | undefined;
    path = next ? next.slice(next.indexOf('/v1.0') + 5) : null;
  }
  return found;
}

/** C4C contacts whose last name starts with `prefix`: their status is StatusCode (3 blocked, 4 obsolete). */
export async function crmContacts(sides: SoakSides, prefix: string): Promise<{ objectId: string; contactId: string; surname: string; status: string }[]> {
  const filter = encodeURIComponent(`startswith(LastName,'${prefix}')`);
  const body = await sides.c4cWrite('GET', `ContactCollection?$filter=${filter}&$top=5000&$select=ObjectID,ContactID,LastName,StatusCode`);
  return ((body.d?.results ?? []) as Json[]).map((c) => ({ objectId: String(c.ObjectID), contactId: String(c.ContactID), surname: String(c.LastName ?? ''), status: String(c.StatusCode ?? '') }));
}

export class ContactEdits {
  readonly employeeEdits: EmployeeEdit[] = [];

  constructor(
    private readonly sides: SoakSides,
    private readonly serviceUrl: string,
    private readonly graphUrl: string,
    private readonly users: readonly DemoUser[],
    private readonly random: () => number,
  ) {}

  /** A call of the service's /api as `user` (a token from the Graph sandbox's identity, as the pane gets one). */
  async api(user: DemoUser, method: string, path: string, body?: unknown): Promise<Json> {
    return retrying(`service ${method} ${path}`, async () => {
      const q = new URLSearchParams({ user: user.mail, aud: DEMO_TENANT.serviceApp.appIdUri });
      const token = ((await (await fetch(`${this.graphUrl}/_sandbox/token?${q}`)).json()) as { access_token: string }).access_token;
      const res = await fetch(`${this.serviceUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      if (res.status >= 300) throw new Error(`service ${method} ${path}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      return res.status === 204 ? {} : ((await res.json()) as Json);
    });
  }

  private async copyOf(item: TrackedItem): Promise<string | null> {
    if (item.eventId) return item.eventId;
    const copy = (await folderContacts(this.sides, item.user.id)).find((c) => c.surname.startsWith(item.tag));
    item.eventId = copy?.id ?? null;
    return item.eventId;
  }

  /** A new C4C contact on the item's user's list (`item` is fresh, of the contacts family). */
  async create(item: TrackedItem): Promise<boolean> {
    const created = await this.sides.c4cWrite('POST', 'ContactCollection', { FirstName: 'Soak', LastName: item.lastCrmSubject, Email: `${item.tag.replace(/\W/g, '')}@soak.example`, StatusCode: '2' });
    const d = created.d as Json | undefined;
    item.objectId = String(d?.ObjectID ?? '') || null;
    item.listId = String(d?.ContactID ?? '') || null;
    if (!item.listId) return false;
    await this.api(item.user, 'POST', '/api/sync-list', { type: 'contact', c4cId: item.listId });
    return true;
  }

  /** An edit of a live contact; false when it does not apply to this one. */
  async edit(kind: Exclude<ContactEditKind, 'createContact' | 'editEmployeeCopy'>, item: TrackedItem): Promise<boolean> {
    if (kind === 'updateCrmContact' || kind === 'blockCrmContact') {
      if (!item.objectId) return false;
      const path = `ContactCollection('${item.objectId}')`;
      if (kind === 'updateCrmContact') {
        const surname = `${item.tag} v${++item.version}`;
        await this.sides.c4cWrite('PATCH', path, { LastName: surname });
        item.lastCrmSubject = surname;
        item.lastEditSide = 'crm';
      } else {
        await this.sides.c4cWrite('PATCH', path, { StatusCode: '3' });
        item.state = 'cancelledInCrm';
      }
      return true;
    }
    if (kind === 'unlistContact') {
      await this.api(item.user, 'DELETE', `/api/sync-list/contact/${encodeURIComponent(item.listId ?? '')}`);
      item.state = 'untagged';
      return true;
    }
    const copyId = await this.copyOf(item);
    if (!copyId) return false;
    if (kind === 'updateOutlookContact') {
      const surname = `${item.tag} v${++item.version}`;
      await this.sides.graphWrite('PATCH', `/users/${item.user.id}/contacts/${copyId}`, { surname });
      item.lastOutlookSubject = surname;
      item.lastEditSide = 'outlook';
    } else {
      await this.sides.graphWrite('DELETE', `/users/${item.user.id}/contacts/${copyId}`);
      item.state = 'deletedInOutlook';
    }
    return true;
  }

  /** A user puts a colleague's employee record on the list (once) and edits its copy's last name in Outlook. */
  async editEmployeeCopy(tagPrefix: string): Promise<boolean> {
    const user = this.users[Math.floor(this.random() * this.users.length)];
    const colleague = this.users.find((u) => u.id !== user?.id);
    if (!user || !colleague) return false;
    const existing = this.employeeEdits.find((e) => e.user.id === user.id);
    if (!existing) await this.api(user, 'POST', '/api/sync-list', { type: 'employee', c4cId: colleague.c4cEmployeeId });
    const copies = await retrying('Graph contacts', async () => {
      const found = (await folderContacts(this.sides, user.id)).filter((c) => c.categories.includes('Employee'));
      if (found.length === 0) throw new Error('the employee copy is not there yet');
      return found;
    }, 4).catch(() => []);
    const [copy] = copies;
    if (!copy) return false;
    const edited = `${tagPrefix}employee edit ${Math.floor(this.random() * 1000)}`;
    await this.sides.graphWrite('PATCH', `/users/${user.id}/contacts/${copy.id}`, { surname: edited });
    const record = { user, colleague, copyId: copy.id, edited };
    if (existing) Object.assign(existing, record);
    else this.employeeEdits.push(record);
    return true;
  }
}
