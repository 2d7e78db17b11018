// `npm start`'s demo: every demo user starts with a few records on their sync list (R14), added through the service's
// own /api as the task pane would, with a token the Graph sandbox issues for the user. One contact is on every list
// (an edit by one user reaches the others: the Siebel scenario in docs/demo.md), then a contact, an account and an
// individual customer of each user's own, and a colleague (an employee, read-only in Outlook). Only an empty list is
// filled, so a user's own changes are kept across restarts (one who empties the list gets the demo entries back).
import { DEMO_TENANT, DEMO_USERS } from '../src/sandbox/common/demo-tenant.js';
import { syncListPaths, type SyncListEntryRef, type SyncListResponse } from '../src/shared/sync-list-api.js';

const C4C_SERVICE_PATH = '/sap/c4c/odata/v1/c4codataapi';

async function json(url: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname}: HTTP ${res.status}`);
  return res.json();
}

/** The first `count` readable ids of an entity set (the sandbox's seeded records), in the order C4C lists them. */
async function readableIds(c4cUrl: string, entitySet: string, idProperty: string, count: number): Promise<string[]> {
  const { user, password } = DEMO_TENANT.c4cTechnicalUser;
  const body = (await json(`${c4cUrl}${C4C_SERVICE_PATH}/${entitySet}?$select=${idProperty}&$top=${count}&$format=json`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  })) as { d?: { results?: Record<string, unknown>[] } };
  return (body.d?.results ?? []).map((r) => String(r[idProperty]));
}

/** Fills the empty sync lists of the demo users; returns how many entries it added. */
export async function seedDemoSyncLists(urls: { graphUrl: string; c4cUrl: string; serviceUrl: string }): Promise<number> {
  const users = DEMO_USERS;
  const [contacts, accounts, customers] = await Promise.all([
    readableIds(urls.c4cUrl, 'ContactCollection', 'ContactID', users.length + 1),
    readableIds(urls.c4cUrl, 'CorporateAccountCollection', 'AccountID', users.length),
    readableIds(urls.c4cUrl, 'IndividualCustomerCollection', 'CustomerID', users.length),
  ]);
  let added = 0;
  for (const [i, user] of users.entries()) {
    const token = (await json(`${urls.graphUrl}/_sandbox/token?user=${encodeURIComponent(user.id)}&aud=${encodeURIComponent(DEMO_TENANT.serviceApp.appIdUri)}&scp=access_as_user`)) as { access_token: string };
    const headers = { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' };
    const list = (await json(`${urls.serviceUrl}${syncListPaths.list()}`, { headers })) as SyncListResponse;
    if (list.entries.length > 0) continue;
    const colleague = users[(i + 1) % users.length];
    const wanted: (SyncListEntryRef | null)[] = [
      contacts[0] ? { type: 'contact', c4cId: contacts[0] } : null,
      contacts[i + 1] ? { type: 'contact', c4cId: contacts[i + 1] as string } : null,
      accounts[i] ? { type: 'account', c4cId: accounts[i] as string } : null,
      customers[i] ? { type: 'individualCustomer', c4cId: customers[i] as string } : null,
      colleague && colleague.id !== user.id ? { type: 'employee', c4cId: colleague.c4cEmployeeId } : null,
    ];
    for (const ref of wanted) {
      if (!ref) continue;
      await json(`${urls.serviceUrl}${syncListPaths.add()}`, { method: 'POST', headers, body: JSON.stringify(ref) });
      added += 1;
    }
  }
  return added;
}
