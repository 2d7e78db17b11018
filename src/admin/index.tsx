// Entry of admin.html (the service serves it at /admin/): read the sign-in settings the service gives, then render
// the console. No Office.js here: the page runs in any browser.
import { createRoot } from 'react-dom/client';
import { ADMIN_PAGE_CONFIG_URL, adminPageConfigSchema } from '../shared/admin-page-config.js';
import { App } from './App.js';
import { createAdminSignIn } from './auth/sign-in.js';

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  try {
    const config = adminPageConfigSchema.parse(await (await fetch(ADMIN_PAGE_CONFIG_URL)).json());
    const signIn = await createAdminSignIn(config);
    createRoot(container).render(<App signIn={signIn} baseUrl="" />);
  } catch (err) {
    container.textContent = `The admin console could not start: ${(err as Error).message}`;
  }
}

void start();
