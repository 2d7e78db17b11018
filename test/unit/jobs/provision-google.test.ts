// R10 enrolment at provisioning: users the setting puts at Google get Google mailboxes (an address the directory
// lacks too), their calendars are made ready, and a mailbox keeps the provider it was first provisioned with.
import pino from 'pino';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { provisionMailboxes } from '../../../src/server/jobs/provision-mailboxes.js';
import { MemorySessionStore } from '../../support/memory-session-store.js';

const users = [
  { id: 'u-ava', displayName: 'Ava', mail: 'ava.adams@contoso.example', userPrincipalName: 'ava.adams@contoso.example' },
  { id: 'u-dan', displayName: 'Dan', mail: 'dan.diaz@contoso.example', userPrincipalName: 'dan.diaz@contoso.example' },
];
const employees = ['ava.adams@contoso.example', 'dan.diaz@contoso.example', 'gus@fabrikam.example', 'hal@contoso.example'];
const crm = { resolveParties: async (_t: string, emails: readonly string[]) => emails.filter((e) => employees.includes(e)).map((email, i) => ({ email, partyId: `E${i}`, partyType: 'employee' as const })) };

describe('provisioning Google users', () => {
  it('enrols by address and domain, makes their calendars ready, and keeps an existing mailbox\'s provider', async () => {
    const clock = { now: () => new Date('2026-12-01T12:00:00Z') };
    const store = MemorySessionStore.create({ clock, mailboxes: [], settings: new Map([['t1', withDefaults({})]]) });
    const readied: string[] = [];
    const google = { enrolment: { users: ['gus@fabrikam.example'], domains: [] as string[] }, calendars: { ensureCalendars: async (m: Mailbox) => void readied.push(m.mailboxId) } };
    const deps = { store, users: { listUsers: async () => users }, crm: crm as never, logger: pino({ level: 'silent' }), google };
    await provisionMailboxes(deps, 't1');
    expect((await store.getMailbox('u-ava'))?.provider).toBe('graph');
    expect((await store.getMailbox('u-dan'))?.provider).toBe('graph');
    expect(await store.getMailbox('google:gus@fabrikam.example')).toMatchObject({ provider: 'google', email: 'gus@fabrikam.example', employeePartyId: expect.any(String) });
    expect(readied).toEqual(['google:gus@fabrikam.example']);
    // Dan's domain moves to Google later: his mailbox stays at Graph (its pairs and cursor are Graph's) until erased.
    readied.length = 0;
    const hal = { id: 'u-hal', displayName: 'Hal', mail: 'hal@contoso.example', userPrincipalName: 'hal@contoso.example' };
    await provisionMailboxes({ ...deps, users: { listUsers: async () => [...users, hal] }, google: { ...google, enrolment: { users: [], domains: ['contoso.example'] } } }, 't1');
    expect((await store.getMailbox('u-dan'))?.provider).toBe('graph');
    expect((await store.getMailbox('u-ava'))?.provider).toBe('graph');
    // A new user of the domain is at Google.
    expect((await store.getMailbox('u-hal'))?.provider).toBe('google');
    expect(readied).toEqual(['u-hal']);
  });
});
