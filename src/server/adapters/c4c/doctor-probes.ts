// The doctor's C4C probes (ports/doctor-probes.ts), as the technical user over the service's own OData client: the
// CSRF fetch, a one-row read per entity set, and a write round trip per root set. C4C's OData API has no way to ask
// "may I write here?" without writing (no dry run, and whether a refused write is told apart from a missing record is
// not documented), so the write check creates a marked record, updates it and deletes it.
import type { CrmProbes, CrmWritableRoot, ProbeFailure, ProbeOutcome } from '../../ports/doctor-probes.js';
import { PortFailure } from '../../ports/write-results.js';
import { portErrorForStatus } from './http-errors.js';
import { ODataHttp, type C4cConnectionOptions, type HttpResponse } from './odata-http.js';
import { keyPredicate } from './odata-literals.js';

/** The subject of what the doctor creates, so that anyone who sees one knows what it is. */
const MARK = 'CRM sync doctor check (safe to delete)';

function failureOf(res: HttpResponse): ProbeFailure {
  const error = portErrorForStatus(res.status, res.text);
  return { ok: false, status: res.status, code: error.code, message: `${error.message}${error.detail ? `: ${error.detail.slice(0, 200)}` : ''}` };
}

function thrown(error: unknown): ProbeFailure {
  if (error instanceof PortFailure) return { ok: false, status: null, code: error.error.code, message: error.error.message };
  return { ok: false, status: null, code: 'unreachable', message: error instanceof Error ? error.message : String(error) };
}

/** A minimal record of each root: a subject and, for activities, a quarter of an hour over a year ago. */
function recordOf(root: CrmWritableRoot): Record<string, unknown> {
  const start = Date.now() - 400 * 86_400_000;
  const at = (ms: number) => `/Date(${ms})/`;
  if (root === 'AppointmentCollection') return { Subject: MARK, StartDate: at(start), EndDate: at(start + 900_000) };
  if (root === 'VisitCollection') return { Subject: MARK, StartDateTime: at(start), EndDateTime: at(start + 900_000) };
  return { Subject: MARK };
}

export class C4cDoctorProbes implements CrmProbes {
  private readonly http: ODataHttp;

  constructor(options: C4cConnectionOptions) {
    // A throttled or busy C4C is retried briefly (429/502/503/504 only; a refusal is what the doctor reports).
    this.http = new ODataHttp({ ...options, retry: { maxAttempts: 3, maxDelayMs: 5_000 } });
  }

  private async send(req: Parameters<ODataHttp['send']>[0]): Promise<HttpResponse | ProbeFailure> {
    try {
      return await this.http.send(req);
    } catch (error) {
      return thrown(error);
    }
  }

  async csrf(): Promise<ProbeOutcome> {
    const res = await this.send({ method: 'GET', path: '', headers: { 'x-csrf-token': 'Fetch' }, idempotent: true });
    if ('ok' in res) return res;
    if (res.status !== 200) return failureOf(res);
    const token = res.headers.get('x-csrf-token');
    if (!token || token.toLowerCase() === 'required') return { ok: false, status: res.status, code: 'no_csrf_token', message: 'C4C answered without issuing a CSRF token' };
    return { ok: true };
  }

  async read(entitySet: string): Promise<ProbeOutcome> {
    const path = /^[A-Z]\w*Collection$/.test(entitySet) ? `${entitySet}?$top=1&$format=json` : `${entitySet}?$format=json`;
    const res = await this.send({ method: 'GET', path, idempotent: true });
    if ('ok' in res) return res;
    return res.status === 200 ? { ok: true } : failureOf(res);
  }

  async write(root: CrmWritableRoot): Promise<ProbeOutcome> {
    const created = await this.send({ method: 'POST', path: root, body: JSON.stringify(recordOf(root)), idempotent: false });
    if ('ok' in created) return created;
    if (created.status !== 201) return failureOf(created);
    let objectId: unknown;
    try {
      objectId = (JSON.parse(created.text) as { d?: { ObjectID?: unknown } }).d?.ObjectID;
    } catch {
      objectId = undefined;
    }
    if (typeof objectId !== 'string') return { ok: false, status: created.status, code: 'unexpected', message: 'C4C created the record without an ObjectID' };
    const entity = `${root}${keyPredicate(objectId)}`;
    const updated = await this.send({ method: 'PATCH', path: entity, body: JSON.stringify({ Subject: `${MARK} (updated)` }), idempotent: true });
    if ('ok' in updated) return updated;
    if (updated.status !== 204 && updated.status !== 200) return { ...failureOf(updated), message: `created test record ${objectId} but could not update it: ${failureOf(updated).message}` };
    const deleted = await this.send({ method: 'DELETE', path: entity, idempotent: true });
    if ('ok' in deleted) return deleted;
    // The service never deletes activities or tasks (it cancels them), so a refused delete is no fault of the set-up.
    if (deleted.status !== 204 && deleted.status !== 200) return { ok: true, note: `created and updated test record ${objectId}; C4C refused to delete it (${deleted.status}): delete it by hand` };
    return { ok: true, note: 'created, updated and deleted a test record' };
  }
}
