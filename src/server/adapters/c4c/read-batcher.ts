// One C4C round trip for the reads that run together (issue 18: an idle tenant poll made one change query per
// entity set and family, 7 requests with calendar, tasks and contacts). Inside `together(fn)`, every JSON GET that
// any adapter sharing this batcher issues is queued; once the current turn of the event loop has queued all it
// will (setImmediate, the DataLoader way of batching), the queue goes to C4C as one `$batch` of GET parts.
// Outside `together`, GETs go out one by one as before. The scope is carried by AsyncLocalStorage so the ports
// and the sync core do not change: the tenant poll only opens the scope.
//
// Failure semantics stay those of single GETs: a part that fails is re-read alone through the normal path (with
// its retries and error mapping); a $batch refused as a whole for a temporary reason (throttling, outage) fails
// every queued read, as their single GETs would have; one refused for any other reason (a gateway that does not
// take $batch, a CSRF refusal) falls back to single GETs for that batch, logged once.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import { PortFailure } from '../../ports/write-results.js';
import { executeBatch } from './odata-read.js';
import { ODataHttp, type BatchedReads, type C4cConnectionOptions } from './odata-http.js';

/** Parts per $batch: C4C documents no limit, but one huge multipart body makes one slow, all-or-nothing request. */
export const MAX_BATCH_PARTS = 50;

interface QueuedRead {
  path: string;
  /** Reads the path alone, through the connection that asked (its retries and error mapping). */
  alone(path: string): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Scope {
  queue: QueuedRead[];
  flushScheduled: boolean;
}

/** The counts a benchmark or test reads. */
export interface ReadBatcherStats {
  batches: number;
  batchedReads: number;
  singleReads: number;
}

export class ReadBatcher implements BatchedReads {
  private readonly scopes = new AsyncLocalStorage<Scope>();
  private readonly stats: ReadBatcherStats = { batches: 0, batchedReads: 0, singleReads: 0 };
  private refusalLogged = false;

  /** A batcher with its own connection to the C4C system (the technical user's, like the adapters'). */
  static connectedTo(options: Omit<C4cConnectionOptions, 'reads'>): ReadBatcher {
    return new ReadBatcher(new ODataHttp(options), options.logger.child({ component: 'c4c-read-batcher' }));
  }

  /** @param http The connection the $batch goes over (one without a batcher of its own). */
  constructor(
    private readonly http: ODataHttp,
    private readonly logger: Logger,
  ) {}

  /** Runs `fn` with its GETs batched (nested scopes join the outer one). */
  together<T>(fn: () => Promise<T>): Promise<T> {
    if (this.scopes.getStore()) return fn();
    return this.scopes.run({ queue: [], flushScheduled: false }, fn);
  }

  /**
   * Inside a scope: the read queued for the next $batch. Outside: null (the caller reads on its own). `single`
   * reads one path alone (the adapter's plain GET), for a part that failed in the batch.
   */
  enqueue<T>(path: string, single: (path: string) => Promise<T>): Promise<T> | null {
    const scope = this.scopes.getStore();
    if (!scope) return null;
    const read = new Promise<T>((resolve, reject) => scope.queue.push({ path, alone: single, resolve: resolve as (v: unknown) => void, reject }));
    if (!scope.flushScheduled) {
      scope.flushScheduled = true;
      // Leave the scope for the flush: the re-reads of failed parts must go out alone, not queue again.
      setImmediate(() => this.scopes.exit(() => void this.flush(scope)));
    }
    return read;
  }

  snapshot(): ReadBatcherStats {
    return { ...this.stats };
  }

  private async flush(scope: Scope): Promise<void> {
    const queued = scope.queue.splice(0);
    scope.flushScheduled = false;
    for (let start = 0; start < queued.length; start += MAX_BATCH_PARTS) {
      const chunk = queued.slice(start, start + MAX_BATCH_PARTS);
      if (chunk.length === 1) {
        this.stats.singleReads += 1;
        const [read] = chunk as [QueuedRead];
        settle(read, read.alone(read.path));
        continue;
      }
      await this.sendBatch(chunk);
    }
  }

  private async sendBatch(chunk: QueuedRead[]): Promise<void> {
    let parts;
    try {
      parts = await executeBatch(this.http, chunk.map((read) => ({ kind: 'get' as const, path: read.path })), true);
    } catch (err) {
      if (err instanceof PortFailure && (err.error.code === 'temporary' || err.error.code === 'throttled')) {
        for (const read of chunk) read.reject(err);
        return;
      }
      if (!this.refusalLogged) this.logger.warn({ err }, 'C4C refused a $batch of reads; those reads went one by one');
      this.refusalLogged = true;
      for (const read of chunk) settle(read, read.alone(read.path));
      return;
    }
    this.stats.batches += 1;
    this.stats.batchedReads += chunk.length;
    chunk.forEach((read, index) => {
      const part = parts[index];
      if (part?.kind === 'single' && part.response.status === 200) {
        try {
          read.resolve(JSON.parse(part.response.body));
          return;
        } catch {
          // fall through: the single read reports an unreadable body the usual way
        }
      }
      settle(read, read.alone(read.path));
    });
  }
}

function settle(read: QueuedRead, outcome: Promise<unknown>): void {
  outcome.then(read.resolve, read.reject);
}
