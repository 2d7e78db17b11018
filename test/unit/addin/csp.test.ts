// The add-in pages' Content-Security-Policy (scripts/addin-csp.ts, written into every page by webpack.config.js).
import { addinContentSecurityPolicy, OFFICE_JS_ORIGIN } from '../../../scripts/addin-csp.js';

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...sources]) => [name, sources]));
}

describe('add-in page CSP', () => {
  it('runs only our files and Office.js: no inline script, no eval, no plugins', () => {
    const policy = directives(addinContentSecurityPolicy({ apiBaseUrl: '', authority: 'https://login.microsoftonline.com/organizations' }));
    expect(policy['script-src']).toEqual(["'self'", OFFICE_JS_ORIGIN]);
    expect(Object.values(policy).flat()).not.toContain("'unsafe-eval'");
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'self'"]);
  });

  it('lets the pages talk to their origin, the sync service and the sign-in authority only', () => {
    const policy = directives(addinContentSecurityPolicy({ apiBaseUrl: 'https://sync.contoso.example/crm', authority: 'https://login.microsoftonline.com/organizations' }));
    expect(policy['connect-src']).toEqual(["'self'", 'https://sync.contoso.example', 'https://login.microsoftonline.com']);
    expect(policy['frame-src']).toEqual(["'self'", 'https://login.microsoftonline.com']);
    expect(directives(addinContentSecurityPolicy({ apiBaseUrl: '', authority: 'not a url' }))['connect-src']).toEqual(["'self'"]);
  });
});
