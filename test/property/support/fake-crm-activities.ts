// CrmActivities (ports/crm-activities.ts) over FakeCrm, as the C4C adapter behaves towards the session and the
// tenant poll: the change query by high-water mark, current state by id (missing ones come back removed), the
// create upsert's lookup by GroupwareItemID, party resolution (R8: only e-mails C4C knows) and batched writes with
// one result per request. C4C keeps the attendees as the request's resolved parties, as the real payloads do.
// Each write request passes the session's fault gate first (see fake-calendar-source.ts).
import type { SyncKind } from '../../../src/shared/categories.js';
import type { Attendee } from '../../../src/server/domain/calendar-item.js';
import type { CrmActivity } from '../../../src/server/domain/snapshots.js';
import type { CrmActivities, CrmChanges, CrmSearchHit, CrmWriteRequest, ResolvedParty } from '../../../src/server/ports/crm-activities.js';
import type { WriteResult } from '../../../src/server/ports/write-results.js';
import { RESOLVABLE_DOMAIN, type FakeCrm } from './fake-crm.js';
import type { FakeResult } from './fake-groupware-store.js';
import { gatedWrites } from './gated-writes.js';
import { OPEN_GATE, type FaultGate, type WriteTarget } from '../../support/session-faults.js';

const asAttendees = (parties: readonly ResolvedParty[]): Attendee[] =>
  parties.map((p) => ({ email: p.email, name: p.name, type: 'required' as const, response: 'none' as const }));

export class FakeCrmActivities implements CrmActivities {
  constructor(
    private readonly crm: FakeCrm,
    private readonly gate: FaultGate = OPEN_GATE,
  ) {}

  async changedSince(_tenantId: string, highWater: string | null, window: { startUtc: string; endUtc: string }): Promise<CrmChanges> {
    this.gate.read('changedSince');
    return this.crm.changedSince(highWater, window);
  }

  async getByIds(_tenantId: string, refs: readonly { kind: SyncKind; objectId: string }[]): Promise<CrmActivity[]> {
    this.gate.read('getByIds');
    return this.crm.getByIds(refs);
  }

  async findByGroupwareItemId(_tenantId: string, kind: SyncKind, groupwareItemId: string): Promise<CrmActivity | null> {
    this.gate.read('findByGroupwareItemId');
    return this.crm.findByGroupwareItemId(kind, groupwareItemId);
  }

  async resolveParties(_tenantId: string, emails: readonly string[]): Promise<ResolvedParty[]> {
    this.gate.read('resolveParties');
    return [...new Set(emails.map((e) => e.toLowerCase()))]
      .filter((e) => e.endsWith(RESOLVABLE_DOMAIN))
      .map((email) => ({ email, partyId: `P-${email}`, partyType: 'employee' as const, name: '' }));
  }

  async searchLinkable(): Promise<CrmSearchHit[]> {
    return [];
  }

  async previewRecord(): Promise<null> {
    return null;
  }

  write(_tenantId: string, requests: readonly CrmWriteRequest[]): Promise<WriteResult[]> {
    const target = (request: CrmWriteRequest): WriteTarget => (request.op === 'create' ? null : { side: 'crm', objectId: request.objectId });
    return gatedWrites(this.gate, 'crm.write', requests, target, (request) => this.apply(request));
  }

  private apply(request: CrmWriteRequest): FakeResult {
    switch (request.op) {
      case 'create':
        return this.crm.create(request.kind, request.groupwareItemId, { ...request.fields, attendees: asAttendees(request.parties) });
      case 'update': {
        const patch = request.parties ? { ...request.patch, attendees: asAttendees(request.parties) } : request.patch;
        return this.crm.update(request.objectId, request.ifMatch, patch, request.groupwareItemId);
      }
      case 'cancel':
        return this.crm.cancel(request.objectId, request.ifMatch);
    }
  }
}
