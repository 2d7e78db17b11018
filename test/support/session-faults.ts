// The faults one session meets, injected at the ports: per-write failures (before or after the write took
// effect), user edits racing a write, and a crash of the process. A crash is an exception thrown at a random
// point of the session's writes and commits; from then on every port call of that session throws too (the process
// is gone: a branch still running in a Promise.all must not write or commit anything), so the stores keep exactly
// what was committed before the crash.
import { PortFailure } from '../../src/server/ports/write-results.js';

export interface Faults {
  /** Probability that a write fails without effect. */
  failBefore: number;
  /** Probability that a write takes effect but reports failure (a timeout). */
  failAfter: number;
  /** Probability that the session crashes before its final commit (at a random point of its writes and commits). */
  crash: number;
  /** A crash comes only at the final commit, after every write (the widest window between writing and recording). */
  crashAfterAllWrites?: boolean;
  /**
   * Probability that, just before a write, the user edits the item it goes to (the write then races that edit:
   * a guarded write meets a new version, an unguarded one lands on top of the edit).
   */
  concurrentEdit?: number;
  /** Probability that, just before a write, the tenant poll runs (it files C4C changes while the session writes). */
  concurrentPoll?: number;
  /**
   * Probability that a read of the session fails as a whole (PortFailure: Graph or C4C unreachable). Some reads the
   * runner tolerates (the inbox re-read, the GroupwareItemID write-back, re-reads of timed-out updates); the others
   * end the session, which the job queue runs again.
   */
  failRead?: number;
}

export const NO_FAULTS: Faults = { failBefore: 0, failAfter: 0, crash: 0 };

/** The process died. Thrown by the fakes; the World catches it. */
export class SimulatedCrash extends Error {
  constructor(where: string) {
    super(`simulated crash ${where}`);
    this.name = 'SimulatedCrash';
  }
}

/** What a write request is about to reach (for racing user edits). */
export type WriteTarget = { side: 'outlook'; id: string } | { side: 'crm'; objectId: string } | null;

/** What the fakes ask before and after they act. */
export interface FaultGate {
  /** Any port call: throws once the process is dead. */
  alive(where: string): void;
  /** A read: throws once the process is dead, or a PortFailure when the read fails. */
  read(where: string): void;
  /** Before one write request: may crash, may let a user edit or a tenant poll race it; says whether it fails. */
  beforeWrite(target: WriteTarget): Promise<'before' | 'after' | null>;
  /** After a batch of writes took effect, before its answer arrives: may crash. */
  afterBatch(): void;
  /** Before a store commit: may crash (`final`: the session's state commit). */
  beforeCommit(final: boolean): void;
}

/** No faults at all (the tenant poll, setup). */
export const OPEN_GATE: FaultGate = {
  alive: () => undefined,
  read: () => undefined,
  beforeWrite: () => Promise.resolve(null),
  afterBatch: () => undefined,
  beforeCommit: () => undefined,
};

/** Hazards of a crash per point: some sessions die early, some late, some only at their final commit. */
const HAZARDS = [0.05, 0.2, 0.5];

export interface Racers {
  /** The user edits (or deletes) the item a write goes to. */
  userEdits(target: Exclude<WriteTarget, null>, value: number): void;
  /** The tenant poll runs to its commit. */
  poll(): Promise<void>;
}

/** The faults of one session, drawn from the world's seeded random. */
export class SessionFaultGate implements FaultGate {
  private dead = false;
  /** Chance that the crash strikes at a given point; null: the session does not crash (before its final commit). */
  private readonly hazard: number | null;
  private readonly crashes: boolean;
  /** Which of the session's final commits (one per item family) the crash strikes at, at the latest (1-based). */
  private readonly crashAtFinal: number;
  private finals = 0;
  private writesAtLastFinal = 0;
  /** Remote write requests that reached the fakes (took effect or not). */
  writes = 0;

  /**
   * `finalCommits`: how many final (state) commits a session makes, one per item family it syncs. A crashing
   * session dies at one of them at the latest (drawn at random); with `crashAfterAllWrites`, at the first one that
   * follows writes (the widest window for that family), else at the last one.
   */
  constructor(
    private readonly faults: Faults,
    private readonly random: () => number,
    private readonly racers: Racers,
    private readonly finalCommits = 1,
  ) {
    this.crashes = faults.crash > 0 && random() < faults.crash;
    this.hazard = this.crashes && !faults.crashAfterAllWrites ? (HAZARDS[Math.floor(random() * HAZARDS.length)] as number) : null;
    this.crashAtFinal = this.crashes && !faults.crashAfterAllWrites && finalCommits > 1 ? 1 + Math.floor(random() * finalCommits) : finalCommits;
  }

  get crashed(): boolean {
    return this.dead;
  }

  alive(where: string): void {
    if (this.dead) throw new SimulatedCrash(`(already dead) at ${where}`);
  }

  read(where: string): void {
    this.alive(where);
    const failing = this.faults.failRead ?? 0;
    if (failing > 0 && this.random() < failing) throw new PortFailure({ code: 'temporary', message: `fake: ${where} failed` });
  }

  /** The session ended (it threw): whatever of it still runs is gone too. */
  end(): void {
    this.dead = true;
  }

  private maybeCrash(where: string): void {
    this.alive(where);
    if (this.hazard !== null && this.random() < this.hazard) {
      this.dead = true;
      throw new SimulatedCrash(where);
    }
  }

  async beforeWrite(target: WriteTarget): Promise<'before' | 'after' | null> {
    this.maybeCrash('before a write');
    const editing = this.faults.concurrentEdit ?? 0;
    if (target && editing > 0 && this.random() < editing) this.racers.userEdits(target, Math.floor(this.random() * 1000));
    const polling = this.faults.concurrentPoll ?? 0;
    if (polling > 0 && this.random() < polling) {
      await this.racers.poll();
      this.alive('after a racing poll');
    }
    this.writes += 1;
    const r = this.random();
    if (r < this.faults.failBefore) return 'before';
    if (r < this.faults.failBefore + this.faults.failAfter) return 'after';
    return null;
  }

  afterBatch(): void {
    this.maybeCrash('after a batch of writes');
  }

  beforeCommit(final: boolean): void {
    if (final) {
      this.finals += 1;
      const wrote = this.writes > this.writesAtLastFinal;
      this.writesAtLastFinal = this.writes;
      const strikes = this.faults.crashAfterAllWrites ? wrote || this.finals >= this.finalCommits : this.finals >= this.crashAtFinal;
      if (this.crashes && !this.dead && strikes) {
        this.dead = true;
        throw new SimulatedCrash('before a final commit');
      }
    }
    this.maybeCrash('before a commit');
  }
}
