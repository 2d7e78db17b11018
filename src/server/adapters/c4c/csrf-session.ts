// The x-csrf-token dance of SAP Gateway (API-NOTES A.4): a GET with `x-csrf-token: Fetch` returns a token that
// is bound to the session cookies set on the same response, and every modifying request must send both. The
// token expires with the session; the server then answers 403 with `x-csrf-token: Required`, and the caller
// fetches a new one and repeats the request once.

/** Session cookies from Set-Cookie headers, sent back verbatim (name=value only; no expiry bookkeeping). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export function isCsrfRejection(status: number, headers: Headers): boolean {
  return status === 403 && (headers.get('x-csrf-token') ?? '').toLowerCase() === 'required';
}

/**
 * Holds the current token; concurrent callers share one fetch. `fetchToken` performs the GET and returns the
 * token header (or null when the server sent none, which the caller reports as an auth failure).
 */
export class CsrfToken {
  private token: string | null = null;
  private inFlight: Promise<string> | null = null;

  constructor(private readonly fetchToken: () => Promise<string>) {}

  async get(): Promise<string> {
    if (this.token) return this.token;
    if (!this.inFlight) {
      this.inFlight = this.fetchToken()
        .then((t) => {
          this.token = t;
          return t;
        })
        .finally(() => {
          this.inFlight = null;
        });
    }
    return this.inFlight;
  }

  /** Forget the token if it is still the one that was rejected (another caller may have renewed it already). */
  invalidate(rejected: string): void {
    if (this.token === rejected) this.token = null;
  }
}
