// The doctor's Google line (R10) against the Google sandbox: the service account's delegated calendar scope proven by
// reading a Workspace user's calendar list with the sync's own client, and each way it can fail, with what to do.
import { GoogleDoctorProbes } from '../../../src/server/adapters/google/index.js';
import { googleChecks, type GoogleCheckSettings } from '../../../src/server/doctor/google-checks.js';
import { DAN, startGoogleHarness, type GoogleHarness } from '../sandbox-google/harness.js';

let h: GoogleHarness;
let probes: GoogleDoctorProbes;
beforeAll(async () => {
  h = await startGoogleHarness();
  const key = h.info.serviceAccountKey as { client_email: string; private_key: string; private_key_id: string };
  probes = new GoogleDoctorProbes({ key, apiRootUrl: `${h.url}/`, tokenUrl: h.info.tokenUrl as string });
});
afterAll(async () => h?.close());

const settings = (overrides: Partial<GoogleCheckSettings> = {}): GoogleCheckSettings => ({ users: [DAN], domains: [], clientId: '118000000000000000001', mailbox: null, ...overrides });

describe('the doctor on Google Calendar', () => {
  it('reads a configured Google user’s calendar list as the service account: delegation works', async () => {
    const [line] = await googleChecks(probes, settings());
    expect(line).toMatchObject({ id: 'google.delegation', status: 'ok' });
    expect(line?.detail).toContain(DAN);
  });

  it('checks DOCTOR_MAILBOX when it is a Google user; a refused token names the client ID and the scope to delegate', async () => {
    const [line] = await googleChecks(probes, settings({ users: [], domains: ['contoso.example'], mailbox: 'nobody@contoso.example' }));
    expect(line).toMatchObject({ status: 'fail' });
    expect(line?.detail).toMatch(/token for nobody@contoso\.example was refused: 400 invalid_grant/);
    expect(line?.fix).toContain('client ID 118000000000000000001');
    expect(line?.fix).toContain('https://www.googleapis.com/auth/calendar');
  });

  it('says what is missing: no Google users (skip), users but no key (fail), only domains and no mailbox named (skip)', async () => {
    expect((await googleChecks(probes, settings({ users: [] })))[0]).toMatchObject({ status: 'skip', detail: expect.stringMatching(/no Google Workspace users/) });
    expect((await googleChecks(null, settings()))[0]).toMatchObject({ status: 'fail', fix: expect.stringMatching(/GOOGLE_SERVICE_ACCOUNT_KEY_FILE/) });
    expect((await googleChecks(probes, settings({ users: [], domains: ['contoso.example'] })))[0]).toMatchObject({ status: 'skip', detail: expect.stringMatching(/DOCTOR_MAILBOX/) });
  });

  it('tells a Google that does not answer from a refused delegation', async () => {
    const unreachable = new GoogleDoctorProbes({ key: h.info.serviceAccountKey as { client_email: string; private_key: string }, apiRootUrl: 'http://127.0.0.1:9/', tokenUrl: 'http://127.0.0.1:9/token' });
    const [line] = await googleChecks(unreachable, settings());
    expect(line).toMatchObject({ status: 'fail', fix: expect.stringMatching(/GOOGLE_API_ROOT_URL and GOOGLE_TOKEN_URL/) });
  });
});
