// Resident memory and CPU time of processes (tsx starts the real node process as a child), and of the machine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function treeRssBytes(rootPid: number): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kb]) => [pid, kb]));
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += (rss.get(pid) ?? 0) * 1024;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * CPU seconds used so far by a process and its descendants (PostgreSQL: the postmaster and its backends): the live
 * ones' own time plus what each had reaped from children that ended (a backend whose client disconnected).
 */
export function treeCpuSeconds(rootPid: number): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += processCpuSeconds(pid, { reaped: true });
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux on every common architecture). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; 0 when it is gone or /proc is missing. */
export function processCpuSeconds(pid: number, options: { reaped?: boolean } = {}): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th,
    // then cutime and cstime (children that ended and were waited for).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const reaped = options.reaped ? Number(fields[13]) + Number(fields[14]) : 0; // cutime, cstime
    return (Number(fields[11]) + Number(fields[12]) + reaped) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds the whole machine has been busy (all cores, everything but idle and iowait), from /proc/stat. */
export function machineBusyCpuSeconds(): number {
  try {
    const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
    return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
