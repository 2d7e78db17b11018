// What the admin console page (/admin/) asks the service before it signs in: GET /admin/config.json. The page is
// built once and served by any deployment, so how it signs in is the service's configuration, not the build's.
import { z } from 'zod';

export const ADMIN_PAGE_CONFIG_URL = '/admin/config.json';

export const adminPageConfigSchema = z.object({
  /** The app role an admin's token must carry (ADMIN_ROLE); the page names it when a token lacks it. */
  adminRole: z.string(),
  /**
   * Entra ID sign-in (MSAL, auth code + PKCE, the page's URL as redirect URI): the SPA app registration (the first of
   * API_CLIENT_IDS), the tenant's authority and the service's scope. Null when API_CLIENT_IDS is unset.
   */
  msal: z.object({ clientId: z.string(), authority: z.string(), scopes: z.array(z.string()) }).nullable(),
  /**
   * Sandbox mode only: the sandbox identity's delegated-token shortcut, which signs in the tenant's demo admin (the
   * first demo user holding `role`) for `audience`. Null outside sandbox mode.
   */
  sandbox: z.object({ tokenUrl: z.string(), audience: z.string(), role: z.string() }).nullable(),
});
export type AdminPageConfig = z.infer<typeof adminPageConfigSchema>;
