// The real product for browser tests: both sandboxes and the sync service (role all, PGlite, C4C webhook wired,
// as `npm start` runs it) from the service harness, the sandbox Outlook host serving the add-in build with
// /v1.0, /_sandbox and /api proxied, and a headless Chromium.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { serveOutlookHost, type OutlookHostServer } from '../../../src/sandbox/outlook-host/serve.js';
import { startServiceHarness, type ServiceHarness, type ServiceInstance } from '../../support/service-harness.js';
import { E2E_BUILD_DIR, ensureAddinBuild, type AddinBuild } from './addin-build.js';

export const SCREENSHOT_DIR = resolve(process.cwd(), 'test-results/e2e');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2eStack {
  h: ServiceHarness;
  service: ServiceInstance;
  host: OutlookHostServer;
  browser: Browser;
  build: AddinBuild;
  /** Milliseconds each start-up step took (build, service, first sync cycle, browser). */
  timings: Record<string, number>;
  close(): Promise<void>;
}

/** Waits until the service has finished `minSessions` mailbox sessions and then logged no activity for `quietMs`. */
async function waitQuiet(service: ServiceInstance, minSessions: number, quietMs = 1000, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  const activity = () => service.logs.filter((l) => l.msg === 'session done' || l.msg === 'session failed' || l.msg === 'C4C changes read').length;
  let last = activity();
  let lastChange = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const now = activity();
    if (now !== last) [last, lastChange] = [now, Date.now()];
    const sessions = service.logs.filter((l) => l.msg === 'session done').length;
    if (sessions >= minSessions && Date.now() - lastChange >= quietMs) return;
    if (Date.now() - started > timeoutMs) throw new Error(`the service did not finish its first cycle within ${timeoutMs} ms (${sessions} sessions done)`);
  }
}

export async function startE2eStack(): Promise<E2eStack> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings[name] = Date.now() - started;
    }
  };
  // Build and start the service side by side: both take seconds and neither needs the other.
  const buildPromise = time('build', ensureAddinBuild);
  const h = await time('sandboxes', startServiceHarness);
  try {
    // The service serves the admin console (/admin/) from the same build (read per request, so it may still be building).
    const adminPageDir = process.env.E2E_ADDIN_DIR ? resolve(process.env.E2E_ADDIN_DIR) : E2E_BUILD_DIR;
    const service = await time('service', async () => h.startService({ role: 'all', dataDir: await h.migratedDataDir('data'), env: { ADMIN_PAGE_DIR: adminPageDir } }));
    await h.wireC4cWebhook(service.url as string);
    // The first cycle syncs the seeded demo data of the five mailboxes; the tests start on a quiet service.
    await time('firstCycle', () => waitQuiet(service, 5));
    const build = await buildPromise;
    const host = await serveOutlookHost({ root: build.root, graphOrigin: h.graphUrl, apiOrigin: service.url as string });
    const browser = await time('browser', () => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS }));
    return {
      h,
      service,
      host,
      browser,
      build,
      timings,
      async close() {
        await browser.close().catch(() => undefined);
        await host.close();
        await h.close();
      },
    };
  } catch (error) {
    await buildPromise.catch(() => undefined);
    await h.close();
    throw error;
  }
}

export interface OpenedItem {
  context: BrowserContext;
  page: Page;
  pane: FrameLocator;
  /** Uncaught errors of the host page and its frames. */
  errors: string[];
  /** What the pages' Content-Security-Policy refused (Chromium reports each on the console). */
  cspViolations: string[];
}

export interface OpenOptions {
  itemId: string;
  subject: string;
  platform?: 'desktop' | 'web';
  mode?: 'read' | 'compose';
  /** Office display language (the host's `lang`), e.g. 'de-DE'. */
  lang?: string;
  /** The sync service can't be reached from the pane (its /api requests fail as a network error). */
  offline?: boolean;
}

/** Opens a Graph item in the sandbox Outlook page in a fresh browser context, and the task pane beside it. */
export async function openItemWithPane(stack: E2eStack, options: OpenOptions): Promise<OpenedItem> {
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Office.js from Microsoft's CDN is replaced by the host's stand-in; there is no internet here anyway.
  await context.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  if (options.offline) await context.route(/\/api\//, (route) => route.abort('connectionrefused'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const lang = options.lang ? `&lang=${encodeURIComponent(options.lang)}` : '';
  const query = `&platform=${options.platform ?? 'desktop'}&mode=${options.mode ?? 'read'}&item=${encodeURIComponent(options.itemId)}${lang}`;
  await page.goto(`${stack.host.pageUrl}${query}`);
  await page.locator('#item h2', { hasText: options.subject }).waitFor({ timeout: 20_000 });
  await page.click('#open-pane');
  const pane = page.frameLocator('#pane');
  await pane.getByRole('heading', { level: 1, name: options.subject }).waitFor({ timeout: 20_000 });
  return { context, page, pane, errors, cspViolations };
}

/** The whole sandbox Outlook window and the task pane alone, as test-results/e2e/<name>.png and <name>-pane.png. */
export async function screenshot(opened: OpenedItem, name: string): Promise<void> {
  await opened.page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
  await opened.page.locator('#pane').screenshot({ path: resolve(SCREENSHOT_DIR, `${name}-pane.png`) });
}

/** The pane alone at the narrowest and a wide task pane width, as test-results/e2e/<name>-320.png and -450.png. */
export async function screenshotWidths(opened: OpenedItem, name: string): Promise<void> {
  const setWidth = (px: number) =>
    opened.page.evaluate((w) => {
      const layout = document.querySelector<HTMLElement>('.layout');
      if (layout) layout.style.gridTemplateColumns = `minmax(220px, 1fr) minmax(280px, 2fr) ${w}px`;
    }, px);
  for (const px of [320, 450]) {
    await setWidth(px);
    await opened.page.locator('#pane').screenshot({ path: resolve(SCREENSHOT_DIR, `${name}-${px}.png`) });
  }
  await opened.page.evaluate(() => document.querySelector<HTMLElement>('.layout')?.style.removeProperty('grid-template-columns'));
}

/** Waits until the service has logged nothing for `quietMs` (at most 5 s): its sessions of the last change ended. */
export async function quiet(service: ServiceInstance, quietMs = 400): Promise<void> {
  const deadline = Date.now() + 5_000;
  let seen = service.logs.length;
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    if (service.logs.length !== seen) [seen, since] = [service.logs.length, Date.now()];
  }
}

/** The p-th percentile (nearest rank) of `list`. */
export function pct(list: readonly number[], p: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Polls `probe` until it returns something other than null/undefined/false. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const started = Date.now();
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
