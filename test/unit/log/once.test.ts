import type { Logger } from 'pino';
import { warnOnce } from '../../../src/server/log/once.js';
import { noteUnknownZones } from '../../../src/server/adapters/graph/unknown-zones.js';

function recorder(): { logger: Logger; lines: unknown[][] } {
  const lines: unknown[][] = [];
  return { logger: { warn: (...args: unknown[]) => lines.push(args) } as unknown as Logger, lines };
}

describe('warnOnce', () => {
  it('logs a key the first time this process sees it, and never again', () => {
    const { logger, lines } = recorder();
    warnOnce(logger, 'once-test:a', { zone: 'a' }, 'first');
    warnOnce(logger, 'once-test:a', { zone: 'a' }, 'again');
    warnOnce(logger, 'once-test:b', { zone: 'b' }, 'other');
    expect(lines).toEqual([
      [{ zone: 'a' }, 'first'],
      [{ zone: 'b' }, 'other'],
    ]);
  });

  it('logs each unknown Graph zone name once, however many items and sessions carry it', () => {
    const { logger, lines } = recorder();
    const item = (name: string) => ({ removed: false as const, fields: { unknownZone: { side: 'outlook' as const, name } } });
    noteUnknownZones([item('tzone://Microsoft/Custom'), item('tzone://Microsoft/Custom'), { removed: true }], logger);
    noteUnknownZones([item('tzone://Microsoft/Custom'), item('Mars Standard Time'), { removed: false, fields: {} }], logger);
    expect(lines.map(([fields]) => fields)).toEqual([{ zone: 'tzone://Microsoft/Custom' }, { zone: 'Mars Standard Time' }]);
  });
});
