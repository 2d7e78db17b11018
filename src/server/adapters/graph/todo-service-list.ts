// The mailbox's service list: the To Do list that takes the tasks made in C4C (its name is a setting). Found by a
// stored id, else by name (case-insensitive, lists the mailbox owns), else created; never a second one, also when
// two callers ask at once (one lookup per mailbox in flight, and one process at a time per mailbox). The id is kept per mailbox in memory and travels in
// the read cursor, so a restarted adapter learns it from the first readChanges.
import type { Mailbox } from '../../domain/mailbox.js';
import { inProcessOnly, type RunExclusive } from '../../ports/exclusive.js';
import { PortFailure } from '../../ports/write-results.js';
import { portErrorOf } from './graph-errors.js';
import type { GraphHttp } from './graph-http.js';
import { retryAfterOf } from './event-reads.js';
import { listExists, listTodoLists, listsPath } from './todo-reads.js';

export class ServiceLists {
  private readonly ids = new Map<string, { id: string; name: string | null }>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly http: GraphHttp,
    private readonly exclusive: RunExclusive = inProcessOnly,
  ) {}

  known(mailbox: Mailbox): string | null {
    return this.ids.get(mailbox.mailboxId)?.id ?? null;
  }

  nameOf(mailbox: Mailbox): string | null {
    return this.ids.get(mailbox.mailboxId)?.name ?? null;
  }

  /** Learns the id from a cursor (after a restart); a known id wins. */
  learn(mailbox: Mailbox, id: string | null): void {
    if (id && !this.ids.has(mailbox.mailboxId)) this.ids.set(mailbox.mailboxId, { id, name: null });
  }

  forget(mailbox: Mailbox): void {
    this.ids.delete(mailbox.mailboxId);
  }

  ensure(mailbox: Mailbox, displayName: string, storedId?: string | null): Promise<string> {
    const running = this.inFlight.get(mailbox.mailboxId);
    if (running) return running;
    // Another process (a second worker's session or subscription keeper) may be making the list right now.
    const work = this.exclusive(`todo-service-list:${mailbox.mailboxId}`, () => this.lookUp(mailbox, displayName, storedId ?? null)).finally(() => this.inFlight.delete(mailbox.mailboxId));
    this.inFlight.set(mailbox.mailboxId, work);
    return work;
  }

  private async lookUp(mailbox: Mailbox, displayName: string, storedId: string | null): Promise<string> {
    const userId = this.http.options.userIdOf(mailbox);
    const scope = userId.toLowerCase();
    const remembered = this.ids.get(mailbox.mailboxId);
    if (remembered && (remembered.name === null || remembered.name === displayName) && !storedId) return remembered.id;
    if (storedId && (await listExists(this.http, scope, userId, storedId))) return this.keep(mailbox, storedId, displayName);
    const found = await this.find(mailbox, displayName);
    if (found) return this.keep(mailbox, found, displayName);
    const response = await this.http.send(scope, { method: 'POST', url: listsPath(userId), body: { displayName } });
    const id = (response.body as { id?: unknown } | undefined)?.id;
    if (response.status !== 201 || typeof id !== 'string') throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
    this.http.options.logger.info({ mailboxId: mailbox.mailboxId }, 'created the To Do service list');
    return this.keep(mailbox, id, displayName);
  }

  /** The id of the mailbox's own list of that name, or null: a lookup that neither makes nor remembers anything. */
  async find(mailbox: Mailbox, displayName: string): Promise<string | null> {
    const userId = this.http.options.userIdOf(mailbox);
    const wanted = displayName.trim().toLowerCase();
    // The default list counts too: an admin who names it ("Tasks") syncs the user's own list, as Siebel does.
    const found = (await listTodoLists(this.http, userId.toLowerCase(), userId)).find((l) => l.isOwner && l.displayName.trim().toLowerCase() === wanted);
    return found?.id ?? null;
  }

  private keep(mailbox: Mailbox, id: string, name: string): string {
    this.ids.set(mailbox.mailboxId, { id, name });
    return id;
  }
}
