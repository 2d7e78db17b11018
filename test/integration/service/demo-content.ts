// The content a log scan looks for: every subject and e-mail address the two sandboxes hold at the end of a run
// (the seeded demo data, and whatever the run created), read back over their APIs so that nothing the seed or a
// test adds is missed.
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import type { C4cClient, GraphClient, Json } from '../../support/sync-harness-http.js';

/** All results of a C4C entity set (following `__next`), only the given properties. */
async function c4cAll(c4c: C4cClient, set: string, select: string): Promise<Json[]> {
  const rows: Json[] = [];
  let path: string | null = `${set}?$select=${select}&$top=1000`;
  while (path) {
    const res = await c4c.request('GET', path);
    if (res.status !== 200) throw new Error(`C4C GET ${set}: ${res.status}`);
    rows.push(...((res.body.d?.results ?? []) as Json[]));
    const next = res.body.d?.__next as string | undefined;
    path = next ? next.slice(next.indexOf(set)) : null;
  }
  return rows;
}

/** Every event of every demo mailbox (series masters and single items; occurrences share their subjects). */
async function graphEvents(graph: GraphClient): Promise<Json[]> {
  const events: Json[] = [];
  for (const user of DEMO_USERS) {
    let path: string | null = `/users/${user.id}/events?$select=subject,attendees,organizer&$top=1000`;
    while (path) {
      const res = await graph.request('GET', path);
      if (res.status !== 200) throw new Error(`Graph GET events of ${user.id}: ${res.status}`);
      events.push(...((res.body.value ?? []) as Json[]));
      const next = res.body['@odata.nextLink'] as string | undefined;
      path = next ? next.slice(next.indexOf('/users/')) : null;
    }
  }
  return events;
}

export interface DemoContent {
  subjects: string[];
  emails: string[];
}

export async function demoContent(graph: GraphClient, c4c: C4cClient): Promise<DemoContent> {
  const subjects = new Set<string>();
  const emails = new Set<string>(DEMO_USERS.map((u) => u.mail));
  const addEmail = (value: unknown) => typeof value === 'string' && value.includes('@') && emails.add(value);
  for (const event of await graphEvents(graph)) {
    if (typeof event.subject === 'string') subjects.add(event.subject);
    addEmail((event.organizer as Json | undefined)?.emailAddress?.address);
    for (const attendee of (event.attendees ?? []) as Json[]) addEmail(attendee.emailAddress?.address);
  }
  for (const set of ['AppointmentCollection', 'VisitCollection', 'TasksCollection', 'EMailCollection']) {
    for (const row of await c4cAll(c4c, set, 'Subject')) if (typeof row.Subject === 'string') subjects.add(row.Subject);
  }
  for (const row of await c4cAll(c4c, 'AppointmentInvolvedPartiesCollection', 'PartyEmailURI')) addEmail(row.PartyEmailURI);
  for (const set of ['EmployeeCollection', 'ContactCollection', 'IndividualCustomerCollection', 'CorporateAccountCollection']) {
    for (const row of await c4cAll(c4c, set, 'Email')) addEmail(row.Email);
  }
  return { subjects: [...subjects].filter((s) => s.trim().length > 0), emails: [...emails] };
}
