// The Microsoft Graph implementation of the CalendarSource port, plus the Graph operations the service needs
// beyond it: change subscriptions (SubscriptionApi), the tenant's users (TenantUsers) and the mailboxes' master
// category lists (MasterCategories). One instance serves every mailbox of the tenant: one token cache, one
// per-mailbox concurrency budget.
import { listUsers, type GraphUser } from './users.js';
import { groupMembers } from './group-members.js';
import type { GroupMembers } from '../../domain/enrolment.js';
import type { GroupDirectory } from '../../ports/enrolment.js';
import type { Mailbox } from '../../domain/mailbox.js';
import { normalizeGraphEvent } from '../../domain/normalize-graph.js';
import type { OutlookItem, OutlookItemPresent } from '../../domain/snapshots.js';
import type { ReplayedCreate, SharedItemRef } from '../../ports/groupware-port.js';
import type { CalendarChanges, CalendarSource, CalendarWriteRequest, SyncWindow } from '../../ports/calendar-source.js';
import type { SubscriptionApi, SubscriptionResources } from '../../ports/change-subscriptions.js';
import type { MasterCategories } from '../../ports/master-categories.js';
import type { MasterCategory } from '../../domain/master-categories.js';
import type { TenantUsers } from '../../ports/tenant-users.js';
import type { WriteResult } from '../../ports/write-results.js';
import { readCalendarChanges } from './delta-reader.js';
import { fetchEventsById } from './event-reads.js';
import { findSharedCopies } from './shared-copies.js';
import { findDeletedCreates } from './deleted-creates.js';
import { writeCalendarItems } from './event-writer.js';
import { GraphHttp } from './graph-http.js';
import { ensureMasterCategories } from './master-categories.js';
import { resolveGraphOptions, type GraphAdapterOptions } from './options.js';
import {
  createEventSubscription,
  deleteSubscription,
  eventsResource,
  listSubscriptions,
  reauthorizeSubscription,
  renewSubscription,
  subscriptionExists,
  type CreateSubscriptionInput,
  type GraphSubscription,
} from './subscriptions.js';
import { GraphTokenProvider } from './token-provider.js';
import { noteUnknownZones } from './unknown-zones.js';
import type { Logger } from 'pino';

export class GraphCalendarSource implements CalendarSource, SubscriptionApi, SubscriptionResources, TenantUsers, GroupDirectory, MasterCategories {
  readonly http: GraphHttp;
  private readonly logger: Logger;

  constructor(options: GraphAdapterOptions) {
    const resolved = resolveGraphOptions(options);
    this.logger = resolved.logger;
    const tokens = new GraphTokenProvider({
      authority: resolved.authority,
      tenantId: resolved.tenantId,
      clientId: resolved.clientId,
      clientSecret: resolved.clientSecret,
      scope: resolved.graphScope,
      logger: resolved.logger,
    });
    this.http = new GraphHttp(resolved, tokens);
  }

  async readChanges(mailbox: Mailbox, cursor: string | null, window: SyncWindow): Promise<CalendarChanges> {
    const changes = await readCalendarChanges(this.http, mailbox, cursor, window);
    noteUnknownZones(changes.items, this.logger);
    return changes;
  }

  async getItems(mailbox: Mailbox, ids: readonly string[]): Promise<OutlookItem[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const userId = this.http.options.userIdOf(mailbox);
    const found = await fetchEventsById(this.http, userId.toLowerCase(), userId, unique);
    const items = unique.map((id): OutlookItem => {
      const event = found.get(id);
      return event ? normalizeGraphEvent(event, { addinId: this.http.options.addinId }) : { removed: true, id };
    });
    noteUnknownZones(items, this.logger);
    return items;
  }

  /** R8: the mailbox's copies of meetings by iCalUId (shared-copies.ts). */
  findShared(mailbox: Mailbox, wanted: readonly SharedItemRef[]): Promise<OutlookItemPresent[]> {
    return wanted.length === 0 ? Promise.resolve([]) : findSharedCopies(this.http, mailbox, wanted);
  }

  /** Creates of ours the user deleted before a crashed session learned their ids (deleted-creates.ts). */
  findDeletedCreates(mailbox: Mailbox, creates: readonly ReplayedCreate<OutlookItemPresent['fields']>[]): Promise<Map<string, string>> {
    return creates.length === 0 ? Promise.resolve(new Map()) : findDeletedCreates(this.http, mailbox, creates.map((c) => c.pairId));
  }

  write(mailbox: Mailbox, requests: readonly CalendarWriteRequest[]): Promise<WriteResult[]> {
    return requests.length === 0 ? Promise.resolve([]) : writeCalendarItems(this.http, mailbox, requests);
  }

  createSubscription(mailbox: Mailbox, input: CreateSubscriptionInput): Promise<GraphSubscription> {
    return createEventSubscription(this.http, mailbox, input);
  }

  /** `resource`: what the subscription is on (its longest lifetime depends on it); default: events. */
  renewSubscription(subscriptionId: string, resource?: string, expirationDateTime?: string): Promise<GraphSubscription> {
    return renewSubscription(this.http, subscriptionId, resource, expirationDateTime);
  }

  listSubscriptions(): Promise<GraphSubscription[]> {
    return listSubscriptions(this.http);
  }

  /** The calendar family subscribes to the mailbox's events. */
  async subscriptionResources(mailbox: Mailbox): Promise<string[]> {
    return [eventsResource(this.http, mailbox)];
  }

  reauthorizeSubscription(subscriptionId: string): Promise<void> {
    return reauthorizeSubscription(this.http, subscriptionId);
  }

  subscriptionExists(subscriptionId: string): Promise<boolean> {
    return subscriptionExists(this.http, subscriptionId);
  }

  deleteSubscription(subscriptionId: string): Promise<'deleted' | 'notFound'> {
    return deleteSubscription(this.http, subscriptionId);
  }

  /** Creates the sync categories the mailbox's master list lacks (R1, R9: the Categorize menu offers them). */
  ensureMasterCategories(mailbox: Mailbox, wanted: readonly MasterCategory[]): Promise<string[]> {
    return ensureMasterCategories(this.http, mailbox, wanted);
  }

  /** The tenant's users, for mailbox provisioning. */
  listUsers(): Promise<GraphUser[]> {
    return listUsers(this.http);
  }

  groupMembers(groupId: string): Promise<GroupMembers> {
    return groupMembers(this.http, groupId);
  }
}
