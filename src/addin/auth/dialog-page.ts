// Entry of auth-dialog.html: the dialog fallback's page. It signs in with MSAL's redirect flow (a standard
// public client; the page's own URL is the redirect URI) and sends the token to the task pane.
import { PublicClientApplication } from '@azure/msal-browser';
import { readAddinConfig } from '../config.js';
import { officeReady } from '../office/host.js';
import type { DialogMessage } from './dialog-fallback.js';

function send(message: DialogMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message));
}

async function run(): Promise<void> {
  await officeReady();
  const config = readAddinConfig();
  const redirectUri = new URL(window.location.pathname, window.location.origin).href;
  const pca = new PublicClientApplication({ auth: { clientId: config.clientId, authority: config.authority, redirectUri } });
  await pca.initialize();
  const result = await pca.handleRedirectPromise();
  if (result) {
    send({ type: 'token', accessToken: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? null });
    return;
  }
  await pca.acquireTokenRedirect({ scopes: config.apiScopes });
}

run().catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
