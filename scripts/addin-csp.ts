// The Content-Security-Policy of the add-in's pages (task pane, ribbon commands, sign-in dialog, support page),
// written into each page as a <meta http-equiv> by webpack.config.js, so it holds on whatever static host serves
// dist/addin. The pages run our bundle, Microsoft's Office.js and, in the sign-in dialog, MSAL: nothing else may
// run, and they talk only to their own origin, the sync service and the sign-in authority. Imports nothing
// (webpack.config.js loads it with Node's type stripping).

/** Where Office.js comes from (Outlook and AppSource require Microsoft's CDN). */
export const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

export interface AddinCspInput {
  /** The sync service's base URL ('' = the pages' own origin). */
  apiBaseUrl: string;
  /** MSAL's authority, e.g. https://login.microsoftonline.com/organizations. */
  authority: string;
}

const originOf = (url: string): string | null => {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
};

export function addinContentSecurityPolicy(input: AddinCspInput): string {
  const authority = originOf(input.authority);
  const connect = ["'self'", originOf(input.apiBaseUrl), authority].filter((v): v is string => v !== null);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // No inline script and no eval: only our bundle's files and Office.js.
    'script-src': ["'self'", OFFICE_JS_ORIGIN],
    // Fluent UI (Griffel) writes its styles into <style> elements at run time.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': [...new Set(connect)],
    // MSAL's silent sign-in may use a hidden frame of the authority.
    'frame-src': ["'self'", ...(authority ? [authority] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
