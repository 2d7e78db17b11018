// Reading a mailbox's contacts for the contact family (R14): the service's contact folder (found by name, created
// when missing, never twice at once), the folder's delta (`contactFolders/{id}/contacts/delta`, nextLinks followed,
// `@removed` entries, a stale link read in full again), and contacts by id. Every read expands the two extended
// properties the family needs (normalize-graph-contact.ts: the sensitivity and the record property). Reads by id go
// through $batch, 20 to a round trip.
import type { PortError } from '../../domain/errors.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { OutlookContactPresent } from '../../domain/contact-item.js';
import { CONTACT_EXTENDED_PROPERTY_IDS, normalizeGraphContact, type GraphContact } from '../../domain/normalize-graph-contact.js';
import type { GroupwareItem } from '../../domain/snapshots.js';
import { inProcessOnly, type RunExclusive } from '../../ports/exclusive.js';
import { PortFailure } from '../../ports/write-results.js';
import { runBatched } from './batch.js';
import { retryAfterOf, userPath } from './event-reads.js';
import { portErrorOf } from './graph-errors.js';
import type { GraphHttp } from './graph-http.js';

/** Pages a delta round may take before the read gives up (a million contacts at Graph's 200 a page). */
const MAX_DELTA_PAGES = 5000;

/** `$expand` of the extended properties of a contact the family reads. */
export function contactExpandQuery(): string {
  const filter = CONTACT_EXTENDED_PROPERTY_IDS.map((id) => `id eq '${id}'`).join(' or ');
  return `$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=${filter})`)}`;
}

export const contactFoldersPath = (userId: string) => `${userPath(userId)}/contactFolders`;
export const contactPath = (userId: string, contactId: string) => `${userPath(userId)}/contacts/${encodeURIComponent(contactId)}`;

function failure(response: { status: number; body: unknown; headers: Record<string, string> }): PortFailure {
  return new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
}

/** The mailbox's contact folder for the service's copies: found by name (any case), else created. One look-up at a time per mailbox. */
export class ContactFolders {
  private readonly ids = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly http: GraphHttp,
    private readonly exclusive: RunExclusive = inProcessOnly,
  ) {}

  ensure(mailbox: Mailbox, displayName: string): Promise<string> {
    const known = this.ids.get(`${mailbox.mailboxId}\u0000${displayName}`);
    if (known) return Promise.resolve(known);
    const running = this.inFlight.get(mailbox.mailboxId);
    if (running) return running;
    // Another process (a second worker's session or subscription keeper) may be making the folder right now.
    const work = this.exclusive(`contact-folder:${mailbox.mailboxId}`, () => this.lookUp(mailbox, displayName)).finally(() => this.inFlight.delete(mailbox.mailboxId));
    this.inFlight.set(mailbox.mailboxId, work);
    return work;
  }

  /** The folder's id when the mailbox has it (found before, or by name now), else null: makes nothing. */
  async find(mailbox: Mailbox, displayName: string): Promise<string | null> {
    const known = this.ids.get(`${mailbox.mailboxId}\u0000${displayName}`);
    if (known) return known;
    const userId = this.http.options.userIdOf(mailbox);
    const scope = userId.toLowerCase();
    const wanted = displayName.trim().toLowerCase();
    let url: string | undefined = `${contactFoldersPath(userId)}?$select=id,displayName&$top=100`;
    for (let page = 0; url !== undefined && page < 100; page += 1) {
      const response = await this.http.send(scope, { method: 'GET', url });
      if (response.status !== 200) throw failure(response);
      const body = response.body as { value?: { id: string; displayName?: string }[]; '@odata.nextLink'?: string };
      const found = body.value?.find((f) => (f.displayName ?? '').trim().toLowerCase() === wanted);
      if (found) return found.id;
      url = body['@odata.nextLink'];
    }
    return null;
  }

  private async lookUp(mailbox: Mailbox, displayName: string): Promise<string> {
    const userId = this.http.options.userIdOf(mailbox);
    const scope = userId.toLowerCase();
    const found = await this.find(mailbox, displayName);
    if (found) return this.keep(mailbox, displayName, found);
    const created = await this.http.send(scope, { method: 'POST', url: contactFoldersPath(userId), body: { displayName } });
    const id = (created.body as { id?: unknown } | undefined)?.id;
    if (created.status !== 201 || typeof id !== 'string') throw failure(created);
    this.http.options.logger.info({ mailboxId: mailbox.mailboxId }, 'created the contact folder for C4C records');
    return this.keep(mailbox, displayName, id);
  }

  private keep(mailbox: Mailbox, displayName: string, id: string): string {
    this.ids.set(`${mailbox.mailboxId}\u0000${displayName}`, id);
    return id;
  }
}

export interface ContactChanges {
  items: GroupwareItem<OutlookContactPresent>[];
  /** The deltaLink to store with the work done on `items`. */
  nextCursor: string;
  /** True when the folder was read whole (no cursor, or Graph no longer knew it: 410). */
  full: boolean;
}

/** The folder's contacts changed since `cursor` (a deltaLink), or all of them when it is null or stale. */
export async function readContactChanges(http: GraphHttp, mailbox: Mailbox, folderId: string, cursor: string | null, pageSize = 200): Promise<ContactChanges> {
  const userId = http.options.userIdOf(mailbox);
  const scope = userId.toLowerCase();
  const start = `${contactFoldersPath(userId)}/${encodeURIComponent(folderId)}/contacts/delta?${contactExpandQuery()}`;
  let url = cursor ?? start;
  let full = cursor === null;
  const items: GroupwareItem<OutlookContactPresent>[] = [];
  for (let page = 0; page < MAX_DELTA_PAGES; page += 1) {
    const response = await http.send(scope, { method: 'GET', url, headers: { prefer: `odata.maxpagesize=${pageSize}` } });
    if (response.status === 410 && !full) {
      // Graph lost the sync state: read the folder whole again, as a first time.
      http.options.logger.info({ mailboxId: mailbox.mailboxId }, 'contact delta link expired; reading the folder in full');
      items.length = 0;
      url = start;
      full = true;
      continue;
    }
    if (response.status !== 200) throw failure(response);
    const body = response.body as { value?: GraphContact[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    for (const contact of body.value ?? []) items.push(normalizeGraphContact({ ...contact, parentFolderId: contact.parentFolderId ?? folderId }));
    if (body['@odata.nextLink']) url = body['@odata.nextLink'];
    else if (body['@odata.deltaLink']) return { items, nextCursor: body['@odata.deltaLink'], full };
    else throw new PortFailure({ code: 'temporary', message: 'Graph contact delta page without a next or delta link' });
  }
  throw new PortFailure({ code: 'temporary', message: `Graph contact delta did not end after ${MAX_DELTA_PAGES} pages` });
}

/** What a GET of one contact found: the contact (or removed), or the error of that read alone. */
export type ContactReadOutcome = GroupwareItem<OutlookContactPresent> | PortError;

export const isContactReadError = (outcome: ContactReadOutcome | undefined): outcome is PortError => !!outcome && 'code' in outcome;

/** Contacts by id, one outcome per id (GETs batched 20 at a time); ids Graph no longer has come back removed. */
export async function readContactOutcomes(http: GraphHttp, mailbox: Mailbox, ids: readonly string[]): Promise<Map<string, ContactReadOutcome>> {
  const userId = http.options.userIdOf(mailbox);
  const unique = [...new Set(ids)];
  const responses = await runBatched(http, userId.toLowerCase(), unique.map((id) => ({ method: 'GET' as const, url: `${contactPath(userId, id)}?${contactExpandQuery()}` })));
  const found = new Map<string, ContactReadOutcome>();
  responses.forEach((response, i) => {
    const id = unique[i]!;
    if (response.status === 404) found.set(id, { removed: true, id });
    else if (response.status === 200) found.set(id, normalizeGraphContact(response.body as GraphContact));
    else found.set(id, portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
  });
  return found;
}

/** Contacts by id; ids Graph no longer has come back removed. A failed read fails them all (the port's getItems). */
export async function readContactsById(http: GraphHttp, mailbox: Mailbox, ids: readonly string[]): Promise<GroupwareItem<OutlookContactPresent>[]> {
  const out: GroupwareItem<OutlookContactPresent>[] = [];
  for (const outcome of (await readContactOutcomes(http, mailbox, ids)).values()) {
    if (isContactReadError(outcome)) throw new PortFailure(outcome);
    out.push(outcome);
  }
  return out;
}
