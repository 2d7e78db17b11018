// The soak's random edits on both sides, and the model of what each tracked item should end up as. Every item's
// subject starts with a unique tag (`[soak-<run>-<n>]`), so the checker finds both sides of it by subject alone.
import { DEMO_USERS, type DemoUser } from '../../src/sandbox/common/demo-tenant.js';
import { DEFAULT_CATEGORIES } from '../../src/shared/categories.js';
import { linksProperty, type Json } from '../../test/support/sync-harness-http.js';
import type { SoakSides } from './clients.js';
import { TASK_WEIGHTS, TaskEdits, type TaskEditKind } from './task-edits.js';
import { CONTACT_WEIGHTS, type ContactEditKind, type ContactEdits } from './contact-edits.js';
import { GoogleEdits, type GoogleEditKind } from './google-edits.js';
import type { GoogleKind, GoogleSide } from './google-side.js';

export type ItemState = 'live' | 'untagged' | 'deletedInOutlook' | 'deletedInCrm' | 'cancelledInCrm';

export interface TrackedItem {
  tag: string;
  /** The item family: calendar items (events ↔ Appointments), tasks (To Do ↔ C4C Tasks) or contacts (R14). */
  family: 'calendar' | 'tasks' | 'contacts';
  origin: 'outlook' | 'crm';
  user: DemoUser;
  /** Where the user's calendar is: Microsoft 365 or Google Workspace (R10; their events count as the "outlook" side). */
  provider: 'outlook' | 'google';
  /** The C4C kind: Outlook items are Appointments; a Google event's calendar decides (moves switch it). */
  kind: GoogleKind;
  /** Moves between the two Google calendars: each cancels the old kind's record (R2). */
  kindSwitches: number;
  /** A private event (Google creates: a quarter are); R5 refuses it as a Visit. */
  private?: boolean;
  state: ItemState;
  /** Known ids (filled when we created that side or looked it up): the event, To Do task or contact copy, and its list (contacts: the record's ContactID, its sync list entry). */
  eventId: string | null;
  listId: string | null;
  objectId: string | null;
  version: number;
  lastOutlookSubject: string;
  lastCrmSubject: string;
  /** Which side made the most recent subject edit (both at creation: the origin). */
  lastEditSide: 'outlook' | 'crm';
  /** Account linked through the add-in's links property (Outlook-origin items only). */
  linkedAccount: string | null;
  /** Contact person linked with it (the primary contact link), shared meetings' links included. */
  linkedContact: string | null;
  /** Other soak users invited to the meeting (Outlook-origin items only): each mailbox holds a copy of it. */
  attendees: DemoUser[];
  /** The attendees who tagged their copy too (R8: it joins the activity, and must never blank its links). */
  taggedBy: string[];
}

export type CalendarEditKind = 'createOutlook' | 'createCrm' | 'updateOutlook' | 'updateCrm' | 'retag' | 'link' | 'tagAttendeeCopy' | 'deleteOutlook' | 'deleteCrm';
export type EditKind = CalendarEditKind | GoogleEditKind | TaskEditKind | ContactEditKind;

const CALENDAR_WEIGHTS: [CalendarEditKind, number][] = [
  ['createOutlook', 3], ['createCrm', 2], ['updateOutlook', 4], ['updateCrm', 4], ['retag', 1], ['link', 1], ['tagAttendeeCopy', 1], ['deleteOutlook', 1], ['deleteCrm', 1],
];
// The Google users' edits, in the same proportions as the Outlook calendar edits they stand for (create, update,
// delete), and moves between the two calendars as often as Outlook items are untagged. Drawn like any other kind;
// applied to a Google user's item (createGoogle picks a Google user).
const GOOGLE_WEIGHTS: [GoogleEditKind, number][] = [['createGoogle', 2], ['updateGoogle', 3], ['moveGoogle', 1], ['deleteGoogle', 1]];
const GOOGLE_KINDS = new Set<EditKind>(GOOGLE_WEIGHTS.map(([kind]) => kind));
const TASK_KINDS = new Set<EditKind>(TASK_WEIGHTS.map(([kind]) => kind));
const CONTACT_KINDS = new Set<EditKind>(CONTACT_WEIGHTS.map(([kind]) => kind));

const DAY = 86_400_000;
const isoAt = (days: number, hour: number) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + hour * 3_600_000).toISOString().slice(0, 19);

