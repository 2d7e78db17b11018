// The doctor's words: one line per check with ✔ / ✖ / –, what to do under each ✖, the exit code; and its command line.
import { parseCommandLine } from '../../../src/server/cli/args.js';
import { exitCodeOfReport, formatReport } from '../../../src/server/doctor/printer.js';
import { reportOf } from '../../../src/server/doctor/run-checks.js';
import { fail, ok, skip } from '../../../src/server/doctor/check.js';

const clock = { now: () => new Date('2026-12-06T12:00:00Z') };

it('prints one line per check, the fix under each failure, and exits 1 only when one failed', () => {
  const failing = reportOf([ok('a', 'App token', 'accepted'), fail('b', 'Clock', '300 s ahead', 'Use NTP.'), skip('c', 'Google', 'not configured')], clock);
  expect(formatReport(failing, 'the demo').split('\n')).toEqual([
    'Checking the demo',
    '✔ App token: accepted',
    '✖ Clock: 300 s ahead',
    '    → Use NTP.',
    '– Google: not configured',
    '1 check failed (✖): fix what each says, then run the doctor again.',
  ]);
  expect(failing.ok).toBe(false);
  expect(exitCodeOfReport(failing)).toBe(1);

  const passing = reportOf([ok('a', 'App token', 'accepted'), skip('c', 'Google', 'not configured')], clock);
  expect(passing.ok).toBe(true);
  expect(exitCodeOfReport(passing)).toBe(0);
  expect(formatReport(passing, 'x')).toContain('All checks passed.');
});

it('parses npm run doctor -- [--json] [--service <url> --token <t>]', () => {
  expect(parseCommandLine(['doctor'])).toEqual({ kind: 'doctor', options: { json: false } });
  expect(parseCommandLine(['doctor', '--json', '--service', 'https://sync.example.com/', '--token', 't'])).toEqual({ kind: 'doctor', options: { json: true, service: 'https://sync.example.com', token: 't' } });
  expect(parseCommandLine(['doctor', '--service', 'ftp://x'])).toMatchObject({ kind: 'error' });
  expect(parseCommandLine(['doctor', '--mailbox', 'a@b'])).toMatchObject({ kind: 'error' });
});
