// Errors from the service client, sorted into what the pane tells the user.

export type ApiErrorKind =
  | 'unreachable' // network failure: the service can't be reached
  | 'timeout'
  | 'aborted' // the caller cancelled (e.g. a newer search replaced it); not shown to users
  | 'notSignedIn' // no token, or the service rejected it twice
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'badRequest'
  | 'server' // 5xx
  | 'badResponse'; // the answer did not match the contract in src/shared/api.ts

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    /** The service's error code (src/shared/api.ts API_ERROR_CODES) when it sent one. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function kindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'notSignedIn';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'server';
  return 'badRequest';
}
