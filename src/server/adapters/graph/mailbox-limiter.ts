// At most N concurrent Graph requests per mailbox (Outlook's MailboxConcurrency limit is 4 per app and mailbox).
// A JSON batch counts as min(members, N): Graph dispatches up to four members of a batch to Outlook at once.
// Waiters are served first come, first served, so a batch waiting for all permits is not starved by singles.

interface Waiter {
  weight: number;
  resolve: () => void;
}

class WeightedSemaphore {
  private available: number;
  private readonly queue: Waiter[] = [];
  constructor(readonly capacity: number) {
    this.available = capacity;
  }

  get idle(): boolean {
    return this.available === this.capacity && this.queue.length === 0;
  }

  async acquire(weight: number): Promise<void> {
    if (this.queue.length === 0 && this.available >= weight) {
      this.available -= weight;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push({ weight, resolve }));
  }

  release(weight: number): void {
    this.available += weight;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.weight > this.available) break;
      this.queue.shift();
      this.available -= next.weight;
      next.resolve();
    }
  }
}

export class MailboxLimiter {
  private readonly semaphores = new Map<string, WeightedSemaphore>();
  private inFlightPeak = 0;
  private readonly inFlight = new Map<string, number>();

  constructor(readonly maxConcurrency: number) {}

  /** Runs `fn` holding `weight` permits (clamped to 1..max) of `key`'s budget. */
  async run<T>(key: string, weight: number, fn: () => Promise<T>): Promise<T> {
    const permits = Math.max(1, Math.min(this.maxConcurrency, weight));
    let semaphore = this.semaphores.get(key);
    if (!semaphore) {
      semaphore = new WeightedSemaphore(this.maxConcurrency);
      this.semaphores.set(key, semaphore);
    }
    await semaphore.acquire(permits);
    const current = (this.inFlight.get(key) ?? 0) + permits;
    this.inFlight.set(key, current);
    this.inFlightPeak = Math.max(this.inFlightPeak, current);
    try {
      return await fn();
    } finally {
      const left = (this.inFlight.get(key) ?? permits) - permits;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
      semaphore.release(permits);
      if (semaphore.idle) this.semaphores.delete(key);
    }
  }

  /** Highest number of permits ever held at once for one key (diagnostics and tests). */
  get peak(): number {
    return this.inFlightPeak;
  }
}
