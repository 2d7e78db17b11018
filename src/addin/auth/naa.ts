// Nested app authentication: MSAL runs inside the Outlook host's broker. The only importer of msal-browser
// besides the dialog page (DESIGN §4).
import { createNestablePublicClientApplication, InteractionRequiredAuthError, type IPublicClientApplication } from '@azure/msal-browser';
import type { AddinConfig } from '../config.js';
import { NotSignedInError } from './errors.js';
import type { TokenAcquirer } from './token.js';

export async function createNaaAcquirer(config: AddinConfig, create: typeof createNestablePublicClientApplication = createNestablePublicClientApplication): Promise<TokenAcquirer> {
  const pca: IPublicClientApplication = await create({ auth: { clientId: config.clientId, authority: config.authority } });
  return async ({ interactive }) => {
    const request = { scopes: config.apiScopes };
    try {
      const result = await pca.acquireTokenSilent(request);
      return { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000 };
    } catch (err) {
      if (!interactive) {
        throw new NotSignedInError(err instanceof InteractionRequiredAuthError ? 'sign-in required' : `silent sign-in failed: ${(err as Error).message}`);
      }
    }
    try {
      const result = await pca.acquireTokenPopup(request);
      return { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000 };
    } catch (err) {
      throw new NotSignedInError(`sign-in did not complete: ${(err as Error).message}`);
    }
  };
}
