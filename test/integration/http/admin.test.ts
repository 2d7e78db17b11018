// DELETE /api/admin/mailboxes/:mailbox through fastify inject: no token 401, no admin role 403 (and nothing
// erased), the admin role 200 with the rows erased per table (the real erasure over PGlite, a fake Graph). And the
// sandbox identity issues the admin role to its demo administrator, as Entra does, which our verifier reads.
import { jest } from '@jest/globals';
import { createLocalJWKSet, decodeJwt } from 'jose';
import { DEMO_TENANT, DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { TokenService } from '../../../src/sandbox/identity/tokens.js';
import { createSessionStore, SqlMailboxErasure, type Database } from '../../../src/server/adapters/store/index.js';
import { createTokenVerifier } from '../../../src/server/http/token-verifier.js';
import { eraseNamedMailbox } from '../../../src/server/jobs/erase-mailbox.js';
import { createLogger } from '../../../src/server/log/index.js';
import { ADMIN_ROLE, buildTestApp } from '../../support/http-app-fakes.js';
import { mailboxFootprint, nonZero, SEEDED_ROWS, seedMailboxRows } from '../../support/mailbox-rows.js';
import { openTestDatabase } from '../../support/test-database.js';

jest.setTimeout(30_000);

let db: Database;
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let mint: Awaited<ReturnType<typeof buildTestApp>>['mint'];
const graphDeletes: string[] = [];

beforeAll(async () => {
  db = await openTestDatabase('pglite');
  const store = createSessionStore(db, { ownsDatabase: false });
  const graph = { deleteSubscription: async (id: string): Promise<'deleted' | 'notFound'> => (graphDeletes.push(id), 'deleted') };
  const logger = createLogger({ level: 'silent', name: 'admin-test' });
  ({ app, mint } = await buildTestApp({
    items: {},
    eraseMailbox: (idOrEmail) => eraseNamedMailbox({ store, erasure: new SqlMailboxErasure(db), graph, logger }, idOrEmail),
  }));
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const erase = (mailbox: string, token?: string) =>
  app.inject({ method: 'DELETE', url: `/api/admin/mailboxes/${encodeURIComponent(mailbox)}`, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('DELETE /api/admin/mailboxes/:mailbox', () => {
  it('answers 401 without a valid token and 403 without the admin role, and erases nothing', async () => {
    const leaver = await seedMailboxRows(db, 'http-refused');
    expect((await erase(leaver.mailboxId)).statusCode).toBe(401);
    expect((await erase(leaver.mailboxId, await mint({ oid: 'admin-1', roles: [ADMIN_ROLE] }, { key: 'foreign' }))).statusCode).toBe(401);

    for (const token of [await mint({ oid: 'user-1' }), await mint({ oid: 'user-1', roles: ['CrmSync.Reader', 'crmsync.admin'] })]) {
      const res = await erase(leaver.mailboxId, token);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ error: { code: 'forbidden', message: `This needs the ${ADMIN_ROLE} app role.` } });
    }
    expect(await mailboxFootprint(db, leaver)).toMatchObject(SEEDED_ROWS);
    expect(graphDeletes).toEqual([]);
  });

  it('erases the mailbox for an admin, by id or by e-mail, and answers with the rows erased per table', async () => {
    const byId = await seedMailboxRows(db, 'http-by-id');
    const byEmail = await seedMailboxRows(db, 'http-by-email');
    const stayer = await seedMailboxRows(db, 'http-stayer');
    const before = await mailboxFootprint(db, stayer);
    const token = await mint({ oid: 'admin-1', roles: [ADMIN_ROLE] });

    const res = await erase(byId.mailboxId, token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      mailbox: { mailboxId: byId.mailboxId, email: byId.email },
      erased: SEEDED_ROWS,
      graphSubscriptions: { deleted: 1, alreadyGone: 0, failed: [] },
      complete: true,
    });
    expect(graphDeletes).toEqual([`${byId.mailboxId}-sub`]);
    expect(nonZero(await mailboxFootprint(db, byId))).toEqual({});

    const second = await erase(byEmail.email.toUpperCase(), token);
    expect(second.statusCode).toBe(200);
    expect(second.json().mailbox.mailboxId).toBe(byEmail.mailboxId);
    expect(nonZero(await mailboxFootprint(db, byEmail))).toEqual({});

    expect(await mailboxFootprint(db, stayer)).toEqual(before);
    const again = await erase(byId.mailboxId, token);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
  });
});

describe('the sandbox identity and the admin role', () => {
  it('puts the demo administrator’s app roles in her tokens for the service (not for Graph), and the verifier reads them', async () => {
    const tokens = await TokenService.create();
    const issuer = `https://127.0.0.1:4001/${DEMO_TENANT.tenantId}/v2.0`;
    const verify = createTokenVerifier({
      jwksUrl: 'http://unused',
      issuer,
      audiences: [DEMO_TENANT.serviceApp.appIdUri],
      tenantId: DEMO_TENANT.tenantId,
      requiredScope: 'access_as_user',
      keyResolver: createLocalJWKSet(tokens.jwks()),
    });
    const admins = DEMO_USERS.filter((u) => u.appRoles?.includes(DEMO_TENANT.serviceApp.adminRole));
    const [admin] = admins;
    const user = DEMO_USERS.find((u) => !u.appRoles);
    if (!admin || !user) throw new Error('the demo tenant needs an administrator and a plain user');
    expect(DEMO_TENANT.serviceApp.adminRole).toBe(ADMIN_ROLE);

    const adminToken = await tokens.userToken(issuer, DEMO_TENANT.addinApp.clientId, admin, DEMO_TENANT.serviceApp.appIdUri, ['access_as_user']);
    expect((await verify(`Bearer ${adminToken.access_token}`)).roles).toEqual([ADMIN_ROLE]);
    const userToken = await tokens.userToken(issuer, DEMO_TENANT.addinApp.clientId, user, DEMO_TENANT.serviceApp.appIdUri, ['access_as_user']);
    expect((await verify(`Bearer ${userToken.access_token}`)).roles).toEqual([]);
    const graphToken = await tokens.userToken(issuer, DEMO_TENANT.addinApp.clientId, admin, 'https://graph.microsoft.com', ['Calendars.ReadWrite']);
    expect(decodeJwt(graphToken.access_token).roles).toBeUndefined();
  });
});
