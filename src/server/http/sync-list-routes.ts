// /api/sync-list (R14): the signed-in user's own sync list (contract: src/shared/sync-list-api.ts). No route takes a
// user or mailbox: the list is always the caller's (their token's `oid` is their mailbox id), so nobody can read or
// change another user's list. A change asks for a session of the caller's mailbox, which brings Outlook in step.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  SYNC_LIST_ROUTES,
  syncListAddRequestSchema,
  syncListEntryParamsSchema,
  syncListPeopleRequestSchema,
  type SyncListAddResponse,
  type SyncListPeopleResponse,
  type SyncListResponse,
} from '../../shared/sync-list-api.js';
import type { Mailbox } from '../domain/mailbox.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StateReader } from '../ports/state-store.js';
import type { SyncList } from '../ports/sync-list.js';
import type { SyncListPeople } from '../ports/sync-list-people.js';
import { PortFailure } from '../ports/write-results.js';
import { parse } from './api-routes.js';
import { HttpError } from './errors.js';

export interface SyncListDeps {
  store: Pick<StateReader, 'getMailbox'>;
  syncList: SyncList;
  queue: Pick<JobQueue, 'enqueueMailboxSession'>;
  /** A meeting's attendees as C4C people (the pane offers them for the list). */
  people: SyncListPeople;
}

export function registerSyncListRoutes(app: FastifyInstance, deps: SyncListDeps): void {
  async function callerMailbox(req: FastifyRequest): Promise<Mailbox> {
    if (!req.caller) throw new HttpError(401, 'unauthorized', 'Sign in first.');
    const mailbox = await deps.store.getMailbox(req.caller.userId);
    if (!mailbox) throw new HttpError(403, 'forbidden', 'Your mailbox is not set up for CRM sync; ask your administrator.');
    return mailbox;
  }

  /**
   * The list changed: a session of the caller's mailbox brings Outlook in step. The change is saved either way; when
   * the queue cannot take the request, the next scheduled session does the work (a delay, not a loss).
   */
  const syncSoon = (req: FastifyRequest, mailbox: Mailbox) =>
    deps.queue.enqueueMailboxSession(mailbox.mailboxId, 'manual').catch((err: unknown) => req.log.warn({ err: String(err) }, 'could not queue a session after a sync list change'));

  app.get(SYNC_LIST_ROUTES.list.url, async (req): Promise<SyncListResponse> => {
    const mailbox = await callerMailbox(req);
    return { entries: await deps.syncList.list(mailbox.mailboxId) };
  });

  app.post(SYNC_LIST_ROUTES.people.url, async (req): Promise<SyncListPeopleResponse> => {
    const { emails } = parse(syncListPeopleRequestSchema, req.body);
    const mailbox = await callerMailbox(req);
    // Without a C4C employee the caller owns no contacts to bound the answer by: nobody is recognised.
    if (!mailbox.employeePartyId) return { people: [] };
    try {
      return { people: await deps.people.matchByEmail(emails, mailbox.employeePartyId) };
    } catch (error) {
      if (error instanceof PortFailure) throw new HttpError(503, 'upstream_unavailable', 'The CRM service could not be reached.');
      throw error;
    }
  });

  app.post(SYNC_LIST_ROUTES.add.url, async (req, reply) => {
    const ref = parse(syncListAddRequestSchema, req.body);
    const mailbox = await callerMailbox(req);
    const result = await deps.syncList.add(mailbox.mailboxId, ref, 'user');
    if (result.outcome === 'full') throw new HttpError(409, 'conflict', `Your sync list holds ${result.max} entries, the most it may; remove some first.`);
    if (result.added) await syncSoon(req, mailbox);
    const body: SyncListAddResponse = { entry: result.entry, added: result.added };
    return reply.code(result.added ? 201 : 200).send(body);
  });

  app.delete(SYNC_LIST_ROUTES.remove.url, async (req, reply) => {
    const ref = parse(syncListEntryParamsSchema, req.params);
    const mailbox = await callerMailbox(req);
    if (!(await deps.syncList.remove(mailbox.mailboxId, ref))) throw new HttpError(404, 'not_found', 'The record is not on your sync list.');
    await syncSoon(req, mailbox);
    return reply.code(204).send();
  });
}
