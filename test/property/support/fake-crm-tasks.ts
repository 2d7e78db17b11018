// The task family's CRM port (CrmPort<CrmTask>) over FakeC4cTasks, as a C4C Tasks adapter behaves towards the
// session and the tenant poll: the change query by high-water mark, current state by id (missing ones come back
// removed), the create upsert's lookup by GroupwareItemID and batched writes with one result per request, each
// through the session's fault gate (gated-writes.ts).
import type { CrmTask, NormalizedTask, TaskKind } from '../../../src/server/domain/task-item.js';
import type { CrmChangesOf, CrmPort, CrmWriteRequestOf, ResolvedParty } from '../../../src/server/ports/crm-port.js';
import type { WriteResult } from '../../../src/server/ports/write-results.js';
import { OPEN_GATE, type FaultGate, type WriteTarget } from '../../support/session-faults.js';
import type { FakeC4cTasks } from './fake-c4c-tasks.js';
import { RESOLVABLE_DOMAIN } from './fake-crm.js';
import type { FakeResult } from './fake-groupware-store.js';
import { gatedWrites } from './gated-writes.js';

type TaskWriteRequest = CrmWriteRequestOf<NormalizedTask, TaskKind>;

export class FakeCrmTasks implements CrmPort<CrmTask> {
  constructor(
    private readonly tasks: FakeC4cTasks,
    private readonly gate: FaultGate = OPEN_GATE,
  ) {}

  async changedSince(_tenantId: string, highWater: string | null, window: { startUtc: string; endUtc: string }): Promise<CrmChangesOf<CrmTask>> {
    this.gate.read('tasks.changedSince');
    return this.tasks.changedSince(highWater, window);
  }

  async getByIds(_tenantId: string, refs: readonly { kind: TaskKind; objectId: string }[]): Promise<CrmTask[]> {
    this.gate.read('tasks.getByIds');
    return this.tasks.getByIds(refs);
  }

  async findByGroupwareItemId(_tenantId: string, kind: TaskKind, groupwareItemId: string): Promise<CrmTask | null> {
    this.gate.read('tasks.findByGroupwareItemId');
    return this.tasks.findByGroupwareItemId(kind, groupwareItemId);
  }

  async resolveParties(_tenantId: string, emails: readonly string[]): Promise<ResolvedParty[]> {
    this.gate.read('tasks.resolveParties');
    return [...new Set(emails.map((e) => e.toLowerCase()))]
      .filter((e) => e.endsWith(RESOLVABLE_DOMAIN))
      .map((email) => ({ email, partyId: `P-${email}`, partyType: 'employee' as const, name: '' }));
  }

  write(_tenantId: string, requests: readonly TaskWriteRequest[]): Promise<WriteResult[]> {
    const target = (request: TaskWriteRequest): WriteTarget => (request.op === 'create' ? null : { side: 'crm', objectId: request.objectId });
    return gatedWrites(this.gate, 'tasks.write', requests, target, (request) => this.apply(request));
  }

  private apply(request: TaskWriteRequest): FakeResult {
    switch (request.op) {
      case 'create':
        return this.tasks.create(request.groupwareItemId, request.fields, request.ownerPartyId);
      case 'update':
        return this.tasks.update(request.objectId, request.ifMatch, request.patch, request.groupwareItemId);
      case 'cancel':
        return this.tasks.cancel(request.objectId, request.ifMatch);
    }
  }
}
