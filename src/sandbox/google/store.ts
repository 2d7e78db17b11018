// The Google sandbox's data: the Workspace users, every calendar (each user's primary one, whose id is their
// e-mail, and secondary ones `<random>@group.calendar.google.com`) with its events, the change sequence sync
// tokens compare against, and listeners told of every change (push channels). Access is by owner only: the
// sandbox's Workspace shares no calendar between users, so another user's calendar is "not found" (404), as
// Google answers for a calendar one cannot see.
import { randomBytes } from 'node:crypto';
import { SnapshotShapeError, isRecord } from '../common/state-json.js';
import { notFound } from './errors.js';
import type { GoogleUser, StoredCalendar, StoredEvent } from './model.js';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** A random base32hex id, the alphabet of Google's event ids. */
export function randomId(length = 26): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const b of bytes) id += BASE32HEX[b % 32];
  return id;
}

export class GoogleStore {
  users: GoogleUser[] = [];
  readonly calendars = new Map<string, StoredCalendar>();
  /** Bumped by every change of any event or calendar. */
  seq = 0;
  private lastEtag = 0;
  private order = 0;
  private readonly listeners: Array<(calendar: StoredCalendar) => void> = [];

  constructor(users: readonly GoogleUser[]) {
    this.setUsers(users);
  }

  setUsers(users: readonly GoogleUser[]): void {
    this.users = users.map((u) => ({ ...u, email: u.email.toLowerCase() }));
    for (const user of this.users) {
      if (!this.calendars.has(user.email)) this.addCalendar({ id: user.email, owner: user.email, primary: true, summary: user.email, timeZone: user.timeZone });
    }
  }

  user(email: string): GoogleUser | undefined {
    const lower = email.toLowerCase();
    return this.users.find((u) => u.email === lower);
  }

  onChange(listener: (calendar: StoredCalendar) => void): void {
    this.listeners.push(listener);
  }

  /** The next change sequence number and etag (etags only grow, as Google's do). */
  touch(): { seq: number; etag: number } {
    this.seq += 1;
    this.lastEtag = Math.max(this.lastEtag + 1, Date.now() * 1000);
    return { seq: this.seq, etag: this.lastEtag };
  }

  nextOrder(): number {
    this.order += 1;
    return this.order;
  }

  changed(calendar: StoredCalendar): void {
    for (const listener of this.listeners) listener(calendar);
  }

  addCalendar(input: Omit<StoredCalendar, 'etag' | 'resourceId' | 'events'>): StoredCalendar {
    const calendar: StoredCalendar = { ...input, etag: this.touch().etag, resourceId: randomBytes(14).toString('base64url'), events: new Map() };
    this.calendars.set(calendar.id, calendar);
    return calendar;
  }

  /** The calendar `id` ("primary": the caller's own) if `caller` may see it; else Google's 404. */
  calendarFor(caller: string, id: string): StoredCalendar {
    const calendar = this.calendars.get(id === 'primary' ? caller : id.toLowerCase()) ?? this.calendars.get(id);
    if (!calendar || calendar.owner !== caller) throw notFound();
    return calendar;
  }

  ownedBy(caller: string): StoredCalendar[] {
    return [...this.calendars.values()].filter((c) => c.owner === caller);
  }

  deleteCalendar(calendar: StoredCalendar): void {
    this.calendars.delete(calendar.id);
    this.touch();
  }

  clear(): void {
    this.calendars.clear();
    this.setUsers(this.users);
  }

  /** Everything, for the state file (Maps are kept by state-json). */
  snapshot(): unknown {
    return { users: this.users, calendars: this.calendars, seq: this.seq, lastEtag: this.lastEtag, order: this.order };
  }

  restore(data: unknown): void {
    if (!isRecord(data) || !Array.isArray(data['users']) || !(data['calendars'] instanceof Map)) throw new SnapshotShapeError('the Google store has no users or calendars');
    const { seq, lastEtag, order } = data;
    if (typeof seq !== 'number' || typeof lastEtag !== 'number' || typeof order !== 'number') throw new SnapshotShapeError('the Google store has no counters');
    this.calendars.clear();
    for (const [id, calendar] of data['calendars'] as Map<string, StoredCalendar>) {
      if (!(calendar.events instanceof Map)) throw new SnapshotShapeError(`calendar ${id} has no events`);
      this.calendars.set(id, calendar);
    }
    this.users = data['users'] as GoogleUser[];
    this.seq = seq;
    this.lastEtag = lastEtag;
    this.order = order;
  }
}

export type { StoredEvent };
