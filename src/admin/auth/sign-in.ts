// The admin console's sign-in: Entra ID through MSAL (auth code + PKCE with the page's own URL as redirect URI), or
// in sandbox mode the sandbox identity's token for the demo admin. Either way the page gets bearer tokens for the
// service's API; the service checks the admin role on every call.
import type { AdminPageConfig } from '../../shared/admin-page-config.js';

export interface AdminSignIn {
  /** The signed-in admin's name, or null when nobody is signed in yet (after a redirect back, signed in). */
  restore(): Promise<string | null>;
  /** Signs in (a redirect to Entra ID, or the sandbox's demo admin at once); the admin's name, or null when redirecting. */
  signIn(): Promise<string | null>;
  getToken(): Promise<string>;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Decodes a JWT's claims without verifying them (the service verifies); only for showing the admin's name. */
export function claimsOf(token: string): Record<string, unknown> {
  try {
    return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const nameOf = (token: string): string => {
  const claims = claimsOf(token);
  return String(claims.name ?? claims.preferred_username ?? claims.oid ?? 'admin');
};

function sandboxSignIn(sandbox: NonNullable<AdminPageConfig['sandbox']>): AdminSignIn {
  let cached: CachedToken | null = null;
  const fetchToken = async (): Promise<string> => {
    if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
    const url = `${sandbox.tokenUrl}?role=${encodeURIComponent(sandbox.role)}&aud=${encodeURIComponent(sandbox.audience)}`;
    const answer = await fetch(url);
    if (!answer.ok) throw new Error(`The sandbox identity refused the demo admin's sign-in (${answer.status}).`);
    const body = (await answer.json()) as { access_token: string; expires_in?: number };
    cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 };
    return cached.token;
  };
  let signedIn = false;
  return {
    restore: async () => null,
    signIn: async () => {
      const name = nameOf(await fetchToken());
      signedIn = true;
      return name;
    },
    getToken: async () => {
      if (!signedIn) throw new Error('Sign in first.');
      return fetchToken();
    },
  };
}

async function msalSignIn(msal: NonNullable<AdminPageConfig['msal']>): Promise<AdminSignIn> {
  // Loaded only when the page signs in with Entra ID (not in the sandbox).
  const { PublicClientApplication } = await import('@azure/msal-browser');
  const redirectUri = new URL(window.location.pathname, window.location.origin).href;
  const pca = new PublicClientApplication({ auth: { clientId: msal.clientId, authority: msal.authority, redirectUri }, cache: { cacheLocation: 'sessionStorage' } });
  await pca.initialize();
  const request = { scopes: msal.scopes };
  return {
    restore: async () => {
      const result = await pca.handleRedirectPromise();
      const account = result?.account ?? pca.getAllAccounts()[0] ?? null;
      if (!account) return null;
      pca.setActiveAccount(account);
      return account.name ?? account.username;
    },
    signIn: async () => {
      await pca.acquireTokenRedirect(request);
      return null;
    },
    getToken: async () => {
      const account = pca.getActiveAccount();
      if (!account) throw new Error('Sign in first.');
      return (await pca.acquireTokenSilent({ ...request, account })).accessToken;
    },
  };
}

export async function createAdminSignIn(config: AdminPageConfig): Promise<AdminSignIn> {
  if (config.sandbox) return sandboxSignIn(config.sandbox);
  if (config.msal) return msalSignIn(config.msal);
  throw new Error('Sign-in is not configured: set API_CLIENT_IDS to the app registration of this page (README, "Admin console").');
}
