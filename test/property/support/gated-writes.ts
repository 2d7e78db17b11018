// A batch of fake writes as the adapters answer it, each request passing the session's fault gate first: the gate
// may crash the session, let a user edit race the write, or fail it before or after it takes effect.
import type { WriteResult } from '../../../src/server/ports/write-results.js';
import type { FaultGate, WriteTarget } from '../../support/session-faults.js';
import type { FakeResult } from './fake-groupware-store.js';

export function writeResultOf(result: FakeResult): WriteResult {
  return result.ok ? { ok: true, id: result.id, version: result.version } : { ok: false, error: { code: result.code, message: `fake: ${result.code}` } };
}

export const TIMED_OUT: WriteResult = { ok: false, error: { code: 'temporary', message: 'fake: timed out' } };

/** One result per request, in order. */
export async function gatedWrites<R>(gate: FaultGate, where: string, requests: readonly R[], targetOf: (request: R) => WriteTarget, apply: (request: R) => FakeResult): Promise<WriteResult[]> {
  gate.alive(where);
  const results: WriteResult[] = [];
  for (const request of requests) {
    const fault = await gate.beforeWrite(targetOf(request));
    if (fault === 'before') {
      results.push(TIMED_OUT);
      continue;
    }
    const result = writeResultOf(apply(request));
    results.push(fault === 'after' ? TIMED_OUT : result);
  }
  gate.afterBatch();
  return results;
}
