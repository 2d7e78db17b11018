// The doctor's Google probe (ports/doctor-probes.ts): one calendarList.list as a Workspace user, through the same
// client the sync uses (google-client.ts), so the grant, the delegated scope and the API host are all exercised.
import type { GoogleProbes, ProbeOutcome } from '../../ports/doctor-probes.js';
import { googleErrorOf } from './google-call.js';
import { GoogleClients } from './google-client.js';
import type { GoogleAdapterOptions } from './options.js';

export class GoogleDoctorProbes implements GoogleProbes {
  private readonly clients: GoogleClients;

  constructor(options: Pick<GoogleAdapterOptions, 'key' | 'apiRootUrl' | 'tokenUrl'>) {
    this.clients = new GoogleClients(options);
  }

  async calendarList(user: string): Promise<ProbeOutcome> {
    try {
      const answer = await this.clients.forUser(user).calendarList.list({ maxResults: 50 });
      const count = answer.data.items?.length ?? 0;
      return { ok: true, note: `${count} calendar${count === 1 ? '' : 's'} listed` };
    } catch (error) {
      const info = googleErrorOf(error);
      return { ok: false, status: info.status || null, code: info.reason || 'error', message: info.message.slice(0, 300) };
    }
  }
}
