// The demo tenant both sandboxes seed from, so that Graph users and C4C employees match by e-mail, and the
// service, the task pane and the tests can all name the same people. Ids are fixed so that runs repeat.

export const DEMO_TENANT = {
  tenantId: '7f0c1c2e-3b1a-4c55-9a7e-5d1f00c4c001',
  domain: 'contoso.example',
  displayName: 'Contoso (sandbox)',
  /** The sync service's app registration (client credentials to Graph; audience of the task pane's tokens). */
  serviceApp: {
    clientId: 'b5a1d2c3-0000-4000-8000-00000000a001',
    clientSecret: 'sandbox-service-secret-change-me',
    /** Application ID URI the task pane requests tokens for (`<appIdUri>/access_as_user`). */
    appIdUri: 'api://localhost/b5a1d2c3-0000-4000-8000-00000000a001',
    /** The app role that admits a user to the service's admin routes (the service's ADMIN_ROLE default). */
    adminRole: 'CrmSync.Admin',
  },
  /** The add-in's own (public, SPA) app registration used with nested app authentication. */
  addinApp: {
    clientId: 'c6b2e3d4-0000-4000-8000-00000000a002',
  },
  /** The add-in's manifest <Id>; custom properties live in the extended property `cecp-<id>`. */
  addinId: '4a2d8f6e-9c1b-4e7a-8d3f-2b6c5e1a0c4c',
  /** C4C technical user for Basic auth. */
  c4cTechnicalUser: { user: 'SYNC_TECH_USER', password: 'sandbox-c4c-password-change-me' },
  /**
   * Calling C4C as a user (OAuth 2.0 SAML bearer assertion, Entra ID as identity provider): the OAuth 2.0 client
   * registered in C4C (Administrator › OAuth 2.0 Client Registration), C4C's SAML entity id (its SSO "local service
   * provider", the identifier of its enterprise app in Entra ID, which Entra puts in the assertion's Audience), and
   * the scope C4C's OData API needs.
   */
  c4cOAuth: {
    clientId: '_SYNC000001',
    clientSecret: 'sandbox-c4c-oauth-secret-change-me',
    samlEntityId: 'HTTPS://MY000000-SSO.C4C-SANDBOX.EXAMPLE',
    scope: 'UIWC:CC_HOME',
  },
} as const;

/** The SAML issuer Entra ID writes into the assertions it issues for a tenant (C4C trusts it as OAuth IdP). */
export const SAML_ISSUER = `https://sts.windows.net/${DEMO_TENANT.tenantId}/`;

export interface DemoUser {
  /** Entra object id (Graph user id). */
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  /** userPrincipalName and mail. */
  mail: string;
  jobTitle: string;
  timeZone: string;
  /** C4C employee: EmployeeID (= business partner id used as OwnerPartyID/OrganizerPartyID). */
  c4cEmployeeId: string;
  /** C4C employee UUID (Owner / OrganizerUUID). */
  c4cEmployeeUuid: string;
  /**
   * App roles of the service's app registration assigned to the user: Entra lists them in the `roles` claim of the
   * user's tokens for the service's API (not of Graph tokens).
   */
  appRoles?: readonly string[];
  /**
   * What the user may read in C4C (their business role's access restriction): `own`, the objects they own or are
   * responsible for (C4C's "Employee" restriction rule), the default; `all`, unrestricted (a manager).
   */
  c4cReadAccess?: 'own' | 'all';
}

function user(n: number, given: string, sur: string, jobTitle: string, timeZone: string, mail?: string): DemoUser {
  // n in hex fills the GUIDs' last groups, so every n up to MAX_TENANT_USERS gives a distinct, valid GUID.
  return {
    id: `0a1b2c3d-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    displayName: `${given} ${sur}`,
    givenName: given,
    surname: sur,
    mail: mail ?? `${given}.${sur}@contoso.example`.toLowerCase(),
    jobTitle,
    timeZone,
    c4cEmployeeId: String(8000000000 + n),
    c4cEmployeeUuid: `00163e03-a070-1ed2-8a86-44${n.toString(16).padStart(10, '0')}`,
  };
}

export const DEMO_USERS: readonly DemoUser[] = [
  user(1, 'Ava', 'Adams', 'Account Executive', 'Europe/Berlin'),
  user(2, 'Ben', 'Brooks', 'Account Executive', 'Europe/London'),
  // The tenant's sync administrator (the demo and tests sign in as her for the admin routes).
  { ...user(3, 'Chloe', 'Chen', 'Sales Manager', 'America/New_York'), appRoles: [DEMO_TENANT.serviceApp.adminRole], c4cReadAccess: 'all' },
  user(4, 'Dan', 'Diaz', 'Service Engineer', 'Europe/Madrid'),
  user(5, 'Eve', 'Evans', 'Field Sales Representative', 'Europe/Berlin'),
];

/** Most users a grown tenant may have (the control planes refuse more: the sandboxes keep everything in memory). */
export const MAX_TENANT_USERS = 20_000;

const GENERATED_TIME_ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'Europe/Madrid', 'Asia/Singapore'] as const;

/** User number n (> 5) of a grown tenant: `user0042@contoso.example`, no demo data of its own. */
export function generatedUser(n: number): DemoUser {
  const digits = String(n).padStart(4, '0');
  return user(n, 'User', digits, 'Sales Representative', GENERATED_TIME_ZONES[n % GENERATED_TIME_ZONES.length] ?? 'UTC', `user${digits}@${DEMO_TENANT.domain}`);
}

/**
 * The first `count` users of the tenant, the same in the Graph sandbox (users) and the C4C sandbox (employees), so
 * they match by e-mail: the five demo users, then generated ones (n = 6 … count). Benchmarks use it to reach
 * 1,000 mailboxes.
 */
export function tenantUsers(count: number): DemoUser[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_TENANT_USERS) throw new RangeError(`tenantUsers: count ${count} is not in 0…${MAX_TENANT_USERS}`);
  const users = DEMO_USERS.slice(0, count);
  for (let n = DEMO_USERS.length + 1; n <= count; n += 1) users.push(generatedUser(n));
  return users;
}
