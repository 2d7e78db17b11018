// The service processes a soak runs: one process of role `all` (as `npm start`), or on PostgreSQL one `web` process
// and N `worker` processes (the service's own roles, ROLE in docs/deploy.md). Each is a child process that the soak
// kills with SIGKILL and starts again. The kills take turns across the roles (worker 1, web, worker 2, web, …), so
// both are hit. A process that exits without being killed is a crash: recorded (the soak counts it as a violation)
// and started again, as an orchestrator would, so one crash does not end the run.
import { readFileSync } from 'node:fs';
import { c4cConsumerFor } from '../../src/sandbox/service-env.js';
import { control } from '../../test/support/sync-harness-http.js';
import { spawnService, waitReady, type ChildService } from '../lib/service-stack.js';

export type ProcessRole = 'all' | 'web' | 'worker';

interface Slot {
  name: string;
  role: ProcessRole;
  /** The HTTP port (web and all), null for workers. */
  port: number | null;
  service: ChildService | null;
  /** Set while the soak itself stops this process (kill or stop): its exit is not a crash. */
  stopping: boolean;
}

export interface Crash {
  name: string;
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** Peak resident memory (VmHWM) of a process, in MB; 0 when /proc is not there. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : 0;
  } catch {
    return 0;
  }
}

export class ServiceGroup {
  private readonly slots: Slot[];
  readonly crashes: Crash[] = [];
  readonly killsByRole: Record<string, number> = {};
  readonly killed: string[] = [];
  /** The largest peak memory any service process reached (MB), read before each kill and stop. */
  peakRssMb = 0;
  /** When a process was last spawned (its start goes on after it answers HTTP: jobs, the first cycle). */
  lastSpawnAt = 0;
  private nextKill = 0;

  constructor(
    private readonly env: Record<string, string>,
    /** The port of the process that takes HTTP (the `all` or `web` process). */
    readonly webPort: number,
    workers: number,
    private readonly c4cUrl: string,
    private readonly log: (line: string) => void,
  ) {
    this.slots =
      workers > 0
        ? [{ name: 'web', role: 'web', port: webPort, service: null, stopping: false }, ...Array.from({ length: workers }, (_, i): Slot => ({ name: `worker-${i + 1}`, role: 'worker', port: null, service: null, stopping: false }))]
        : [{ name: 'service', role: 'all', port: webPort, service: null, stopping: false }];
  }

  get url(): string {
    return `http://127.0.0.1:${this.webPort}`;
  }

  /** Every process not running yet (the web one first: workers subscribe mailboxes to its URL). */
  async startAll(): Promise<void> {
    for (const slot of this.slots) if (!slot.service) await this.start(slot);
  }

  private async start(slot: Slot): Promise<void> {
    const startedAt = Date.now();
    const env = { ...this.env, ROLE: slot.role, PORT: String(slot.port ?? 0) };
    const service = spawnService(env, slot.port);
    this.lastSpawnAt = Date.now();
    slot.service = service;
    slot.stopping = false;
    void service.exited.then(({ code, signal }) => {
      if (slot.service !== service || slot.stopping) return;
      this.crashes.push({ name: slot.name, code, signal, stderr: service.stderr().slice(-600) });
      this.log(`CRASH: ${slot.name} exited on its own (${code ?? signal}); starting it again. Its last output: ${service.stderr().slice(-2000)}`);
      slot.service = null;
      void this.start(slot).catch((error: unknown) => this.log(`${slot.name} did not start again: ${(error as Error).message.slice(0, 300)}`));
    });
    if (slot.port === null) return;
    await Promise.race([
      waitReady(`http://127.0.0.1:${slot.port}`, 120_000),
      service.exited.then(({ code, signal }) => {
        throw new Error(`${slot.name} exited during start (${code ?? signal}): ${service.stderr()}`);
      }),
    ]);
    await control(this.c4cUrl, 'PUT', '/webhook', c4cConsumerFor(this.url, String(this.env.C4C_WEBHOOK_PASSWORD)));
    this.log(`${slot.name} ready after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  }

  private async stop(slot: Slot, signal: NodeJS.Signals): Promise<void> {
    const service = slot.service;
    if (!service) return;
    slot.stopping = true;
    this.peakRssMb = Math.max(this.peakRssMb, peakRssMb(service.child.pid));
    service.child.kill(signal);
    await service.exited;
    slot.service = null;
  }

  /** kill -9 of the next process in turn (roles alternate); returns its name. It stays down until `startAll`. */
  async killNext(): Promise<string> {
    const workers = this.slots.filter((s) => s.role === 'worker');
    const web = this.slots.find((s) => s.role !== 'worker') as Slot;
    // Even turns hit a worker (round robin), odd turns the web process; a single process takes every kill.
    const turn = this.nextKill++;
    const slot = workers.length === 0 || turn % 2 === 1 ? web : (workers[Math.floor(turn / 2) % workers.length] as Slot);
    await this.stop(slot, 'SIGKILL');
    this.killsByRole[slot.role] = (this.killsByRole[slot.role] ?? 0) + 1;
    this.killed.push(slot.name);
    return slot.name;
  }

  /** kill -9 of every process (the soak's clean restart and its end). */
  async killAll(): Promise<void> {
    for (const slot of this.slots) await this.stop(slot, 'SIGKILL');
  }
}
