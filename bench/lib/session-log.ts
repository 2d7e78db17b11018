// What the scale-out bench reads from the worker processes' own structured logs (pino JSON on stdout, LOG_LEVEL=info):
// each `session done` line names the mailbox, its ISO time (the session's end) and `ms` (its duration), so each
// session becomes an interval on one worker. From these: how evenly sessions spread over the workers, whether two
// sessions of one mailbox ever ran at the same time, and how soon a killed worker's mailboxes were synced elsewhere.
// Pure functions over the parsed records, so they are unit-tested without a stack.

export interface SessionRecord {
  worker: number;
  mailboxId: string;
  /** Epoch ms. */
  start: number;
  end: number;
}

/** A `session done` line of worker `worker` as a record; null for any other line (or one that is not JSON). */
export function parseSessionLine(worker: number, line: string): SessionRecord | null {
  if (!line.includes('"session done"')) return null;
  try {
    const entry = JSON.parse(line) as { msg?: string; time?: string | number; mailboxId?: string; ms?: number };
    if (entry.msg !== 'session done' || typeof entry.mailboxId !== 'string' || typeof entry.ms !== 'number') return null;
    const end = typeof entry.time === 'number' ? entry.time : Date.parse(entry.time ?? '');
    if (!Number.isFinite(end)) return null;
    return { worker, mailboxId: entry.mailboxId, start: end - entry.ms, end };
  } catch {
    return null;
  }
}

export interface Spread {
  perWorker: number[];
  max: number;
  min: number;
}

/** Sessions per worker that ended within [from, to] (workers 0 … count-1, a worker with none counts 0). */
export function spreadOver(records: readonly SessionRecord[], workers: number, from: number, to: number): Spread {
  const perWorker = Array.from({ length: workers }, () => 0);
  for (const r of records) if (r.end >= from && r.end <= to && r.worker < workers) perWorker[r.worker] = (perWorker[r.worker] ?? 0) + 1;
  return { perWorker, max: Math.max(...perWorker), min: Math.min(...perWorker) };
}

export interface Overlap {
  mailboxId: string;
  first: SessionRecord;
  second: SessionRecord;
}

/**
 * Pairs of one mailbox's sessions where the second started before the first ended. `slackMs` forgives the clock
 * granularity of the log (ms rounded, the time taken after the session returned): 0 for a strict check.
 */
export function sessionOverlaps(records: readonly SessionRecord[], slackMs = 0): Overlap[] {
  const byMailbox = new Map<string, SessionRecord[]>();
  for (const r of records) byMailbox.set(r.mailboxId, [...(byMailbox.get(r.mailboxId) ?? []), r]);
  const found: Overlap[] = [];
  for (const [mailboxId, group] of byMailbox) {
    const sorted = [...group].sort((a, b) => a.start - b.start);
    // Against the latest end so far, not only the previous session: a long session may cover several later ones.
    let longest = sorted[0] as SessionRecord;
    for (const current of sorted.slice(1)) {
      if (current.start + slackMs < longest.end) found.push({ mailboxId, first: longest, second: current });
      if (current.end > longest.end) longest = current;
    }
  }
  return found;
}

export interface Resumption {
  /** Mailboxes that had to be synced again after the kill (their session was held or queued at that moment). */
  mailboxes: number;
  /** Of them, those not synced by a surviving worker before `until`. */
  notResumed: string[];
  /** Ms from the kill until the last of them finished a session on a surviving worker (0 when none). */
  allDoneMs: number;
}

/**
 * How soon the mailboxes in `affected` each completed a session that started after the kill on a worker other than
 * `killed`.
 */
export function resumedAfterKill(records: readonly SessionRecord[], affected: readonly string[], killed: number, killedAt: number): Resumption {
  const firstDone = new Map<string, number>();
  for (const r of records) {
    if (r.worker === killed || r.start < killedAt) continue;
    const seen = firstDone.get(r.mailboxId);
    if (seen === undefined || r.end < seen) firstDone.set(r.mailboxId, r.end);
  }
  const notResumed = affected.filter((m) => !firstDone.has(m));
  const allDoneMs = affected.reduce((ms, m) => Math.max(ms, (firstDone.get(m) ?? killedAt) - killedAt), 0);
  return { mailboxes: affected.length, notResumed, allDoneMs };
}
