// The sandbox's in-memory Exchange: users, their mailboxes (events, master categories, transactionIds) and a
// store-wide change sequence. Every write bumps the sequence, the item's changeKey and lastModifiedDateTime and is
// announced to listeners (change notifications); deletes leave tombstones for delta queries.
import type { DemoUser } from '../../common/demo-tenant.js';
import { SnapshotShapeError, field, isArray, isNumber, isRecord, isString } from '../../common/state-json.js';
import { IdSource } from '../ids.js';
import type { DeletedItem, EventFields, StoredEvent, StoredKind } from '../model.js';
import { isoNoMillis } from '../time.js';
import { defaultContactFolder, type StoredContactFolder } from '../contacts/contact-model.js';
import { defaultTodoList, type StoredTodoList } from '../todo/todo-model.js';

export interface OutlookCategory {
  id: string;
  displayName: string;
  color: string;
}

export interface Tombstone {
  id: string;
  seq: number;
  /** A deleted series master, kept so delta can report its occurrences as removed. */
  master?: StoredEvent;
}

export interface Mailbox {
  user: DemoUser;
  calendarId: string;
  events: Map<string, StoredEvent>;
  tombstones: Tombstone[];
  categories: Map<string, OutlookCategory>;
  /** transactionId → event id, for idempotent creates. */
  transactions: Map<string, string>;
  /** Microsoft To Do lists (todoTaskList) by id; every mailbox starts with its default list "Tasks". */
  todoLists: Map<string, StoredTodoList>;
  /** Outlook contact folders by id, each with its contacts; every mailbox starts with its default folder "Contacts". */
  contactFolders: Map<string, StoredContactFolder>;
  /** The Deleted Items folder: events the user deleted, by their id there (deleted-items.ts). */
  deletedItems: Map<string, DeletedItem>;
}

/** A mailbox with its collections empty (and its default To Do list and contact folder). */
function emptyMailbox(user: DemoUser): Mailbox {
  const list = defaultTodoList(user.id);
  const contacts = defaultContactFolder(user.id);
  return {
    user,
    calendarId: `AAMkCal${Buffer.from(user.id).toString('base64url')}`,
    events: new Map(),
    tombstones: [],
    categories: new Map(),
    transactions: new Map(),
    todoLists: new Map([[list.id, list]]),
    contactFolders: new Map([[contacts.id, contacts]]),
    deletedItems: new Map(),
  };
}

/** The store as data for the sandbox's state file (../../common/state-file.ts). */
export interface GraphStoreSnapshot {
  users: readonly DemoUser[];
  sequence: number;
  idPosition: number;
  /** Each mailbox's fields but `user`, as they are (Maps and Sets included), with its user's id. */
  mailboxes: Array<{ userId: string } & Omit<Mailbox, 'user'>>;
}

const kindOf = (v: unknown): string =>
  v instanceof Map ? 'Map' : v instanceof Set ? 'Set' : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;

export type ChangeType = 'created' | 'updated' | 'deleted';
export interface ChangeRecord {
  mailboxId: string;
  /** The changed item's id (an event, a To Do task when `listId` is set, a contact when `contactFolderId` is). */
  eventId: string;
  /** Set for To Do tasks: the todoTaskList the task is in. */
  listId?: string;
  /** Set for contacts: the contact folder the contact is (or was, for deletes and moves) in. */
  contactFolderId?: string;
  changeType: ChangeType;
  changeKey?: string;
}

export interface NewEvent {
  kind: StoredKind;
  fields: EventFields;
  id?: string;
  iCalUId?: string;
  seriesMasterId?: string;
  originalStart?: number;
  transactionId?: string;
  isOrganizer: boolean;
  extendedProperties?: Map<string, string>;
}

export class GraphStore {
  ids: IdSource;
  readonly mailboxes = new Map<string, Mailbox>();
  private sequence = 0;
  private readonly listeners = new Set<(change: ChangeRecord) => void>();

  /** The tenant's users in directory order: the initial ones, then any added with addUsers (until clear). */
  private userList: DemoUser[] = [];
  /** Users by lower-case id and by mail, so /users/{id|upn} stays O(1) in a tenant of thousands. */
  private readonly userIndex = new Map<string, DemoUser>();