export class SoakEdits {
  readonly items: TrackedItem[] = [];
  readonly done: Record<string, number> = {};
  private next = 0;
  private readonly tasks: TaskEdits;
  private readonly weights: [EditKind, number][];
  private readonly google: GoogleEdits | null;
  /** The Microsoft 365 users: tasks, contacts and Outlook events are theirs. */
  private readonly outlookUsers: readonly DemoUser[];
  constructor(
    private readonly sides: SoakSides,
    readonly prefix: string,
    private readonly users: readonly DemoUser[],
    private readonly accounts: readonly string[],
    private readonly random: () => number,
    /** C4C-side removal: DELETE (hard) or cancel (LifeCycleStatusCode 4, what C4C users normally do). */
    private readonly hardDeletes = false,
    /** Whether tasks are in the mix (the service syncs the tasks family). */
    withTasks = true,
    /** Contacts and sync lists in the mix (the service syncs the contacts family). */
    private readonly contacts: ContactEdits | null = null,
    /** The Google Workspace users' side (their events replace Outlook's for them), or null without Google mailboxes. */
    private readonly googleSide: GoogleSide | null = null,
    /** Contact persons with their account, for contact links on Outlook items (shared meetings included). */
    private readonly contactLinks: readonly { contact: string; account: string }[] = [],
  ) {
    this.tasks = new TaskEdits(sides, random, hardDeletes);
    this.google = googleSide && googleSide.users.length > 0 ? new GoogleEdits(googleSide, random) : null;
    this.outlookUsers = users.filter((u) => !googleSide?.isGoogle(u));
    this.weights = [...CALENDAR_WEIGHTS, ...(this.google ? GOOGLE_WEIGHTS : []), ...(withTasks ? TASK_WEIGHTS : []), ...(contacts ? CONTACT_WEIGHTS : [])];
  }

  private pick<T>(xs: readonly T[]): T | undefined {
    return xs[Math.floor(this.random() * xs.length)];
  }

  private pickKind(): EditKind {
    const total = this.weights.reduce((n, [, w]) => n + w, 0);
    let roll = this.random() * total;
    for (const [kind, w] of this.weights) if ((roll -= w) < 0) return kind;
    return 'createOutlook';
  }

  /** One random edit; returns what it did (or null when no item fit, e.g. nothing to delete yet). */
  async step(): Promise<EditKind | null> {
    const kind = this.pickKind();
    const before = new Map(this.items.map((i) => [i.tag, fingerprint(i)]));
    const ok = await this.apply(kind);
    if (ok) {
      this.done[kind] = (this.done[kind] ?? 0) + 1;
      // What each edit did to which item, with its time: a violation is printed with its item's story.
      const at = new Date().toISOString().slice(11, 23);
      for (const item of this.items) {
        const now = fingerprint(item);
        if (before.get(item.tag) !== now) this.history.set(item.tag, [...(this.history.get(item.tag) ?? []), `${at} ${kind} → ${now}`]);
      }
    }
    return ok ? kind : null;
  }

  /** The edits made to an item, in order (time, edit, and the item's subject, side, state, kind and ids after it). */
  historyOf(tag: string): readonly string[] {
    return this.history.get(tag) ?? [];
  }

  private readonly history = new Map<string, string[]>();

  /**
   * A new item of a random user: `among` 'outlook' (Outlook events, tasks, contacts), 'google' (a Google user's
   * event), or 'any' (a C4C activity: it lands in the owner's Outlook or Google calendar).
   */
  private newItem(origin: 'outlook' | 'crm', family: TrackedItem['family'] = 'calendar', among: 'outlook' | 'google' | 'any' = 'outlook'): TrackedItem {
    const tag = `${this.prefix}${String(this.next++).padStart(4, '0')}]`;
    const pool = among === 'any' ? this.users : among === 'google' ? (this.googleSide?.users ?? []) : this.outlookUsers;
    const user = this.pick(pool) ?? (DEMO_USERS[0] as DemoUser);
    const provider = this.googleSide?.isGoogle(user) ? 'google' : 'outlook';
    const subject = `${tag} v0`;
    return { tag, family, origin, user, provider, kind: 'appointment', kindSwitches: 0, state: 'live', eventId: null, listId: null, objectId: null, version: 0, lastOutlookSubject: subject, lastCrmSubject: subject, lastEditSide: origin, linkedAccount: null, linkedContact: null, attendees: [], taggedBy: [] };
  }

  private async eventIdOf(item: TrackedItem): Promise<string | null> {
    if (item.eventId) return item.eventId;
    if (item.provider === 'google') {
      // A C4C-made item's event: the service chose its id and its calendar (the record's kind).
      const [event] = (await this.googleSide?.events(item.user, item.tag)) ?? [];
      if (event) item.kind = event.kind;
      item.eventId = event?.id ?? null;
      return item.eventId;
    }
    const [event] = await this.sides.outlookEvents(item.user.id, item.tag);
    item.eventId = event?.id ?? null;
    return item.eventId;
  }

