// Transport details: links from the server are re-based onto the configured service root or refused, and
// nothing the adapter logs (at debug level, including failures) contains the password or the Basic header.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { C4cCrmActivities } from '../../../src/server/adapters/c4c/index.js';
import { ODataHttp } from '../../../src/server/adapters/c4c/odata-http.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';
import { startAdapterHarness, TENANT, type AdapterHarness } from './harness.js';
import { createRequest, syncWindow } from './fixtures.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => {
  await h.close();
});

describe('C4C adapter: transport', () => {
  it('re-bases next links onto the service root and refuses links elsewhere', () => {
    const http = new ODataHttp({ baseUrl: 'https://my1.crm.example/sap/c4c/odata/v1/c4codataapi', user: 'u', password: 'p', logger: pino({ level: 'silent' }), timeoutMs: 1000 });
    expect(http.resolve('AppointmentCollection?$top=1')).toBe('https://my1.crm.example/sap/c4c/odata/v1/c4codataapi/AppointmentCollection?$top=1');
    expect(http.resolve('https://my1.crm.example/sap/c4c/odata/v1/c4codataapi/X?$skiptoken=1001')).toBe('https://my1.crm.example/sap/c4c/odata/v1/c4codataapi/X?$skiptoken=1001');
    expect(http.resolve('http://internal-lb:8080/sap/c4c/odata/v1/c4codataapi/X?$skiptoken=1001')).toBe('https://my1.crm.example/sap/c4c/odata/v1/c4codataapi/X?$skiptoken=1001');
    expect(() => http.resolve('https://evil.example/steal?$skiptoken=1')).toThrow(PortFailure);
  });

  it('never logs the password or the Authorization header', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    const { user, password } = h.info.technicalUser;
    const adapter = new C4cCrmActivities({ baseUrl: h.svc, user, password, logger, timeoutMs: 5000, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } });
    await adapter.changedSince(TENANT, null, syncWindow());
    await adapter.write(TENANT, [createRequest('t-log-1')]);
    await h.control('PUT', 'faults', { count: 2, kinds: ['unavailable'], pathPrefix: '/sap/c4c' });
    await expect(adapter.searchLinkable(TENANT, { text: 'Alp', types: ['account'], top: 3 })).rejects.toBeInstanceOf(PortFailure);
    const wrong = new C4cCrmActivities({ baseUrl: h.svc, user, password: `${password}-wrong`, logger, timeoutMs: 5000 });
    await expect(wrong.changedSince(TENANT, null, syncWindow())).rejects.toBeInstanceOf(PortFailure);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(log).not.toContain(password);
    expect(log).not.toContain(Buffer.from(`${user}:${password}`).toString('base64'));
    expect(log.toLowerCase()).not.toContain('basic ');
    expect(log).not.toContain('Alp'); // search text stays out of the logs too
  });
});
