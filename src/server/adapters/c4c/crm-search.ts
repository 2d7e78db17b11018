// The task pane's CRM search (ports/crm-search.ts) in its two ways. As the user: each user's search goes to C4C with
// their own C4C access token (user-session.ts), and C4C answers with what their business role lets them read. As
// the technical user: every query is bounded to the objects the user's employee owns or is responsible for (the
// owner field of each type, linkable-search.ts), which is never more than C4C would show them, and can be less
// (objects they see through an account team or a territory are left out).
import type { CrmActivities } from '../../ports/crm-activities.js';
import type { CrmSearch, CrmSearchCaller, CrmSearchQuery } from '../../ports/crm-search.js';
import { PortFailure } from '../../ports/write-results.js';
import { guarded } from './change-query.js';
import { searchLinkable } from './linkable-search.js';
import type { ODataHttp } from './odata-http.js';
import { readPreview } from './record-preview.js';
import type { PreviewType } from '../../../shared/preview-api.js';
import type { C4cUserSessions } from './user-session.js';

export class C4cUserSearch implements CrmSearch {
  readonly mode = 'user';

  constructor(private readonly sessions: C4cUserSessions) {}

  search(caller: CrmSearchCaller, query: CrmSearchQuery) {
    return this.asUser(caller, (http) => searchLinkable(http, query.text, query.types, query.top));
  }

  preview(caller: CrmSearchCaller, type: PreviewType, id: string) {
    return this.asUser(caller, (http) => readPreview(http, type, id));
  }

  private async asUser<T>(caller: CrmSearchCaller, work: (http: ODataHttp) => Promise<T>): Promise<T> {
    const run = async () => work(await this.sessions.connectionFor(caller.userId, caller.apiToken));
    try {
      return await guarded(run);
    } catch (error) {
      // C4C refused a token it issued (revoked, or the user's business role changed): one new token, one more try.
      if (!(error instanceof PortFailure) || error.error.code !== 'auth') throw error;
      this.sessions.forget(caller.userId);
      return guarded(run);
    }
  }
}

export class C4cOwnerSearch implements CrmSearch {
  readonly mode = 'owner';

  constructor(private readonly crm: Pick<CrmActivities, 'searchLinkable' | 'previewRecord'>) {}

  search(caller: CrmSearchCaller, query: CrmSearchQuery) {
    const owner = caller.mailbox.employeePartyId;
    if (!owner) return Promise.reject(new PortFailure({ code: 'auth', message: 'the mailbox has no C4C employee to bound the search by' }));
    return this.crm.searchLinkable(caller.mailbox.tenantId, { ...query, ownerPartyId: owner });
  }

  preview(caller: CrmSearchCaller, type: PreviewType, id: string) {
    const owner = caller.mailbox.employeePartyId;
    if (!owner) return Promise.reject(new PortFailure({ code: 'auth', message: 'the mailbox has no C4C employee to bound the preview by' }));
    return this.crm.previewRecord(caller.mailbox.tenantId, { type, id, ownerPartyId: owner });
  }
}
