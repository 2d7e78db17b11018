// Readable terminal logs (log/console-lines.ts): a session, its failures, a poll, a warning and a start are one short
// line each; idle sessions and debug lines are left out; JSON stays JSON unless asked otherwise.
import { consoleDestination, consoleLine, resolveLogFormat } from '../../../src/server/log/console-lines.js';
import { createLogger } from '../../../src/server/log/index.js';

const T = '2026-12-06T14:02:03.456Z';

describe('readable log lines', () => {
  it('writes a session as one line with what it read and did, and leaves idle sessions out', () => {
    const line = consoleLine({ level: 'info', time: T, msg: 'session done', mailboxId: 'mbx-1', reason: 'insta', fullRead: false, read: { outlook: 3, crm: 1 }, applied: { createCrm: 2, updateOutlook: 1 }, failed: 1, held: 0, ms: 120 });
    expect(line).toBe('14:02:03 session mbx-1 (insta): read 3 Outlook / 1 C4C; createCrm 2, updateOutlook 1; 1 failed [120 ms]');
    expect(consoleLine({ level: 'info', time: T, msg: 'session done', mailboxId: 'mbx-1', reason: 'scheduled', fullRead: false, read: { outlook: 0, crm: 0 }, applied: {}, failed: 0, held: 0, ms: 30 })).toBeNull();
    expect(consoleLine({ level: 'info', time: T, msg: 'session done', mailboxId: 'mbx-1', reason: 'manual', fullRead: true, read: { outlook: 9, crm: 0 }, applied: {}, failed: 0, held: 12, ms: 30 })).toBe(
      '14:02:03 session mbx-1 (manual, full read): read 9 Outlook / 0 C4C; nothing to write; 12 held for an admin [30 ms]',
    );
  });

  it('gives each failed item its own line, and marks warnings and errors', () => {
    expect(consoleLine({ level: 'warn', time: T, msg: 'items failed', mailboxId: 'mbx-1', failures: [{ pairId: 'p1', code: 'rejected', message: 'no' }, { pairId: 'p2', code: 'temporary', message: 'later' }] })).toBe(
      '14:02:03 WARN item failed mbx-1 p1: rejected no\n14:02:03 WARN item failed mbx-1 p2: temporary later',
    );
    expect(consoleLine({ level: 'error', time: T, msg: 'Sync is stopped: another system', name: 'service', component: 'tenant', tenantId: 't-1' })).toBe('14:02:03 ERROR Sync is stopped: another system tenantId=t-1');
  });

  it('shortens the start line, keeps start/stop and admin lines, and drops the adapters’ steps and debug lines', () => {
    expect(consoleLine({ level: 'info', time: T, msg: 'starting', config: { huge: true } })).toBe('14:02:03 starting');
    expect(consoleLine({ level: 'info', time: T, msg: 'listening', url: 'http://127.0.0.1:3000' })).toBe('14:02:03 listening url=http://127.0.0.1:3000');
    expect(consoleLine({ level: 'info', time: T, msg: 'admin released a hold', holdId: 'h1' })).toBe('14:02:03 admin released a hold holdId=h1');
    expect(consoleLine({ level: 'info', time: T, msg: 'C4C changes read', activities: 4, mailboxes: 2 })).toBeNull();
    expect(consoleLine({ level: 'info', time: T, msg: 'graph calendar changes read', items: 49 })).toBeNull();
    expect(consoleLine({ level: 'info', time: T, msg: 'Server listening at http://127.0.0.1:3000' })).toBeNull();
    expect(consoleLine({ level: 'debug', time: T, msg: 'request completed' })).toBeNull();
  });

  it('formats what a real logger writes, secrets still redacted', () => {
    const out: string[] = [];
    const logger = createLogger({ level: 'info', name: 'test', destination: consoleDestination({ write: (text) => out.push(text) }) });
    logger.info({ url: 'http://127.0.0.1:3000', password: 'hunter2' }, 'listening');
    logger.debug('not shown');
    expect(out.join('')).toMatch(/^\d\d:\d\d:\d\d listening url=http:\/\/127\.0\.0\.1:3000 password=\[redacted\]\n$/);
  });

  it('chooses readable lines for a terminal only, unless told', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('auto', undefined)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });
});
