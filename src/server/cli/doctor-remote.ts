// `npm run doctor` through a running service: GET /api/admin/checks with an admin's token, printed like a local run.
// The service runs the checks with the configuration it runs with, which is what matters beside `npm start` (whose
// settings live in its process, and whose embedded database only it may open).
import { doctorReportSchema } from '../../shared/admin-api.js';
import { exitCodeOfReport, formatReport } from '../doctor/printer.js';
import { sandboxAdminToken } from './remote.js';

export interface DoctorRemoteOptions {
  serviceUrl: string;
  /** An admin's bearer token, or null to ask the sandbox identity at `sandboxGraphUrl` for its demo administrator's. */
  token: string | null;
  sandboxGraphUrl: string;
  json: boolean;
}

type Io = { out(text: string): void; err(text: string): void };

/** fetch's "fetch failed" with its cause (ECONNREFUSED …), which is what an operator can act on. */
function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return `${(error as Error).message}${detail ? ` (${detail})` : ''}`;
}

export async function doctorThroughService(options: DoctorRemoteOptions, io: Io): Promise<number> {
  let token: string;
  try {
    token = options.token ?? (await sandboxAdminToken(options.sandboxGraphUrl));
  } catch (error) {
    io.err(`✖ Admin token: ${reason(error)}\n    → Beside \`npm start\` the sandbox issues one; for a deployment pass --token <admin token> (or CRMSYNC_ADMIN_TOKEN), or put the settings in the environment to check them from here.`);
    return 1;
  }
  let res: Response;
  try {
    res = await fetch(`${options.serviceUrl}/api/admin/checks`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(120_000) });
  } catch (error) {
    io.err(`✖ Service at ${options.serviceUrl}: no answer (${reason(error)})\n    → Is \`npm start\` running? Or pass --service <url>, or put the settings in the environment to check them from here.`);
    return 1;
  }
  const body: unknown = await res.json().catch(() => null);
  const report = doctorReportSchema.safeParse(body);
  if (res.status !== 200 || !report.success) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? '';
    io.err(`✖ Service at ${options.serviceUrl}: ${res.status} ${message}`.trim() + `\n    → ${res.status === 403 || res.status === 401 ? 'The token must be an admin\'s (the ADMIN_ROLE app role).' : 'A service of this version answers GET /api/admin/checks.'}`);
    return 1;
  }
  io.out(options.json ? JSON.stringify(report.data, null, 2) : formatReport(report.data, `the running service at ${options.serviceUrl} (its configuration)`));
  return exitCodeOfReport(report.data);
}
