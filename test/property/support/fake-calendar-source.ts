// CalendarSource (ports/calendar-source.ts) over FakeOutlook, as the Graph adapter behaves towards the session:
// a delta read from an opaque cursor (null: a full read of the window, no removals), current state by id (missing
// ones come back removed), and batched writes with one result per request. Each write request passes the session's
// fault gate first: it may crash the session, let a user edit race it, or fail before or after it takes effect.
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { OutlookItem } from '../../../src/server/domain/snapshots.js';
import type { CalendarChanges, CalendarSource, CalendarWriteRequest, SyncWindow } from '../../../src/server/ports/calendar-source.js';
import type { WriteResult } from '../../../src/server/ports/write-results.js';
import type { FakeOutlook, FakeResult } from './fake-outlook.js';
import { OPEN_GATE, type FaultGate, type WriteTarget } from '../../support/session-faults.js';
import { gatedWrites } from './gated-writes.js';

export class FakeCalendarSource implements CalendarSource {
  constructor(
    private readonly outlook: FakeOutlook,
    private readonly gate: FaultGate = OPEN_GATE,
  ) {}

  async readChanges(_mailbox: Mailbox, cursor: string | null, _window: SyncWindow): Promise<CalendarChanges> {
    this.gate.read('readChanges');
    const nextCursor = String(this.outlook.cursor);
    if (cursor === null) return { items: this.outlook.getItems(this.outlook.all().map((e) => e.id)), nextCursor, full: true };
    const since = Number(cursor);
    if (!Number.isInteger(since)) throw new Error(`fake: unreadable delta cursor ${cursor}`);
    return { items: this.outlook.changesSince(since), nextCursor, full: false };
  }

  async getItems(_mailbox: Mailbox, ids: readonly string[]): Promise<OutlookItem[]> {
    this.gate.read('getItems');
    return this.outlook.getItems(ids);
  }

  write(_mailbox: Mailbox, requests: readonly CalendarWriteRequest[]): Promise<WriteResult[]> {
    const target = (request: CalendarWriteRequest): WriteTarget => (request.op === 'create' ? null : { side: 'outlook', id: request.id });
    return gatedWrites(this.gate, 'calendar.write', requests, target, (request) => this.apply(request));
  }

  private apply(request: CalendarWriteRequest): FakeResult {
    switch (request.op) {
      case 'create':
        return this.outlook.create(request.transactionId, request.fields, request.categories);
      case 'update':
        return this.outlook.update(request.id, request.ifMatch, request.patch, request.categoryEdit ?? null);
      case 'delete':
        return this.outlook.delete(request.id, request.ifMatch);
      case 'editCategories':
        return this.outlook.editCategories(request.id, request.edit);
      case 'setCategories':
        return this.outlook.setCategories(request.id, request.categories);
    }
  }
}
