// The sync list (R14): the C4C records a user wants in their Outlook contacts. Its /api contract, shared by the
// task pane and the service (the routes: src/server/http/sync-list-routes.ts). A user only ever sees and changes
// their own list: the routes take no user or mailbox parameter, the signed-in caller's token names the list.
import { z } from 'zod';

/**
 * The C4C records a list entry may name, with the entity set each lives in. Accounts and individual customers are
 * synced as Outlook contacts as SSI does (its `Account` and `Individual Customer` contact categories).
 */
export const SYNC_LIST_RECORD_TYPES = {
  contact: { entitySet: 'ContactCollection', idProperty: 'ContactID' },
  individualCustomer: { entitySet: 'IndividualCustomerCollection', idProperty: 'CustomerID' },
  employee: { entitySet: 'EmployeeCollection', idProperty: 'EmployeeID' },
  account: { entitySet: 'CorporateAccountCollection', idProperty: 'AccountID' },
} as const;

export type SyncListRecordType = keyof typeof SYNC_LIST_RECORD_TYPES;
export const syncListRecordTypes = Object.keys(SYNC_LIST_RECORD_TYPES) as SyncListRecordType[];
export const syncListRecordTypeSchema = z.enum(syncListRecordTypes as [SyncListRecordType, ...SyncListRecordType[]]);

/**
 * The record's readable C4C id (ContactID, CustomerID, EmployeeID, AccountID: what the CRM search answers and a
 * CrmLink stores). C4C's ids are at most 60 characters (most are 10) of letters, digits and a few separators; the
 * pattern keeps anything else (quotes, spaces, slashes) out, so an id is also safe in a URL path.
 */
export const syncListC4cIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/, 'a C4C id: 1–60 letters, digits, "_", "." or "-"');

/** Entries one user's list may hold (the benchmark's largest list is 5,000). */
export const SYNC_LIST_MAX_ENTRIES = 10_000;

export const syncListEntryRefSchema = z.object({ type: syncListRecordTypeSchema, c4cId: syncListC4cIdSchema }).strict();
export type SyncListEntryRef = z.infer<typeof syncListEntryRefSchema>;

export const syncListEntrySchema = z.object({
  type: syncListRecordTypeSchema,
  c4cId: z.string().min(1),
  /** When the entry was added (ISO 8601 UTC). */
  addedAt: z.iso.datetime({ offset: true }),
  /** `user`: added by the user (pane or /api); `rule`: by an admin rule. */
  source: z.enum(['user', 'rule']),
});
export type SyncListEntry = z.infer<typeof syncListEntrySchema>;

// GET /api/sync-list → 200 { entries }, oldest first.
export const syncListResponseSchema = z.object({ entries: z.array(syncListEntrySchema) });
export type SyncListResponse = z.infer<typeof syncListResponseSchema>;

// POST /api/sync-list { type, c4cId } → 201 { entry, added: true }, or 200 { entry, added: false } when the record
// was on the list already (adding twice is harmless).
export const syncListAddRequestSchema = syncListEntryRefSchema;
export const syncListAddResponseSchema = z.object({ entry: syncListEntrySchema, added: z.boolean() });
export type SyncListAddResponse = z.infer<typeof syncListAddResponseSchema>;

// DELETE /api/sync-list/:type/:c4cId → 204, or 404 when the record is not on the caller's list.
export const syncListEntryParamsSchema = syncListEntryRefSchema;

// POST /api/sync-list/people { emails } → 200 { people }: which of a meeting's attendees are C4C employees or contacts
// (matched by e-mail, employees first), so the pane can offer them for the list. POST: e-mail addresses stay out of
// URLs and request logs. Contacts are only those the caller's employee owns, as the CRM search's owner mode shows.
export const SYNC_LIST_PEOPLE_MAX_EMAILS = 50;
export const syncListPeopleRequestSchema = z
  .object({ emails: z.array(z.string().trim().max(254).regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address')).min(1).max(SYNC_LIST_PEOPLE_MAX_EMAILS) })
  .strict();
export const syncListPersonSchema = z.object({
  /** The attendee's address as matched (lower-case). */
  email: z.string(),
  type: z.enum(['contact', 'employee']),
  c4cId: z.string().min(1),
  name: z.string(),
});
export type SyncListPerson = z.infer<typeof syncListPersonSchema>;
export const syncListPeopleResponseSchema = z.object({ people: z.array(syncListPersonSchema) });
export type SyncListPeopleResponse = z.infer<typeof syncListPeopleResponseSchema>;

export const SYNC_LIST_ROUTES = {
  list: { method: 'GET', url: '/api/sync-list', status: 200 },
  people: { method: 'POST', url: '/api/sync-list/people', status: 200 },
  add: { method: 'POST', url: '/api/sync-list', status: 201 },
  remove: { method: 'DELETE', url: '/api/sync-list/:type/:c4cId', status: 204 },
} as const;

export const syncListPaths = {
  list: (): string => SYNC_LIST_ROUTES.list.url,
  add: (): string => SYNC_LIST_ROUTES.add.url,
  people: (): string => SYNC_LIST_ROUTES.people.url,
  remove: ({ type, c4cId }: SyncListEntryRef): string => `/api/sync-list/${encodeURIComponent(type)}/${encodeURIComponent(c4cId)}`,
} as const;
