// Write intents of a session (domain/write-intent.ts): committed before its writes, cleared by its final commit.
import type { WriteIntent } from '../domain/write-intent.js';

/** Write intents of a session (domain/write-intent.ts). */
export interface WriteIntents {
  listWriteIntents(mailboxId: string): Promise<WriteIntent<object>[]>;
  /** Commits at once, in its own transaction (it must survive a crash of the session). */
  putWriteIntents(intents: readonly WriteIntent<object>[]): Promise<void>;
}

export interface WriteIntentsWriter {
  /** The intents of these pairs: the committing session has read the earlier ones and recorded its own. */
  clearWriteIntents(mailboxId: string, pairIds: readonly string[]): Promise<void>;
}