  constructor(
    private readonly initialUsers: readonly DemoUser[],
    private readonly seed: string,
    readonly now: () => number = Date.now,
  ) {
    this.ids = new IdSource(seed);
    this.clear();
  }

  get users(): readonly DemoUser[] {
    return this.userList;
  }

  /** Empties every mailbox, goes back to the initial users and restarts ids and the change sequence (a reseed then repeats exactly). */
  clear(): void {
    this.ids = new IdSource(this.seed);
    this.sequence = 0;
    this.mailboxes.clear();
    this.userList = [];
    this.userIndex.clear();
    this.addUsers(this.initialUsers);
  }

  /** Adds users with empty mailboxes; those already present (same id) are left as they are. Returns how many were new. */
  addUsers(users: readonly DemoUser[]): number {
    let added = 0;
    for (const user of users) {
      if (this.mailboxes.has(user.id)) continue;
      this.userList.push(user);
      this.userIndex.set(user.id.toLowerCase(), user);
      this.userIndex.set(user.mail.toLowerCase(), user);
      this.mailboxes.set(user.id, emptyMailbox(user));
      added += 1;
    }
    return added;
  }

  /**
   * The store as data, for the sandbox's state file. Every field of a mailbox goes in as it is, so a collection
   * added to Mailbox (and to emptyMailbox) is saved and restored with no more code; snapshots taken before it
   * existed restore it empty. Serialize it at once: it shares the live objects.
   */
  snapshot(): GraphStoreSnapshot {
    return {
      users: this.userList,
      sequence: this.sequence,
      idPosition: this.ids.position,
      mailboxes: [...this.mailboxes.values()].map(({ user, ...fields }) => ({ userId: user.id, ...fields })),
    };
  }

  /** Replaces everything with a snapshot(); throws SnapshotShapeError when it does not fit this store. */
  restore(data: unknown): void {
    const users = field(data, 'users', isArray, 'a list of users');
    const sequence = field(data, 'sequence', isNumber, 'a number');
    const idPosition = field(data, 'idPosition', isNumber, 'a number');
    const mailboxes = field(data, 'mailboxes', isArray, 'a list of mailboxes');
    if (!users.every((u) => isRecord(u) && typeof u['id'] === 'string' && typeof u['mail'] === 'string')) {
      throw new SnapshotShapeError('a user has no id or mail');
    }
    this.clear();
    this.mailboxes.clear();
    this.userList = [];
    this.userIndex.clear();
    this.addUsers(users as DemoUser[]);
    for (const saved of mailboxes) {
      const userId = field(saved, 'userId', isString, 'a user id');
      const mailbox = this.mailboxes.get(userId);
      if (!mailbox) throw new SnapshotShapeError(`a mailbox belongs to no saved user (${userId})`);
      const { userId: _userId, ...fields } = saved as Record<string, unknown>;
      const fresh = mailbox as unknown as Record<string, unknown>;
      for (const [name, value] of Object.entries(fields)) {
        // A field this version does not know (a newer sandbox's) would be lost at the next save: refuse instead.
        if (!(name in fresh) || name === 'user') throw new SnapshotShapeError(`mailboxes hold '${name}', which this version does not know`);
        if (kindOf(value) !== kindOf(fresh[name])) throw new SnapshotShapeError(`mailbox field '${name}' is a ${kindOf(value)}, not a ${kindOf(fresh[name])}`);
      }
      Object.assign(mailbox, fields);
    }
    this.sequence = sequence;
    this.ids.resumeAt(idPosition);
  }

  get seq(): number {
    return this.sequence;
  }

