// A counting semaphore: the session slots of one queue in this process. pg-boss's workers and the fast lane
// (fast-lane.ts) take their slot here, so the two together never run more than the process's concurrency.

export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  /** A slot now, or false when all are taken (the caller leaves its work to the queue). */
  tryTake(): boolean {
    if (this.free === 0) return false;
    this.free -= 1;
    return true;
  }

  /** Waits for a slot (a job pg-boss already handed this process: it is ours, so it waits its turn here). */
  async take(): Promise<void> {
    if (this.tryTake()) return;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // Handed straight to the next waiter: a fast-lane tryTake cannot slip in between.
    if (next) next();
    else this.free += 1;
  }
}
