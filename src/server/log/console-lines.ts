// Readable logs where people read them (a terminal): one short line per session, per failed item, per start and
// stop, and per warning or error, instead of pino's JSON. Log pipelines (a non-TTY, or LOG_FORMAT=json) keep the
// JSON. This only formats lines pino already wrote: redaction and content scrubbing (logger.ts) happened before.
import type { DestinationStream } from 'pino';

type Line = Record<string, unknown>;

/** Fields every line carries; never repeated as key=value. */
const FRAME = new Set(['level', 'time', 'msg', 'name', 'pid', 'hostname', 'component']);

function clock(line: Line): string {
  const time = typeof line.time === 'string' ? line.time : new Date().toISOString();
  return time.slice(11, 19);
}

function flat(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function details(line: Line, skip: readonly string[] = []): string {
  return Object.entries(line)
    .filter(([key]) => !FRAME.has(key) && !skip.includes(key))
    .map(([key, value]) => [key, flat(value)] as const)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

/** Info lines a terminal shows besides sessions and failures: start, stop and what an operator did. */
const SHOWN_INFO = new Set([
  'listening',
  'database migrated',
  'mailboxes provisioned (users who are C4C employees)',
  'C4C system checked: sync runs',
  'tenant re-paired with another C4C system',
  'signal received',
  'shutting down',
]);

function session(line: Line): string | null {
  const read = (line.read ?? {}) as { outlook?: number; crm?: number };
  const applied = Object.entries((line.applied ?? {}) as Record<string, number>);
  const failed = Number(line.failed ?? 0);
  const held = Number(line.held ?? 0);
  const total = applied.reduce((n, [, count]) => n + count, 0);
  // A session that found nothing to do says nothing: the terminal shows what happened, not that nothing did.
  if (total === 0 && failed === 0 && held === 0 && !line.fullRead) return null;
  const did = applied.map(([type, count]) => `${type} ${count}`).join(', ') || 'nothing to write';
  const extra = [failed > 0 ? `${failed} failed` : '', held > 0 ? `${held} held for an admin` : ''].filter(Boolean).join(', ');
  return `session ${String(line.mailboxId)} (${String(line.reason)}${line.fullRead ? ', full read' : ''}): read ${read.outlook ?? 0} Outlook / ${read.crm ?? 0} C4C; ${did}${extra ? `; ${extra}` : ''} [${String(line.ms)} ms]`;
}

/** The readable line for one pino line, or null when a terminal need not see it. */
export function consoleLine(line: Line): string | null {
  const level = String(line.level ?? 'info');
  const msg = String(line.msg ?? '');
  let text: string | null;
  if (msg === 'session done') text = session(line);
  else if (msg === 'items failed' && Array.isArray(line.failures)) {
    text = (line.failures as Line[]).map((f) => `item failed ${String(line.mailboxId)} ${String(f.pairId)}: ${String(f.code)} ${String(f.message ?? '')}`.trim()).join('\n');
  } else if (msg === 'starting') {
    text = 'starting';
  } else if (msg === 'subscriptions checked') {
    text = level === 'debug' ? null : `subscriptions: ${details(line)}`;
  } else if (level === 'info' && !SHOWN_INFO.has(msg) && !msg.startsWith('admin ')) {
    // The adapters' and the queue's own steps (each read, each C4C poll) are for a log pipeline; the sessions' lines
    // say what came of them.
    text = null;
  } else if (level === 'info' || level === 'warn' || level === 'error' || level === 'fatal') {
    const rest = details(line);
    text = rest ? `${msg} ${rest}` : msg;
  } else {
    text = null;
  }
  if (text === null) return null;
  const tag = level === 'info' ? '' : `${level.toUpperCase()} `;
  return text
    .split('\n')
    .map((one) => `${clock(line)} ${tag}${one}`)
    .join('\n');
}

/** A pino destination that writes readable lines to `out` (a TTY). */
export function consoleDestination(out: { write(text: string): unknown }): DestinationStream {
  let buffered = '';
  return {
    write(chunk: string) {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const raw of lines) {
        if (raw.trim() === '') continue;
        let parsed: Line;
        try {
          parsed = JSON.parse(raw) as Line;
        } catch {
          out.write(`${raw}\n`);
          continue;
        }
        const text = consoleLine(parsed);
        if (text !== null) out.write(`${text}\n`);
      }
    },
  };
}

/** LOG_FORMAT `auto`: readable lines on a terminal, JSON for anything else (a file, a pipe, a log collector). */
export function resolveLogFormat(setting: 'auto' | 'pretty' | 'json', isTTY: boolean | undefined): 'pretty' | 'json' {
  return setting === 'auto' ? (isTTY ? 'pretty' : 'json') : setting;
}
