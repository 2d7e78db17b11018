// Requests without a body that carry a content-type anyway (clients that label every call as JSON, JSON $batch
// members that name one): Graph serves them as if unlabelled, so DELETE deletes. Every route of the sandbox is
// checked for the same: a bodyless request gets the same answer with or without a label.
import { DEMO_TENANT } from '../../../src/sandbox/common/demo-tenant.js';
import { BODY_METHODS, bodylessRequest, labelledBodylessDifferences, routesOf } from '../../support/bodyless-sweep.js';
import { AVA, expectGraphError, newEvent, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const createEvent = async (subject: string): Promise<string> => {
  const res = await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent(subject) });
  expect(res.status).toBe(201);
  return String(res.body.id);
};

describe('bodyless requests labelled with a content-type', () => {
  it('DELETE with content-type: application/json and no body deletes the event (with content-length: 0, and with none)', async () => {
    const lengths: Record<string, string>[] = [{ 'content-length': '0' }, {}];
    for (const length of lengths) {
      const id = await createEvent('Deleted by a labelling client');
      const url = `${h.url}/v1.0/users/${AVA.id}/events/${id}`;
      const res = await bodylessRequest(url, 'DELETE', { authorization: `Bearer ${h.appToken}`, 'content-type': 'application/json', ...length });
      expect([res.status, res.body]).toEqual([204, '']);
      expect((await h.graph('GET', `/users/${AVA.id}/events/${id}`)).status).toBe(404);
    }
  });

  it('a $batch DELETE member that names a JSON content-type deletes', async () => {
    const id = await createEvent('Deleted in a batch');
    const res = await h.graph('POST', '/$batch', {
      body: { requests: [{ id: '1', method: 'DELETE', url: `/users/${AVA.id}/events/${id}`, headers: { 'Content-Type': 'application/json' } }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.responses.map((r: { status: number }) => r.status)).toEqual([204]);
    expect((await h.graph('GET', `/users/${AVA.id}/events/${id}`)).status).toBe(404);
  });

  it('a create still needs its body: an empty one is "Empty Payload", as Graph answers', async () => {
    const res = await h.graph('POST', `/users/${AVA.id}/events`, { raw: '', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expectGraphError(res.body, 'BadRequest');
    expect(res.body.error.message).toBe('Empty Payload. JSON content expected.');
  });

  it('every route answers a bodyless request the same, whatever content-type it names', async () => {
    // Nothing may be throttled in between (the comparison sends each request six times).
    expect((await h.control('PUT', '/throttling', { requestsPerWindow: 1_000_000 })).status).toBe(200);
    try {
      const fill = (url: string) =>
        url
          .replace(/:userId|:mailbox/g, AVA.id)
          .replace(':tenant', DEMO_TENANT.tenantId)
          .replace(/:[A-Za-z]+/g, 'AAMkAGI2bodyless000000000000AAA=');
      const requests = routesOf(h.sandbox.app).flatMap((r) => r.methods.filter((m) => BODY_METHODS.includes(m)).map((method) => ({ method, url: fill(r.url) })));
      expect(requests.length).toBeGreaterThan(50);
      expect(await labelledBodylessDifferences(h.sandbox.app, requests, { authorization: `Bearer ${h.appToken}` })).toEqual([]);
    } finally {
      await h.control('DELETE', '/throttling');
    }
  });
});
