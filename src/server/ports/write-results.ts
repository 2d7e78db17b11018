// Per-item outcome of a batched write. Batches never fail as a whole for one bad item: each request gets a result
// in the same position as its request.
import type { PortError } from '../domain/errors.js';

export interface WriteSuccess {
  ok: true;
  /** The record's id (new for creates, unchanged otherwise). */
  id: string;
  /** The version after the write (Graph changeKey, C4C ETag); null after a delete. */
  version: string | null;
}

export interface WriteFailure {
  ok: false;
  error: PortError;
}

export type WriteResult = WriteSuccess | WriteFailure;

/** Thrown by port calls that fail as a whole (reading a delta page, auth for the whole mailbox). */
export class PortFailure extends Error {
  constructor(readonly error: PortError) {
    super(`${error.code}: ${error.message}`);
    this.name = 'PortFailure';
  }
}
