// Deterministic, Graph-looking identifiers. Ids come from a hash of the store's seed and a counter, so a reseeded
// sandbox hands out the same ids again; occurrence ids encode their series master and original start.
import { createHash } from 'node:crypto';

export class IdSource {
  private counter = 0;
  constructor(private readonly seed: string) {}

  /** How many ids were drawn: a restored store resumes here, so it never hands out an id twice. */
  get position(): number {
    return this.counter;
  }

  resumeAt(position: number): void {
    this.counter = position;
  }

  private digest(label: string): Buffer {
    this.counter += 1;
    return createHash('sha256').update(`${this.seed}:${label}:${this.counter}`).digest();
  }

  eventId(): string {
    return `AAMkAGI2${this.digest('event').toString('base64url').slice(0, 40)}AAA=`;
  }

  /** To Do task ids look like other Exchange item ids (url-safe base64, `AAMk…`). */
  todoTaskId(): string {
    return `AAMkADTask${this.digest('todo-task').toString('base64url').slice(0, 40)}AAA=`;
  }

  todoListId(): string {
    return `AAMkADList${this.digest('todo-list').toString('base64url').slice(0, 24)}AAA=`;
  }

  /** Outlook contact and contact-folder ids look like other Exchange ids (url-safe base64, `AAMk…`). */
  contactId(): string {
    return `AAMkADCont${this.digest('contact').toString('base64url').slice(0, 40)}AAA=`;
  }

  contactFolderId(): string {
    return `AAMkADCFld${this.digest('contact-folder').toString('base64url').slice(0, 24)}AAA=`;
  }

  changeKey(): string {
    return this.digest('ck').subarray(0, 18).toString('base64');
  }

  iCalUId(): string {
    return `${GOID_CLASS}00000000${this.digest('ical').toString('hex').slice(0, 48).toUpperCase()}`;
  }

  guid(): string {
    const h = this.digest('guid').toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  categoryId(): string {
    return this.guid();
  }
}

/** Exchange's global object id: a fixed class id, the instance date (zero for the series), then a unique part. */
const GOID_CLASS = '040000008200E00074C5B7101A82E008';

/**
 * An occurrence's iCalUId, as Exchange makes it: the series' id with the occurrence's original date written into
 * the instance-date bytes. Equal across attendees' calendars, different for every occurrence (`uid` stays the
 * series').
 */
export function occurrenceICalUId(seriesICalUId: string, originalStart: number): string {
  const d = new Date(originalStart);
  const date = d.getUTCFullYear().toString(16).padStart(4, '0') + (d.getUTCMonth() + 1).toString(16).padStart(2, '0') + d.getUTCDate().toString(16).padStart(2, '0');
  return `${seriesICalUId.slice(0, GOID_CLASS.length)}${date.toUpperCase()}${seriesICalUId.slice(GOID_CLASS.length + 8)}`;
}

const OCCURRENCE_PREFIX = 'AAMkOcc';

export function occurrenceId(masterId: string, originalStart: number): string {
  return OCCURRENCE_PREFIX + Buffer.from(`${masterId}|${originalStart}`).toString('base64url');
}

export function parseOccurrenceId(id: string): { masterId: string; originalStart: number } | undefined {
  if (!id.startsWith(OCCURRENCE_PREFIX)) return undefined;
  const decoded = Buffer.from(id.slice(OCCURRENCE_PREFIX.length), 'base64url').toString();
  const bar = decoded.lastIndexOf('|');
  const originalStart = Number(decoded.slice(bar + 1));
  if (bar <= 0 || !Number.isFinite(originalStart)) return undefined;
  return { masterId: decoded.slice(0, bar), originalStart };
}

/** Graph ids are base64-ish; anything else is a malformed id, not a missing one. */
export function isWellFormedId(id: string): boolean {
  return /^[A-Za-z0-9+/=_-]{8,400}$/.test(id);
}
