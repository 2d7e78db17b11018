// What `npm run doctor` (src/server/doctor) asks of Graph, C4C and the store. Each probe does one real call (or a
// create-then-delete round trip) with the service's own credentials and reports what came back; the doctor turns the
// outcomes into lines with what to do. Probes never throw: a failure is an outcome.

/** A failed call: the HTTP status (null: no answer), the service's error code and its message (never item content). */
export interface ProbeFailure {
  ok: false;
  status: number | null;
  code: string;
  message: string;
}

export type ProbeOutcome = { ok: true; note?: string } | ProbeFailure;

export interface ProbeMailbox {
  id: string;
  email: string;
}

export interface GraphProbes {
  /** An app-only token (client credentials) from the configured authority. */
  token(): Promise<ProbeOutcome>;
  /** Graph's `Date` header on an answer to this app (null when Graph did not answer or sent none). */
  serverDate(): Promise<Date | null>;
  /** The tenant's users, first page (User.Read.All): the first user with a mail address, for want of a named mailbox. */
  firstUser(): Promise<ProbeFailure | { ok: true; mailbox: ProbeMailbox | null }>;
  /** The mailbox named by id or address (`/users/{id}`), with its id. */
  findUser(idOrEmail: string): Promise<ProbeFailure | { ok: true; mailbox: ProbeMailbox }>;
  readCalendar(mailbox: ProbeMailbox): Promise<ProbeOutcome>;
  /** Creates a marked event outside the sync window and deletes it again. */
  writeCalendar(mailbox: ProbeMailbox): Promise<ProbeOutcome>;
  readMasterCategories(mailbox: ProbeMailbox): Promise<ProbeOutcome>;
  /** Creates a marked master category and deletes it again. */
  writeMasterCategories(mailbox: ProbeMailbox): Promise<ProbeOutcome>;
  /** Reads the To Do lists, creates a marked task in the default list and deletes it again. */
  todo(mailbox: ProbeMailbox): Promise<ProbeOutcome>;
  /**
   * Creates a subscription to the mailbox's events with these URLs (Graph runs its validation handshake against
   * them first) and deletes it again.
   */
  subscription(mailbox: ProbeMailbox, urls: { notificationUrl: string; lifecycleNotificationUrl: string }): Promise<ProbeOutcome>;
  /**
   * The first page (one user) of the group's transitive members cast to users, as the enrolment policy `group` reads
   * them (application permission GroupMember.Read.All); the note says how many users it holds.
   */
  groupMembers(groupId: string): Promise<ProbeOutcome>;
}

/** Google Calendar as a Workspace user (R10). */
export interface GoogleProbes {
  /** The user's calendar list: the JWT-bearer grant with `sub` = the user (domain-wide delegation), then one read. */
  calendarList(user: string): Promise<ProbeOutcome>;
}

/** The root entity sets the service creates records in (a write is checked on each). */
export type CrmWritableRoot = 'AppointmentCollection' | 'VisitCollection' | 'TasksCollection';

export interface CrmProbes {
  /** The service root with `x-csrf-token: Fetch`: C4C reachable, the technical user signed in, a CSRF token issued. */
  csrf(): Promise<ProbeOutcome>;
  /** One page of one row of the entity set (or a call of the function import) as the technical user. */
  read(entitySet: string): Promise<ProbeOutcome>;
  /**
   * Creates a marked record in the root set, updates it and deletes it again; a refused delete is reported in the
   * note (the service itself never deletes there), not as a failure.
   */
  write(root: CrmWritableRoot): Promise<ProbeOutcome>;
}

export type StoreStatus = ProbeFailure | { ok: true; applied: number; known: number; unknown: number[] };

export interface StoreProbe {
  /** Which of the program's migrations the database holds (without applying any). */
  migrations(): Promise<StoreStatus>;
  /** The first enrolled, enabled mailbox, if the store has one. */
  firstMailbox(): Promise<ProbeMailbox | null>;
  /** The Entra group the stored enrolment policy names, or null when the policy is not `group` (or unreadable). */
  enrolmentGroup(): Promise<string | null>;
}
