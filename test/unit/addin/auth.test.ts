import { jest } from '@jest/globals';
import { fakeMailbox, installOutlookMock } from './outlook-mock.js';

const silent = jest.fn<(r: unknown) => Promise<{ accessToken: string; expiresOn: Date }>>();
const popup = jest.fn<(r: unknown) => Promise<{ accessToken: string; expiresOn: Date }>>();
class InteractionRequiredAuthError extends Error {}
jest.unstable_mockModule('@azure/msal-browser', () => ({
  InteractionRequiredAuthError,
  createNestablePublicClientApplication: async () => ({ acquireTokenSilent: silent, acquireTokenPopup: popup }),
}));

const { cachingProvider, createTokenProvider } = await import('../../../src/addin/auth/token-provider.js');
const { expiryOf } = await import('../../../src/addin/auth/token.js');
const { parseDialogMessage } = await import('../../../src/addin/auth/dialog-fallback.js');
const { NotSignedInError } = await import('../../../src/addin/auth/errors.js');

const config = { apiBaseUrl: '', clientId: 'client', authority: 'https://login.example/organizations', apiScopes: ['api://svc/access_as_user'], authDialogUrl: 'https://localhost:3000/auth-dialog.html' };
type OfficeGlobal = { context: { requirements: { isSetSupported: (s: string, v?: string) => boolean }; ui: unknown }; auth: unknown; EventType: Record<string, string> };
const office = () => (globalThis as unknown as { Office: OfficeGlobal }).Office;

function hostSupporting(sets: string[]): void {
  installOutlookMock(fakeMailbox());
  office().context.requirements.isSetSupported = (name) => sets.includes(name);
}

function jwt(exp: number): string {
  return `h.${btoa(JSON.stringify({ exp })).replace(/=+$/, '')}.s`;
}

beforeEach(() => {
  silent.mockReset();
  popup.mockReset();
});

describe('token provider', () => {
  it('caches until shortly before expiry, shares concurrent requests, and forgets on invalidate', async () => {
    let now = 0;
    let calls = 0;
    const provider = cachingProvider('dialog', async () => ({ token: `t${++calls}`, expiresAt: 120_000 }), () => now);
    expect(await Promise.all([provider.getToken(), provider.getToken()])).toEqual(['t1', 't1']);
    now = 30_000;
    expect(await provider.getToken()).toBe('t1');
    now = 70_000; // inside the 60 s refresh margin
    expect(await provider.getToken()).toBe('t2');
    provider.invalidate();
    expect(await provider.getToken()).toBe('t3');
  });

  it('uses nested app authentication when the host supports it: silent first, popup only when interactive', async () => {
    hostSupporting(['NestedAppAuth']);
    const provider = await createTokenProvider(config);
    expect(provider.method).toBe('naa');
    silent.mockRejectedValue(new InteractionRequiredAuthError('login_required'));
    await expect(provider.getToken()).rejects.toBeInstanceOf(NotSignedInError);
    expect(popup).not.toHaveBeenCalled();
    popup.mockResolvedValue({ accessToken: 'naa-token', expiresOn: new Date(Date.now() + 3_600_000) });
    expect(await provider.getToken({ interactive: true })).toBe('naa-token');
    expect(popup).toHaveBeenCalledWith({ scopes: ['api://svc/access_as_user'] });
  });

  it('takes the token from Office.auth where the host offers it (the sandbox Outlook host)', async () => {
    hostSupporting(['IdentityAPI']);
    const getAccessToken = jest.fn(async () => jwt(Math.floor(Date.now() / 1000) + 3600));
    office().auth = { getAccessToken };
    const provider = await createTokenProvider(config);
    expect(provider.method).toBe('officeAuth');
    expect(await provider.getToken()).toMatch(/^h\./);
    expect(getAccessToken).toHaveBeenCalledWith({ allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false });
  });

  it('falls back to the dialog: token message resolves, closing it is "not signed in"', async () => {
    hostSupporting([]);
    const handlers: Record<string, (arg: unknown) => void> = {};
    const dialog = { close: jest.fn(), addEventHandler: (type: string, h: (arg: unknown) => void) => (handlers[type] = h) };
    office().context.ui = {
      displayDialogAsync: (_url: string, _opts: unknown, cb: (r: unknown) => void) => cb({ status: 'succeeded', value: dialog }),
    };
    const provider = await createTokenProvider(config);
    expect(provider.method).toBe('dialog');
    await expect(provider.getToken()).rejects.toBeInstanceOf(NotSignedInError);
    const pending = provider.getToken({ interactive: true });
    handlers[office().EventType.DialogMessageReceived!]!({ message: JSON.stringify({ type: 'token', accessToken: 'dlg', expiresOn: Date.now() + 3_600_000 }) });
    expect(await pending).toBe('dlg');
    expect(dialog.close).toHaveBeenCalled();
    provider.invalidate();
    const cancelled = provider.getToken({ interactive: true });
    handlers[office().EventType.DialogEventReceived!]!({ error: 12006 });
    await expect(cancelled).rejects.toThrow('sign-in was cancelled');
  });

  it('parses dialog messages defensively and reads JWT expiry', () => {
    expect(parseDialogMessage('{"type":"token","accessToken":"a","expiresOn":5}')).toEqual({ type: 'token', accessToken: 'a', expiresOn: 5 });
    expect(parseDialogMessage('nonsense').type).toBe('error');
    expect(expiryOf(jwt(1000))).toBe(1_000_000);
    expect(expiryOf('opaque', 0)).toBe(300_000);
  });
});
