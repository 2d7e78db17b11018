// Requests without a body that carry a content-type anyway: SAP Cloud SDK's http-client sends a function-import
// POST with `content-type: application/x-www-form-urlencoded` and `content-length: 0`, and C4C answers it. Every
// route of the sandbox (control plane, entity sets, function imports, $batch) is checked for the same: a bodyless
// request gets the same answer with or without a label.
import { executeHttpRequest } from '@sap-cloud-sdk/http-client';
import { DEMO_TENANT } from '../../../src/sandbox/common/demo-tenant.js';
import { BODY_METHODS, bodylessRequest, labelledBodylessDifferences, routesOf } from '../../support/bodyless-sweep.js';
import { BASIC, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ accounts: 20 });
});
afterAll(() => h.close());

const SERVICE_PATH = '/sap/c4c/odata/v1/c4codataapi/';

describe('bodyless requests labelled with a content-type', () => {
  it("answers SAP Cloud SDK's http-client calling a function import by POST (form content-type, no body)", async () => {
    const destination = { url: h.origin, username: DEMO_TENANT.c4cTechnicalUser.user, password: DEMO_TENANT.c4cTechnicalUser.password, authentication: 'BasicAuthentication' as const };
    const res = await executeHttpRequest(destination, { method: 'post', url: `${SERVICE_PATH}CheckAppointmentByGroupwareID?GroupwareItemID='AAMk-no-such-item'` });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ d: { CheckAppointmentByGroupwareID: false } });
  });

  it('answers the same request over plain HTTP with exactly those headers', async () => {
    const { token, cookie } = await h.csrf();
    const res = await bodylessRequest(`${h.svc}CheckVisitByGroupwareID?GroupwareItemID='AAMk-none'`, 'POST', {
      authorization: BASIC,
      accept: 'application/json',
      'x-csrf-token': token,
      cookie,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '0',
    });
    expect([res.status, JSON.parse(res.body)]).toEqual([200, { d: { CheckVisitByGroupwareID: false } }]);
  });

  it('every route answers a bodyless request the same, whatever content-type it names', async () => {
    const { token, cookie } = await h.csrf();
    const controlPlane = routesOf(h.app)
      .filter((r) => r.url.startsWith('/_sandbox/'))
      .flatMap((r) => r.methods.filter((m) => BODY_METHODS.includes(m)).map((method) => ({ method, url: r.url.replace(/:[A-Za-z]+/g, 'NOSUCHID') })));
    const odataPaths = [
      'AppointmentCollection',
      "AppointmentCollection('00163E0000000000000000000000DEAD')",
      "TasksCollection('00163E0000000000000000000000DEAD')",
      "CheckAppointmentByGroupwareID?GroupwareItemID='x'",
      '$batch',
      'NoSuchCollection',
    ];
    const odata = odataPaths.flatMap((path) => BODY_METHODS.map((method) => ({ method, url: `${SERVICE_PATH}${path}` })));
    expect(controlPlane.length).toBeGreaterThan(8);
    const headers = { authorization: BASIC, accept: 'application/json', 'x-csrf-token': token, cookie };
    expect(await labelledBodylessDifferences(h.app, [...controlPlane, ...odata], headers)).toEqual([]);
  });
});
