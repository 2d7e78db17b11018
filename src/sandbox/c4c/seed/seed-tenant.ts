// Seeds a deterministic demo tenant: the employees of DEMO_USERS (matching the Graph sandbox's users by e-mail),
// thousands of corporate accounts, contacts, individual customers, leads, opportunities, tickets, quotes,
// customer orders, and appointments, visits, tasks and e-mails owned by the demo users. Bulk sets go straight
// into the store (no per-row derivation) so 100,000 accounts take seconds.
import { randomUUID } from 'node:crypto';
import { DEMO_USERS, tenantUsers, type DemoUser } from '../../common/demo-tenant.js';
import { deriveReadOnlyFields } from '../derive.js';
import type { StoredRecord } from '../edm-values.js';
import type { C4cStore, Row } from '../store.js';
import { seedActivities } from './seed-activities.js';
import { Prng } from './prng.js';
import { ADJECTIVES, CITIES, FIRST_NAMES, LAST_NAMES, LEGAL_FORMS, NOUNS } from './words.js';

export interface SeedOptions {
  /** Corporate accounts to create (default 2,000). */
  accounts?: number;
  /** PRNG seed (default 4242). */
  seed?: number;
  /** Reference time for activity dates (default: now). */
  now?: number;
}

export interface SeedSummary {
  counts: Record<string, number>;
  millis: number;
}

export const DEFAULT_ACCOUNTS = 2000;

