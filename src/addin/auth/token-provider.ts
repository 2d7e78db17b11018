// Access tokens for the sync service. Three ways, chosen by what the host supports:
//   1. nested app authentication (NestedAppAuth 1.1) through MSAL: the normal path in current Outlook;
//   2. Office.auth.getAccessToken (IdentityAPI 1.3): the host supplies the token. The sandbox Outlook host's
//      Office.js stand-in implements it with a token from the sandbox identity, so the pane's code is the same;
//   3. a dialog (displayDialogAsync) running MSAL's redirect flow, where neither works.
import type { AddinConfig } from '../config.js';
import { supports } from '../office/host.js';
import { NotSignedInError } from './errors.js';
import { acquireWithDialog } from './dialog-fallback.js';
import { expiryOf, type AccessToken, type TokenAcquirer, type TokenRequestOptions } from './token.js';

export type { TokenRequestOptions } from './token.js';

export interface TokenProvider {
  readonly method: 'naa' | 'officeAuth' | 'dialog';
  getToken(options?: TokenRequestOptions): Promise<string>;
  /** Forget a token the service rejected, so the next call gets a fresh one. */
  invalidate(): void;
}

const REFRESH_MARGIN_MS = 60_000;

function officeAuthAcquirer(): TokenAcquirer {
  return async ({ interactive }) => {
    try {
      const token = await Office.auth.getAccessToken({ allowSignInPrompt: interactive === true, allowConsentPrompt: interactive === true, forMSGraphAccess: false });
      return { token, expiresAt: expiryOf(token) };
    } catch (err) {
      const code = (err as { code?: number }).code;
      throw new NotSignedInError(`Office could not provide a token${code ? ` (${code})` : ''}`);
    }
  };
}

/** Caches tokens until shortly before they expire; concurrent callers share one request. */
export function cachingProvider(method: TokenProvider['method'], acquire: TokenAcquirer, now = () => Date.now()): TokenProvider {
  let cached: AccessToken | null = null;
  let inFlight: Promise<AccessToken> | null = null;
  return {
    method,
    async getToken(options = {}) {
      if (cached && cached.expiresAt - REFRESH_MARGIN_MS > now()) return cached.token;
      inFlight ??= acquire(options).finally(() => (inFlight = null));
      cached = await inFlight;
      return cached.token;
    },
    invalidate() {
      cached = null;
    },
  };
}

/** Picks the best token source the host offers; a failing host SSO falls back to the dialog. */
export async function createTokenProvider(config: AddinConfig): Promise<TokenProvider> {
  if (supports('NestedAppAuth', '1.1') && config.clientId) {
    // Loaded on demand: MSAL is the largest dependency and must not weigh on the pane's first paint.
    const { createNaaAcquirer } = await import('./naa.js');
    return cachingProvider('naa', await createNaaAcquirer(config));
  }
  const dialog: TokenAcquirer = (options) => acquireWithDialog(config, options);
  if (supports('IdentityAPI', '1.3') && typeof Office.auth?.getAccessToken === 'function') {
    const viaOffice = officeAuthAcquirer();
    return cachingProvider('officeAuth', async (options) => {
      try {
        return await viaOffice(options);
      } catch (err) {
        if (!options.interactive) throw err;
        return dialog(options);
      }
    });
  }
  return cachingProvider('dialog', dialog);
}
