// Resident memory of a process and all its descendants (tsx starts the real node process as a child).
import { execFileSync } from 'node:child_process';

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
