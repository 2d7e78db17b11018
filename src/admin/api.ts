// The admin console's calls to /api/admin/* (contract: src/shared/admin-api.ts), each with the admin's bearer token.
// A refused call throws AdminApiError with the service's message (e.g. `CONFLICT_WINNER: must be one of …`).
import type {
  AuditResponse,
  EnrolmentApplied,
  EnrolmentPolicy,
  EnrolmentPreview,
  EnrolmentResponse,
  DryRunResponse,
  HealthHistoryResponse,
  HoldListResponse,
  HoldSummary,
  MailboxActionResponse,
  MailboxDetailResponse,
  MailboxListResponse,
  MailboxState,
  SettingsResponse,
  SettingsUpdateResponse,
  SettingValue,
} from '../shared/admin-api.js';

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface MailboxFilter {
  q?: string;
  state?: MailboxState;
  provider?: 'graph' | 'google';
  cursor?: string;
  limit?: number;
}

/** `enrol` / `remove`: an admin's enrolment decision for the mailbox (until the next policy is applied). */
export type MailboxAction = 'pause' | 'resume' | 'resync' | 'enrol' | 'remove';

/** What the views need; tests pass a fake. */
export interface AdminApi {
  listMailboxes(filter: MailboxFilter): Promise<MailboxListResponse>;
  mailboxAction(mailboxId: string, action: MailboxAction): Promise<MailboxActionResponse>;
  mailbox(mailboxId: string): Promise<MailboxDetailResponse>;
  retryItem(mailboxId: string, pairId: string): Promise<void>;
  listHolds(status?: 'held'): Promise<HoldListResponse>;
  decideHold(holdId: string, decision: 'release' | 'discard'): Promise<HoldSummary>;
  settings(): Promise<SettingsResponse>;
  updateSettings(settings: Record<string, SettingValue>): Promise<SettingsUpdateResponse>;
  audit(target?: string): Promise<AuditResponse>;
  enrolment(): Promise<EnrolmentResponse>;
  previewEnrolment(policy: EnrolmentPolicy): Promise<EnrolmentPreview>;
  applyEnrolment(policy: EnrolmentPolicy): Promise<EnrolmentApplied>;
  healthHistory(): Promise<HealthHistoryResponse>;
  dryRun(mailbox: string, settings?: Record<string, SettingValue>): Promise<DryRunResponse>;
}

const seg = encodeURIComponent;

export function createAdminApi(baseUrl: string, getToken: () => Promise<string>): AdminApi {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${await getToken()}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const answer = await fetch(`${baseUrl}/api/admin${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
    const text = await answer.text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (!answer.ok) {
      const message = (json as { error?: { message?: string } } | null)?.error?.message ?? `The service answered ${answer.status}.`;
      throw new AdminApiError(answer.status, message);
    }
    return json as T;
  };
  const query = (params: Record<string, string | number | undefined>): string => {
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') q.set(key, String(value));
    const s = q.toString();
    return s ? `?${s}` : '';
  };
  return {
    listMailboxes: (f) => call('GET', `/mailboxes${query({ q: f.q, state: f.state, provider: f.provider, cursor: f.cursor, limit: f.limit })}`),
    mailboxAction: (id, action) => call('POST', `/mailboxes/${seg(id)}/${action}`),
    mailbox: (id) => call('GET', `/mailboxes/${seg(id)}`),
    retryItem: async (id, pairId) => void (await call('POST', `/mailboxes/${seg(id)}/items/${seg(pairId)}/retry`)),
    listHolds: (status) => call('GET', `/holds${query({ status })}`),
    decideHold: (holdId, decision) => call('POST', `/holds/${seg(holdId)}/${decision}`),
    settings: () => call('GET', '/settings'),
    updateSettings: (settings) => call('PUT', '/settings', { settings }),
    audit: (target) => call('GET', `/audit${query({ target, limit: 50 })}`),
    enrolment: () => call('GET', '/enrolment'),
    previewEnrolment: (policy) => call('POST', '/enrolment/preview', { policy }),
    applyEnrolment: (policy) => call('PUT', '/enrolment', { policy }),
    healthHistory: () => call('GET', '/health/history'),
    dryRun: (mailbox, settings) => call('POST', '/dry-run', settings ? { mailbox, settings } : { mailbox }),
  };
}