  onChange(listener: (change: ChangeRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A user by object id or UPN/mail (case-insensitive), as Graph resolves /users/{id|upn}. */
  findUser(idOrUpn: string): DemoUser | undefined {
    return this.userIndex.get(idOrUpn.toLowerCase());
  }

  findMailbox(idOrUpn: string): Mailbox | undefined {
    const user = this.findUser(idOrUpn);
    return user ? this.mailboxes.get(user.id) : undefined;
  }

  mailboxOf(event: StoredEvent): Mailbox {
    const mailbox = this.mailboxes.get(event.mailboxId);
    if (!mailbox) throw new Error(`event ${event.id} belongs to no mailbox`);
    return mailbox;
  }

  /** A new store-wide version (change sequence, changeKey, timestamp) for any written item. */
  nextVersion(): { seq: number; changeKey: string; at: string } {
    this.sequence += 1;
    return { seq: this.sequence, changeKey: this.ids.changeKey(), at: isoNoMillis(this.now()) };
  }

  /** Announces a change to listeners (change notifications). */
  emit(change: ChangeRecord): void {
    for (const listener of this.listeners) listener(change);
  }

  insert(mailbox: Mailbox, init: NewEvent): StoredEvent {
    const version = this.nextVersion();
    const event: StoredEvent = {
      id: init.id ?? this.ids.eventId(),
      mailboxId: mailbox.user.id,
      kind: init.kind,
      seriesMasterId: init.seriesMasterId,
      originalStart: init.originalStart,
      iCalUId: init.iCalUId ?? this.ids.iCalUId(),
      changeKey: version.changeKey,
      createdDateTime: version.at,
      lastModifiedDateTime: version.at,
      seq: version.seq,
      transactionId: init.transactionId,
      fields: init.fields,
      extendedProperties: init.extendedProperties ?? new Map(),
      cancelledOccurrences: new Set(),
      isOrganizer: init.isOrganizer,
      responseStatus: init.isOrganizer
        ? { response: 'organizer', time: '0001-01-01T00:00:00Z' }
        : { response: 'notResponded', time: '0001-01-01T00:00:00Z' },
    };
    mailbox.events.set(event.id, event);
    if (init.transactionId) mailbox.transactions.set(init.transactionId, event.id);
    this.emit({ mailboxId: mailbox.user.id, eventId: event.id, changeType: 'created', changeKey: event.changeKey });
    return event;
  }

  /** Applies `mutate` and records a new version of the item. */
  touch(event: StoredEvent, mutate: (event: StoredEvent) => void = () => undefined): StoredEvent {
    mutate(event);
    const version = this.nextVersion();
    event.seq = version.seq;
    event.changeKey = version.changeKey;
    event.lastModifiedDateTime = version.at;
    this.emit({ mailboxId: event.mailboxId, eventId: event.id, changeType: 'updated', changeKey: event.changeKey });
    return event;
  }

  /** Removes an item (a series master takes its exceptions with it) and leaves tombstones. */
  remove(event: StoredEvent): void {
    const mailbox = this.mailboxOf(event);
    const version = this.nextVersion();
    mailbox.events.delete(event.id);
    mailbox.tombstones.push({ id: event.id, seq: version.seq, master: event.kind === 'seriesMaster' ? event : undefined });
    if (event.kind === 'seriesMaster') {
      for (const other of [...mailbox.events.values()]) {
        if (other.seriesMasterId === event.id) {
          mailbox.events.delete(other.id);
          mailbox.tombstones.push({ id: other.id, seq: version.seq });
        }
      }
    }
    this.emit({ mailboxId: mailbox.user.id, eventId: event.id, changeType: 'deleted' });
  }

  /**
   * Before a series is reshaped (pattern or times changed, or an item turned into or out of a series): a tombstone
   * of its current shape, so that delta reports the occurrences that no longer exist as removed.
   */
  tombstoneShape(event: StoredEvent): void {
    const mailbox = this.mailboxOf(event);
    const snapshot = event.kind === 'seriesMaster' ? structuredClone(event) : undefined;
    mailbox.tombstones.push({ id: event.id, seq: this.nextVersion().seq, master: snapshot });
  }

  /** Records that an occurrence id vanished (a deleted occurrence), for delta. */
  tombstoneOccurrence(mailbox: Mailbox, occurrenceId: string): void {
    mailbox.tombstones.push({ id: occurrenceId, seq: this.nextVersion().seq });
  }

  addCategory(mailbox: Mailbox, displayName: string, color: string): OutlookCategory {
    const category = { id: this.ids.categoryId(), displayName, color };
    mailbox.categories.set(category.id, category);
    return category;
  }
}