  /** The item's live C4C record of its current kind (after a kind switch the old kind's record is cancelled). */
  private async objectIdOf(item: TrackedItem): Promise<string | null> {
    if (item.objectId) return item.objectId;
    const found = (await this.sides.crmActivities(item.tag, item.provider === 'google')).filter((a) => a.kind === item.kind && a.status !== '4');
    item.objectId = found[0]?.objectId ?? null;
    return item.objectId;
  }

  private async applyGoogle(kind: GoogleEditKind): Promise<boolean> {
    if (!this.google) return false;
    if (kind === 'createGoogle') {
      const item = this.newItem('outlook', 'calendar', 'google');
      await this.google.create(item);
      this.items.push(item);
      return true;
    }
    // One move per event: the Google sandbox refuses to move an event back into the calendar it left (409 duplicate,
    // as for any id the calendar has held; whether Google does so too is not documented), so a second switch would
    // only be a failed edit.
    const item = this.pick(this.items.filter((i) => i.state === 'live' && i.family === 'calendar' && i.provider === 'google' && (kind !== 'moveGoogle' || i.kindSwitches === 0)));
    return item ? this.google.edit(kind, item, (i) => this.eventIdOf(i)) : false;
  }

  private async apply(kind: EditKind): Promise<boolean> {
    if (TASK_KINDS.has(kind)) return this.applyTask(kind as TaskEditKind);
    if (CONTACT_KINDS.has(kind)) return this.applyContact(kind as ContactEditKind);
    if (GOOGLE_KINDS.has(kind)) return this.applyGoogle(kind as GoogleEditKind);
    // Outlook's own edits take Outlook items; C4C's edits take any calendar item, Google users' too.
    const crmSide = kind === 'updateCrm' || kind === 'deleteCrm';
    const live = this.items.filter((i) => i.state === 'live' && i.family === 'calendar' && (crmSide || i.provider === 'outlook'));
    if (kind === 'createOutlook') {
      const item = this.newItem('outlook');
      const day = 1 + Math.floor(this.random() * 20);
      // A third of them are meetings with one to three other synced users, whose mailboxes get copies (R8).
      const others = this.outlookUsers.filter((u) => u.id !== item.user.id);
      const invited = this.random() < 0.34 ? 1 + Math.floor(this.random() * 3) : 0;
      for (let i = 0; i < invited && others.length > 0; i += 1) item.attendees.push(...others.splice(Math.floor(this.random() * others.length), 1));
      const created = await this.sides.graphWrite('POST', `/users/${item.user.id}/events`, {
        ...(item.attendees.length > 0 ? { attendees: item.attendees.map((a) => ({ emailAddress: { address: a.mail, name: a.displayName }, type: 'required' })) } : {}),
        subject: item.lastOutlookSubject,
        // Body and location carry the tag too: the privacy scan after the soak looks for it in every table.
        body: { contentType: 'text', content: `${item.tag} agenda` },
        location: { displayName: `${item.tag} room` },
        start: { dateTime: isoAt(day, 9), timeZone: 'UTC' },
        end: { dateTime: isoAt(day, 10), timeZone: 'UTC' },
        categories: [DEFAULT_CATEGORIES.appointment],
        transactionId: item.tag,
      });
      item.eventId = String(created.id);
      this.items.push(item);
      return true;
    }
    if (kind === 'createCrm') {
      // Owned by any user: a Google user's lands in their "SAP Appointments" calendar (R10).
      const item = this.newItem('crm', 'calendar', 'any');
      const day = 1 + Math.floor(this.random() * 20);
      const created = await this.sides.c4cWrite('POST', 'AppointmentCollection', {
        Subject: item.lastCrmSubject,
        Location: `${item.tag} room`,
        StartDate: `${isoAt(day, 14)}Z`,
        EndDate: `${isoAt(day, 15)}Z`,
        StartDatetimeZoneCode: 'UTC',
        EnddatetimeZoneCode: 'UTC',
        LifeCycleStatusCode: '1',
        OwnerPartyID: item.user.c4cEmployeeId,
        OrganizerPartyID: item.user.c4cEmployeeId,
      });
      item.objectId = String((created.d as Json | undefined)?.ObjectID ?? '') || null;
      this.items.push(item);
      return true;
    }
    if (kind === 'tagAttendeeCopy') {
      // An attendee tags their copy of a shared meeting, which has no links (custom properties do not travel).
      const item = this.pick(live.filter((i) => i.attendees.some((a) => !i.taggedBy.includes(a.id))));
      const attendee = item && this.pick(item.attendees.filter((a) => !item.taggedBy.includes(a.id)));
      if (!item || !attendee) return false;
      const [copy] = await this.sides.outlookEvents(attendee.id, item.tag);
      if (!copy) return false;
      await this.sides.graphWrite('PATCH', `/users/${attendee.id}/events/${copy.id}`, { categories: [DEFAULT_CATEGORIES.appointment] });
      item.taggedBy.push(attendee.id);
      return true;
    }
    // Half the links go onto shared meetings: the organizer's link must reach the one activity whoever tagged a copy.
    const shared = live.filter((i) => i.attendees.length > 0);
    const item = kind === 'link' && shared.length > 0 && this.random() < 0.5 ? this.pick(shared) : this.pick(live);
    if (!item) return false;
    switch (kind) {
      case 'updateOutlook':
      case 'retag':
      case 'link':
      case 'deleteOutlook': {
        const eventId = await this.eventIdOf(item);
        if (!eventId) return false;
        const path = `/users/${item.user.id}/events/${eventId}`;
        if (kind === 'updateOutlook') {
          const subject = `${item.tag} v${++item.version}`;
          await this.sides.graphWrite('PATCH', path, { subject });
          item.lastOutlookSubject = subject;
          item.lastEditSide = 'outlook';
        } else if (kind === 'retag') {
          await this.sides.graphWrite('PATCH', path, { categories: [] });
          item.state = 'untagged';
        } else if (kind === 'link') {
          if (item.origin !== 'outlook') return false;
          // Half the links name a contact person too (with the account they work for): both must reach the activity.
          const person = this.random() < 0.5 ? this.pick(this.contactLinks) : undefined;
          const account = person?.account ?? this.pick(this.accounts);
          if (!account) return false;
          const links = [{ type: 'account' as const, id: account, primary: true }, ...(person ? [{ type: 'contact' as const, id: person.contact, primary: true }] : [])];
          await this.sides.graphWrite('PATCH', path, { singleValueExtendedProperties: linksProperty(links) });
          item.linkedAccount = account;
          item.linkedContact = person?.contact ?? null;
        } else {
          await this.sides.graphWrite('DELETE', path);
          item.state = 'deletedInOutlook';
        }
        return true;
      }
      case 'updateCrm':
      case 'deleteCrm': {
        if (kind === 'deleteCrm' && item.origin !== 'crm') return false;
        const objectId = await this.objectIdOf(item);
        if (!objectId) return false;
        // A Google user's event in "SAP Visits" is a Visit, whose status field is Status.
        const record = `${item.kind === 'visit' ? 'VisitCollection' : 'AppointmentCollection'}('${objectId}')`;
        if (kind === 'updateCrm') {
          const subject = `${item.tag} v${++item.version}`;
          await this.sides.c4cWrite('PATCH', record, { Subject: subject });
          item.lastCrmSubject = subject;
          item.lastEditSide = 'crm';
        } else if (this.hardDeletes) {
          await this.sides.c4cWrite('DELETE', record);
          item.state = 'deletedInCrm';
        } else {
          await this.sides.c4cWrite('PATCH', record, item.kind === 'visit' ? { Status: '4' } : { LifeCycleStatusCode: '4' });
          item.state = 'cancelledInCrm';
        }
        return true;
      }
      default:
        return false;
    }
  }

