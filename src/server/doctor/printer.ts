// The doctor's report in words: one line per check (✔ / ✖ / –), and under each ✖ what to do.
import type { DoctorReport } from '../../shared/admin-api.js';
import type { CheckResult } from './check.js';

const MARK: Record<CheckResult['status'], string> = { ok: '✔', fail: '✖', skip: '–' };

export function formatCheck(check: CheckResult): string {
  const line = `${MARK[check.status]} ${check.title}: ${check.detail}`;
  return check.status === 'fail' && check.fix ? `${line}\n    → ${check.fix}` : line;
}

export function formatReport(report: DoctorReport, where: string): string {
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const summary = failed === 0 ? 'All checks passed.' : `${failed} check${failed === 1 ? '' : 's'} failed (✖): fix what each says, then run the doctor again.`;
  return [`Checking ${where}`, ...report.checks.map(formatCheck), summary].join('\n');
}

/** Exit code of the command: 0 all passed (or did not apply), 1 some check failed. */
export function exitCodeOfReport(report: DoctorReport): number {
  return report.checks.some((c) => c.status === 'fail') ? 1 : 0;
}
