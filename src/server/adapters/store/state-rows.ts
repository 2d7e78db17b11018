// Row shapes of the state tables and their mapping to the domain types of ports/state-store.ts.
import type { SyncKind } from '../../../shared/categories.js';
import { errorForOwner, type ItemErrorCode } from '../../domain/errors.js';
import type { Mailbox, MailboxHealth, MailboxProvider, MailboxStatus } from '../../domain/mailbox.js';
import { SESSION_EVENT, sessionSummaryFrom, type HoldStatus, type SessionHold, type SyncLogEntry, type SyncLogOutcome } from '../../domain/sync-log.js';
import type { PairOrigin, PairStatus, SyncPair } from '../../domain/sync-pair.js';
import type { Action } from '../../domain/actions.js';
import { isPairBase } from '../../domain/state-digest.js';
import { conflictRecordFrom } from '../../domain/conflict-record.js';

export interface PairRow {
  pair_id: string;
  mailbox_id: string;
  family: string;
  kind: string;
  origin: string;
  outlook_id: string | null;
  outlook_version: string | null;
  outlook_hash: string | null;
  crm_object_id: string | null;
  crm_version: string | null;
  crm_hash: string | null;
  base: object | null;
  status: string;
  last_error_code: string | null;
  last_error_message: string | null;
  error_since: string | null;
  updated_at: string;
  [column: string]: unknown;
}

export const PAIR_COLUMNS =
  'pair_id, mailbox_id, family, kind, origin, outlook_id, outlook_version, outlook_hash, crm_object_id, crm_version, ' +
  'crm_hash, base, status, last_error_code, last_error_message, error_since, updated_at';

/** Column definitions for `jsonb_to_recordset`, in PAIR_COLUMNS order. */
export const PAIR_RECORD_TYPE =
  'pair_id text, mailbox_id text, family text, kind text, origin text, outlook_id text, outlook_version text, outlook_hash text, ' +
  'crm_object_id text, crm_version text, crm_hash text, base jsonb, status text, last_error_code text, ' +
  'last_error_message text, error_since text, updated_at text';

/** A stored row. Its `base` holds the items of its family; callers of another family than the calendar narrow it by `family`. */
export function pairFromRow(row: PairRow): SyncPair {
  return {
    pairId: row.pair_id,
    mailboxId: row.mailbox_id,
    family: row.family,
    kind: row.kind as SyncKind,
    origin: row.origin as PairOrigin,
    outlookId: row.outlook_id,
    outlookVersion: row.outlook_version,
    outlookHash: row.outlook_hash,
    crmObjectId: row.crm_object_id,
    crmVersion: row.crm_version,
    crmHash: row.crm_hash,
    // A base still holding values (written before 0.2, not yet sealed: seal-legacy-bases.ts) is never read as one.
    base: isPairBase(row.base) ? row.base : null,
    status: row.status as PairStatus,
    lastError:
      row.last_error_code === null ? null : { code: row.last_error_code as ItemErrorCode, message: row.last_error_message ?? '' },
    errorSince: row.error_since,
    updatedAt: row.updated_at,
  };
}

export function pairToRecord(pair: SyncPair<object, string>): PairRow {
  return {
    pair_id: pair.pairId,
    mailbox_id: pair.mailboxId,
    family: pair.family,
    kind: pair.kind,
    origin: pair.origin,
    outlook_id: pair.outlookId,
    outlook_version: pair.outlookVersion,
    outlook_hash: pair.outlookHash,
    crm_object_id: pair.crmObjectId,
    crm_version: pair.crmVersion,
    crm_hash: pair.crmHash,
    base: pair.base,
    status: pair.status,
    last_error_code: pair.lastError?.code ?? null,
    // The pair row is what its owner reads in the task pane: the remote side's wording is kept here.
    last_error_message: pair.lastError ? errorForOwner(pair.lastError) : null,
    error_since: pair.errorSince,
    updated_at: pair.updatedAt,
  };
}

export interface MailboxRow {
  mailbox_id: string;
  tenant_id: string;
  provider: string;
  email: string;
  display_name: string;
  employee_party_id: string | null;
  enabled: boolean;
  health: string;
  last_session_at: string | null;
  last_success_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  pairs_in_error: number;
  [column: string]: unknown;
}

/** The columns mailboxFromRow reads: a list of mailboxes selects these, not the status columns. */
export const MAILBOX_COLUMNS = 'mailbox_id, tenant_id, provider, email, display_name, employee_party_id, enabled, paused_at';

export function mailboxFromRow(row: MailboxRow): Mailbox {
  return {
    mailboxId: row.mailbox_id,
    tenantId: row.tenant_id,
    provider: row.provider as MailboxProvider,
    email: row.email,
    displayName: row.display_name,
    employeePartyId: row.employee_party_id,
    enabled: row.enabled,
    ...(row.paused_at ? { paused: true as const } : {}),
  };
}

export function mailboxStatusFromRow(row: MailboxRow): MailboxStatus {
  return {
    mailboxId: row.mailbox_id,
    health: row.health as MailboxHealth,
    lastSessionAt: row.last_session_at,
    lastSuccessAt: row.last_success_at,
    lastErrorCode: row.last_error_code,
    lastErrorMessage: row.last_error_message,
    pairsInError: row.pairs_in_error,
  };
}

export interface LogRow {
  at: string;
  session_id: string;
  mailbox_id: string;
  pair_id: string | null;
  event: string;
  outcome: string;
  code: string | null;
  message: string | null;
  /** The conflict record of an R12 line (domain/conflict-record.ts), else null. */
  detail: unknown;
  [column: string]: unknown;
}

export const LOG_RECORD_TYPE =
  'at text, session_id text, mailbox_id text, pair_id text, event text, outcome text, code text, message text, detail jsonb';

export function logFromRow(row: LogRow): SyncLogEntry {
  return {
    at: row.at,
    sessionId: row.session_id,
    mailboxId: row.mailbox_id,
    pairId: row.pair_id,
    event: row.event,
    outcome: row.outcome as SyncLogOutcome,
    code: row.code,
    message: row.message,
    ...(row.event === SESSION_EVENT ? sessionOf(row.detail) : conflictOf(row.detail)),
  };
}

function sessionOf(detail: unknown): Pick<SyncLogEntry, 'session'> {
  const summary = sessionSummaryFrom(detail);
  return summary ? { session: summary } : {};
}

function conflictOf(detail: unknown): Pick<SyncLogEntry, 'conflict'> {
  const record = conflictRecordFrom(detail);
  return record ? { conflict: record } : {};
}

export function logToRecord(entry: SyncLogEntry): LogRow {
  return {
    at: entry.at,
    session_id: entry.sessionId,
    mailbox_id: entry.mailboxId,
    pair_id: entry.pairId,
    event: entry.event,
    outcome: entry.outcome,
    code: entry.code,
    message: entry.message,
    detail: entry.conflict ?? entry.session ?? null,
  };
}

export interface HoldRow {
  hold_id: string;
  mailbox_id: string;
  created_at: string;
  reason: string;
  actions: Action[];
  status: string;
  decided_at: string | null;
  decided_by: string | null;
  [column: string]: unknown;
}

export function holdFromRow(row: HoldRow): SessionHold {
  return {
    holdId: row.hold_id,
    mailboxId: row.mailbox_id,
    createdAt: row.created_at,
    reason: row.reason,
    actions: row.actions,
    status: row.status as HoldStatus,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
  };
}
