// Plain formatting for the admin console's tables (English, the admin's own locale for dates).

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** `{ create: 2, update: 1 }` → `create 2, update 1`; empty → `—`. */
export function counts(record: Record<string, number>): string {
  const parts = Object.entries(record).map(([key, n]) => `${key} ${n}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

export const PROVIDER_NAMES: Record<string, string> = { graph: 'Microsoft 365', google: 'Google' };
