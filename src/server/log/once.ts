// Warnings worth one line per process, not one per item and session: a zone name the sync cannot place is seen again
// by every session that reads the item, and the items themselves carry the reason (R9).
import type { Logger } from 'pino';

const said = new Set<string>();

/** Logs `message` at warn the first time this process sees `key`; later calls with the same key say nothing. */
export function warnOnce(logger: Logger, key: string, fields: Record<string, unknown>, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  logger.warn(fields, message);
}

/** `warnOnce` at info: for what is worth knowing but needs no one to act (e.g. a tenant code no item uses yet). */
export function infoOnce(logger: Logger, key: string, fields: Record<string, unknown>, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  logger.info(fields, message);
}
