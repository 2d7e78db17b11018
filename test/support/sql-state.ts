// The PostgreSQL SQLSTATE of an error thrown by either store driver (PGlite or pg), for tests that check both
// drivers report database errors alike. The service itself does not branch on SQLSTATEs.

/** PostgreSQL SQLSTATE of an error thrown by either driver, if it has one. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';
