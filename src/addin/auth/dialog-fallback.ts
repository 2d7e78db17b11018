// Sign-in through an Office dialog, for hosts without nested app authentication. The dialog page
// (dialog-page.ts, auth-dialog.html) runs MSAL's redirect flow and posts the token back with messageParent.
import type { AddinConfig } from '../config.js';
import { NotSignedInError } from './errors.js';
import { expiryOf, type AccessToken, type TokenRequestOptions } from './token.js';

/** What the dialog page sends to the pane (JSON in messageParent). */
export type DialogMessage = { type: 'token'; accessToken: string; expiresOn: number | null } | { type: 'error'; message: string };

export function parseDialogMessage(raw: string): DialogMessage {
  try {
    const value = JSON.parse(raw) as Partial<DialogMessage>;
    if (value.type === 'token' && typeof value.accessToken === 'string') return { type: 'token', accessToken: value.accessToken, expiresOn: typeof value.expiresOn === 'number' ? value.expiresOn : null };
    if (value.type === 'error' && typeof value.message === 'string') return { type: 'error', message: value.message };
  } catch {
    // fall through
  }
  return { type: 'error', message: 'unexpected message from the sign-in dialog' };
}

/** Office reports a dialog the user closed with 12006. */
const DIALOG_CLOSED_BY_USER = 12006;

export function acquireWithDialog(config: AddinConfig, options: TokenRequestOptions): Promise<AccessToken> {
  if (!options.interactive) return Promise.reject(new NotSignedInError('sign-in required'));
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(config.authDialogUrl, { height: 60, width: 30, promptBeforeOpen: false }, (opened) => {
      if (opened.status === Office.AsyncResultStatus.Failed) {
        reject(new NotSignedInError(`the sign-in dialog could not open (${opened.error.code})`));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        const message = parseDialogMessage('message' in arg ? arg.message : '');
        if (message.type === 'token') resolve({ token: message.accessToken, expiresAt: message.expiresOn ?? expiryOf(message.accessToken) });
        else reject(new NotSignedInError(message.message));
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
        const code = 'error' in arg ? arg.error : 0;
        reject(new NotSignedInError(code === DIALOG_CLOSED_BY_USER ? 'sign-in was cancelled' : `sign-in dialog failed (${code})`));
      });
    });
  });
}