  private async applyTask(kind: TaskEditKind): Promise<boolean> {
    if (kind === 'createTodo' || kind === 'createCrmTask') {
      const item = this.newItem(kind === 'createTodo' ? 'outlook' : 'crm', 'tasks');
      if (!(await this.tasks.create(kind, item))) return false;
      this.items.push(item);
      return true;
    }
    const item = this.pick(this.items.filter((i) => i.state === 'live' && i.family === 'tasks'));
    return item ? this.tasks.edit(kind, item) : false;
  }

  private async applyContact(kind: ContactEditKind): Promise<boolean> {
    if (!this.contacts) return false;
    if (kind === 'editEmployeeCopy') return this.contacts.editEmployeeCopy(this.prefix);
    if (kind === 'createContact') {
      const item = this.newItem('crm', 'contacts');
      if (!(await this.contacts.create(item))) return false;
      this.items.push(item);
      return true;
    }
    const item = this.pick(this.items.filter((i) => i.state === 'live' && i.family === 'contacts'));
    return item ? this.contacts.edit(kind, item) : false;
  }
}

/** What the soak tracks of an item, in one line: its last subjects, which side edited last, its state, kind and ids. */
function fingerprint(item: TrackedItem): string {
  const subject = item.lastEditSide === 'outlook' ? item.lastOutlookSubject : item.lastCrmSubject;
  return `${subject} (${item.lastEditSide}) ${item.state} ${item.kind} event=${item.eventId ?? '-'} record=${item.objectId ?? '-'}`;
}
