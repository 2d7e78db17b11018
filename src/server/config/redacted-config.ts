// A view of the Config that is safe to log at start-up: secrets read "[redacted]"; a DATABASE_URL keeps its host
// and database name (useful when diagnosing) but loses its password.
import type { Config } from './load-config.js';
import { REDACTED } from './secret.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function databaseUrlForLogs(config: Config): string | null {
  const url = config.store.databaseUrl?.reveal();
  if (url === undefined) return null;
  try {
    const parsed = new URL(url);
    const marker = 'REDACTED-PLACEHOLDER';
    if (parsed.password) parsed.password = marker;
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', marker);
    return parsed.toString().replaceAll(marker, REDACTED);
  } catch {
    return REDACTED;
  }
}

export function redactedConfig(config: Config): { [key: string]: JsonValue } {
  // Secret.toJSON() turns every secret into "[redacted]".
  const view = JSON.parse(JSON.stringify(config)) as { [key: string]: JsonValue } & { store: { [key: string]: JsonValue } };
  view.store.databaseUrl = databaseUrlForLogs(config);
  return view;
}
