// Keeps one sandbox's state in a JSON file, so a restarted `npm start` resumes the world the service's pairs and
// cursors refer to. Opt-in (the `persist` option): tests and benchmarks keep their in-memory sandboxes.
// The file is read once at start; it is written a few seconds after a change and at close, each time whole, to a
// temporary file that is then renamed over it, so a crash mid-write leaves the previous snapshot intact. A file
// that cannot be used is set aside (never overwritten) and the sandbox says so loudly before starting fresh.
import { readFileSync, renameSync } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isRecord, stateFromJson, stateToJson } from './state-json.js';

/** Marks the envelope, so that a stray JSON file is not taken for a snapshot. */
export const STATE_FORMAT = 'crm-sync-sandbox-state';
export const DEFAULT_SAVE_DELAY_MS = 5_000;

export interface StateLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface PersistOptions {
  /** The JSON file (its folder is created when missing). */
  file: string;
  /** How long after a change the state is written (default 5 s); close always writes what changed. */
  saveDelayMs?: number;
  /** Where the sandbox says what it did with the file (default: problems on stderr, the rest nowhere). */
  log?: StateLog;
}

/** What a sandbox gives its state file: names for the messages, the snapshot's version, and how to take one. */
export interface StateSource {
  /** "Graph sandbox", in messages. */
  name: string;
  /** "graph": a c4c snapshot given to the Graph sandbox is refused. */
  sandbox: string;
  /** Bump when old snapshots can no longer be restored; they are then set aside with a message. */
  version: number;
  /** The state as plain data with Maps and Sets (state-json.ts), taken synchronously. */
  capture(): unknown;
}

export type LoadOutcome = 'restored' | 'absent' | 'unusable';

const problemsOnly: StateLog = { info: () => undefined, warn: (m) => console.error(m) };

export class StateFile {
  readonly file: string;
  private readonly delayMs: number;
  private readonly log: StateLog;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  /** Writes run one after the other, in the order their snapshots were taken. */
  private writes: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly source: StateSource,
    options: PersistOptions,
  ) {
    this.file = options.file;
    this.delayMs = options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS;
    this.log = options.log ?? problemsOnly;
  }

  /**
   * Hands the saved state to `restore`. 'absent': no file. 'unusable': the file was unreadable, of another format
   * or version, or `restore` threw (it may have applied part of it: the caller starts over from a fresh seed).
   */
  load(restore: (state: unknown) => void): LoadOutcome {
    const { name, sandbox, version } = this.source;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.log.info(`${name}: no saved state at ${this.file}; starting from a fresh seed (saved there from now on).`);
        return 'absent';
      }
      return this.unusable(`it cannot be read (${(error as Error).message})`);
    }
    let envelope: unknown;
    try {
      envelope = stateFromJson(text);
    } catch (error) {
      return this.unusable(`it is not valid JSON (${(error as Error).message})`);
    }
    if (!isRecord(envelope) || envelope['format'] !== STATE_FORMAT) return this.unusable('it is not a sandbox state file');
    if (envelope['sandbox'] !== sandbox) return this.unusable(`it holds the state of the ${String(envelope['sandbox'])} sandbox`);
    if (envelope['version'] !== version) {
      return this.unusable(`it is in format version ${String(envelope['version'])}, and this sandbox reads version ${version}`);
    }
    try {
      restore(envelope['state']);
    } catch (error) {
      return this.unusable(`its content is not what this version expects (${(error as Error).message})`);
    }
    this.log.info(`${name}: state restored from ${this.file} (saved ${String(envelope['savedAt'])}).`);
    return 'restored';
  }

  private unusable(reason: string): LoadOutcome {
    const aside = `${this.file}.unusable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    let kept: string;
    try {
      renameSync(this.file, aside);
      kept = `It was moved to ${aside}.`;
    } catch (error) {
      kept = `It could not be moved aside (${(error as Error).message}) and will be overwritten.`;
    }
    this.log.warn(
      `${this.source.name}: the saved state in ${this.file} cannot be used: ${reason}. ${kept} ` +
        'STARTING FROM A FRESH SEED: the sync service\'s pairs and cursors may refer to items that no longer exist ' +
        '(`npm start -- --reset` starts the service over too).',
    );
    return 'unusable';
  }

  /** Something changed: write within the save delay (one write for any number of changes meanwhile). */
  markDirty(): void {
    this.dirty = true;
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Takes a snapshot now and writes it; never rejects (a failed write is reported and retried later). */
  save(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    let text: string;
    try {
      const { sandbox, version } = this.source;
      text = stateToJson({ format: STATE_FORMAT, sandbox, version, savedAt: new Date().toISOString(), state: this.source.capture() });
    } catch (error) {
      this.log.warn(`${this.source.name}: could not take a snapshot of its state: ${(error as Error).message}`);
      return this.writes;
    }
    this.writes = this.writes.then(() => this.write(text));
    return this.writes;
  }

  private async write(text: string): Promise<void> {
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.file);
    } catch (error) {
      this.dirty = true;
      await unlink(temporary).catch(() => undefined);
      this.log.warn(`${this.source.name}: could not save its state to ${this.file} (${(error as Error).message}); trying again after the next change and at close.`);
    }
  }

  /** Stops the timer and writes what changed since the last write. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.dirty) await this.save();
    else await this.writes;
  }
}

/**
 * Wires a state file into a sandbox app: requests that `changes` marks schedule a write, closing the app writes,
 * and a sandbox that did not restore a snapshot writes its fresh seed at once (a crash before the first change
 * must not lose the tenant the service is about to pair with).
 */
export function persistApp(app: FastifyInstance, file: StateFile, outcome: LoadOutcome, changes: (req: FastifyRequest) => boolean): void {
  app.addHook('onResponse', async (req) => {
    if (changes(req)) file.markDirty();
  });
  app.addHook('onClose', async () => file.close());
  if (outcome !== 'restored') void file.save();
}

/** Requests that may change a sandbox's state: any write method (GETs never change what is saved). */
export function isWriteRequest(req: FastifyRequest): boolean {
  return req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
}
