// The store as a session uses it: sync state plus the records a session keeps beside it (the C4C inbox, pending
// creates, delete notes, write intents), written in one transaction.
import type { CrmDeleteHints, CrmDeleteHintsWriter } from './crm-delete-notes.js';
import type { CrmInboxReader, CrmInboxWriter } from './crm-inbox.js';
import type { PendingCreates, PendingCreatesWriter } from './pending-creates.js';
import type { StateReader, StateWriter } from './state-store.js';
import type { WriteIntents, WriteIntentsWriter } from './write-intents.js';

export type SessionWriter = StateWriter & CrmInboxWriter & PendingCreatesWriter & CrmDeleteHintsWriter & WriteIntentsWriter;

export interface SessionStore extends StateReader, CrmInboxReader, PendingCreates, CrmDeleteHints, WriteIntents {
  transaction<T>(fn: (tx: SessionWriter) => Promise<T>): Promise<T>;
}