export function accountName(i: number): string {
  const a = ADJECTIVES[i % ADJECTIVES.length];
  const n = NOUNS[Math.floor(i / ADJECTIVES.length) % NOUNS.length];
  const f = LEGAL_FORMS[Math.floor(i / (ADJECTIVES.length * NOUNS.length)) % LEGAL_FORMS.length];
  const round = Math.floor(i / (ADJECTIVES.length * NOUNS.length * LEGAL_FORMS.length));
  return `${a} ${n} ${f}${round > 0 ? ` ${round + 1}` : ''}`;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
const DAY_MS = 86_400_000;

/** The C4C employee of a tenant user (same e-mail as the Graph user, so the service matches them). */
export function insertEmployee(store: C4cStore, u: DemoUser): Row {
  return store.insert('EmployeeCollection', {
    EmployeeID: u.c4cEmployeeId,
    BusinessPartnerID: u.c4cEmployeeId,
    UUID: u.c4cEmployeeUuid,
    UserID: u.mail.split('@')[0]?.toUpperCase().replace('.', '_') ?? u.c4cEmployeeId,
    FirstName: u.givenName,
    LastName: u.surname,
    BusinessPartnerFormattedName: u.displayName,
    Email: u.mail,
    JobName: u.jobTitle,
  } as StoredRecord);
}

/**
 * Grows the employees to the first `count` tenant users (tenantUsers in demo-tenant.ts), adding those missing by
 * EmployeeID. The new ones own nothing, so a scale test's mailboxes start empty. Returns how many were added.
 */
export function addTenantEmployees(store: C4cStore, count: number): number {
  const have = new Set([...store.table('EmployeeCollection').values()].map((r) => r.values['EmployeeID']));
  const missing = tenantUsers(count).filter((u) => !have.has(u.c4cEmployeeId));
  for (const u of missing) insertEmployee(store, u);
  return missing.length;
}

export function seedTenant(store: C4cStore, options: SeedOptions = {}): SeedSummary {
  const started = performance.now();
  // Random, not from the PRNG: a reseeded tenant is another system to the service, even with the same data.
  store.systemIdentity = randomUUID();
  const rng = new Prng(options.seed ?? 4242);
  const accountsWanted = options.accounts ?? DEFAULT_ACCOUNTS;
  const employees = DEMO_USERS.map((u) => insertEmployee(store, u));
  const owner = (i: number) => employees[i % employees.length] as Row;

  const accounts: Row[] = [];
  for (let i = 0; i < accountsWanted; i += 1) {
    const name = accountName(i);
    const [city, country] = CITIES[i % CITIES.length] ?? ['Berlin', 'DE'];
    const o = owner(i).values;
    accounts.push(
      store.insert('CorporateAccountCollection', {
        Name: name,
        RoleCode: 'CRM000',
        LifeCycleStatusCode: '2',
        City: city,
        CountryCode: country,
        Phone: `+49 30 ${String(1000000 + i).slice(-7)}`,
        Email: `info@${slug(name)}.example`,
        OwnerID: o['EmployeeID'] ?? null,
        OwnerUUID: o['UUID'] ?? null,
      }),
    );
  }

  // Each account's team holds the employee after its owner (the sync list rule `owned-account-contacts` reads it).
  accounts.forEach((account, i) => {
    const member = owner(i + 1).values;
    store.insert('CorporateAccountTeamCollection', {
      ParentObjectID: account.id,
      AccountID: account.values['AccountID'] ?? null,
      EmployeeID: member['EmployeeID'] ?? null,
      EmployeeUUID: member['UUID'] ?? null,
      PartyRoleCode: '39',
      MainIndicator: false,
    });
  });

  const contacts: Row[] = [];
  const contactCount = Math.min(accountsWanted * 2, 4000);
  for (let i = 0; i < contactCount && accounts.length > 0; i += 1) {
    const account = accounts[i % accounts.length] as Row;
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    contacts.push(
      store.insert('ContactCollection', {
        FirstName: first,
        LastName: last,
        Name: `${first} ${last}`,
        StatusCode: '2',
        AccountID: account.values['AccountID'] ?? null,
        AccountFormattedName: account.values['Name'] ?? null,
        Email: `${slug(first)}.${slug(last)}${i}@${slug(String(account.values['Name']))}.example`,
        Phone: `+49 89 ${String(2000000 + i).slice(-7)}`,
        ContactOwnerID: owner(i).values['EmployeeID'] ?? null,
      }),
    );
  }

  for (let i = 0; i < 500; i += 1) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const [city, country] = rng.pick(CITIES);
    store.insert('IndividualCustomerCollection', {
      FirstName: first,
      LastName: last,
      FormattedName: `${first} ${last}`,
      RoleCode: 'CRM000',
      LifeCycleStatusCode: '2',
      City: city,
      CountryCode: country,
      Email: `${slug(first)}.${slug(last)}.${i}@mail.example`,
      OwnerID: owner(i).values['EmployeeID'] ?? null,
    });
  }

  const pickAccount = () => (accounts.length > 0 ? rng.pick(accounts) : undefined);
  const docs = (set: string, count: number, make: (i: number, account: Row | undefined) => StoredRecord) => {
    const def = store.schema.entitySets.get(set);
    for (let i = 0; i < count; i += 1) {
      const values = make(i, pickAccount());
      if (def) deriveReadOnlyFields(store, def, values);
      store.insert(set, values);
    }
  };
  const accName = (a: Row | undefined) => String(a?.values['Name'] ?? 'Prospect');
  const accId = (a: Row | undefined) => (a?.values['AccountID'] as string | undefined) ?? null;
  docs('LeadCollection', 300, (i, a) => ({ Name: `Lead: ${accName(a)} interest ${i + 1}`, AccountPartyID: accId(a), OwnerPartyID: owner(i).values['EmployeeID'] ?? null, LifeCycleStatusCode: '2' }));
  docs('OpportunityCollection', 500, (i, a) => ({
    Name: `${accName(a)} – expansion ${i + 1}`,
    ProspectPartyID: accId(a),
    MainEmployeeResponsiblePartyID: owner(i).values['EmployeeID'] ?? null,
    // Every sixth one won, so an account's count of open opportunities leaves some out (the pane's preview card).
    LifeCycleStatusCode: i % 6 === 5 ? '3' : '2',
    ProbabilityPercent: String(10 + (i % 9) * 10),
    SalesCycleCode: '001',
    SalesCyclePhaseCode: String((i % 4) + 1).padStart(3, '0'),
    ExpectedRevenueAmount: `${(5 + (i % 40) * 2.5) * 1000}.000000`,
    ExpectedRevenueAmountCurrencyCode: i % 3 === 2 ? 'USD' : 'EUR',
    // Edm.DateTime dates are kept as epoch ms at UTC midnight: two to twenty-four weeks ahead.
    ExpectedProcessingEndDate: Math.floor((options.now ?? Date.now()) / DAY_MS) * DAY_MS + ((i % 12) + 1) * 14 * DAY_MS,
  }));
  docs('ServiceRequestCollection', 300, (i, a) => ({
    Name: `Ticket ${i + 1}: ${accName(a)} needs help`,
    BuyerPartyID: accId(a),
    ProcessorPartyID: owner(i).values['EmployeeID'] ?? null,
    ServiceRequestUserLifeCycleStatusCode: i % 3 === 1 ? '2' : '1',
    ServiceRequestLifeCycleStatusCode: i % 3 === 1 ? '2' : '1',
    ServicePriorityCode: ['3', '2', '1', '7'][i % 4] ?? '3',
  }));
  docs('SalesQuoteCollection', 200, (i, a) => ({ Name: `Quote ${i + 1} for ${accName(a)}`, BuyerPartyID: accId(a), EmployeeResponsiblePartyID: owner(i).values['EmployeeID'] ?? null }));
  docs('CustomerOrderCollection', 200, (i, a) => ({ Name: `Order ${i + 1} from ${accName(a)}`, BuyerPartyID: accId(a) ?? '1000001', EmployeeResponsiblePartyID: owner(i).values['EmployeeID'] ?? null }));

  seedActivities(store, rng, { employees, accounts: accounts.slice(0, 200), contacts: contacts.slice(0, 400), now: options.now ?? Date.now() });

  const counts: Record<string, number> = {};
  for (const set of store.schema.entitySets.values()) {
    const n = store.table(set.name).size;
    if (n > 0) counts[set.name] = n;
  }
  return { counts, millis: performance.now() - started };
}
