// Browser check of the add-in in the sandbox Outlook host: headless Chromium drives the real task pane and
// ribbon commands against the Graph sandbox and the fake /api, in desktop read and web compose forms, and runs
// axe on the pane. Build first (npm run build). Run: npx tsx src/sandbox/outlook-host/smoke.ts  (exit 1 on failure)
// A candidate for test/e2e; kept here as a tool because it needs the built bundle and a Chromium.
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Page } from 'playwright-core';
import { DEMO_USERS } from '../common/demo-tenant.js';
import { startGraphSandbox, type GraphSandbox } from '../graph/server.js';
import { customPropertiesPropertyId } from './config.js';
import { startFakeApi } from './fake-api.js';
import type { GraphEvent } from './graph.js';
import { serveOutlookHost } from './serve.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--host-resolver-rules=MAP appsforoffice.microsoft.com 127.0.0.1:9'];

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${message}`);
}

async function graphAs(graph: GraphSandbox, path: string, body?: unknown): Promise<unknown> {
  const token = ((await (await fetch(`${graph.url}/_sandbox/token?user=${DEMO_USERS[0]!.mail}`)).json()) as { access_token: string }).access_token;
  const headers = { authorization: `Bearer ${token}`, prefer: 'outlook.timezone="UTC"', 'content-type': 'application/json' };
  return (await fetch(`${graph.url}/v1.0${path}`, { method: body ? 'POST' : 'GET', headers, body: body ? JSON.stringify(body) : undefined })).json();
}

async function scenario(page: Page, graph: GraphSandbox, pageUrl: string, platform: 'desktop' | 'web', mode: 'read' | 'compose', calls: string[]): Promise<string[]> {
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000);
  const at = (d: Date) => ({ dateTime: d.toISOString().replace('Z', ''), timeZone: 'UTC' });
  const event = (await graphAs(graph, '/me/events', { subject: `Smoke ${platform} ${mode}`, start: at(start), end: at(new Date(start.getTime() + 3_600_000)) })) as GraphEvent;
  check(event.id, 'created a fresh appointment organised by the demo user');
  await page.goto(`${pageUrl}&platform=${platform}&mode=${mode}&item=${encodeURIComponent(event.id)}`);
  await page.click('#open-pane');
  const pane = page.frameLocator('#pane');
  await pane.getByRole('heading', { level: 1, name: event.subject ?? '' }).waitFor({ timeout: 20_000 });
  await pane.getByText('Not synced').waitFor();

  await pane.getByRole('radio', { name: 'Visit' }).click();
  await pane.getByRole('button', { name: 'Apply' }).click(); // a radio only selects; Apply writes
  await pane.getByText('This item now syncs to SAP as a Visit.').waitFor();
  if (platform === 'web' && mode === 'compose') {
    await pane.getByText(/the sync service set the category for you/).waitFor();
    check(calls.some((c) => c.startsWith('POST /api/items/') && c.endsWith('/category')), 'service fallback called POST …/category');
  } else {
    const stored = (await graphAs(graph, `/me/events/${event.id}`)) as GraphEvent;
    check(stored.categories?.includes('Visit'), 'Office.js stand-in wrote the Visit category to Graph');
  }
  await pane.getByText('C4C ID: 4711').waitFor({ timeout: 10_000 }); // pending → synced by polling

  const search = pane.getByRole('combobox', { name: 'Search CRM' });
  await search.fill('porter');
  await pane.getByRole('option', { name: /^Porter LLC/ }).waitFor();
  await search.press('ArrowDown');
  await search.press('Enter');
  await pane.getByRole('button', { name: / Remove$/ }).first().waitFor(); // a chip with its dismiss button
  if (mode === 'read') {
    const id = customPropertiesPropertyId('4a2d8f6e-9c1b-4e7a-8d3f-2b6c5e1a0c4c');
    const withProps = (await graphAs(graph, `/me/events/${event.id}?$expand=singleValueExtendedProperties($filter=id eq '${encodeURIComponent(id)}')`)) as GraphEvent;
    check(withProps.singleValueExtendedProperties?.[0]?.value.includes('crmLinks'), 'links stored in the cecp- extended property');
  }

  await page.click('#cmd-appointment');
  await page.locator('#log', { hasText: 'syncAsAppointment completed' }).waitFor();
  check((await page.locator('#log').innerText()).match(/syncAsAppointment completed/g)?.length === 1, 'event.completed() called exactly once');
  await page.locator('#notifications p').first().waitFor();

  const axe = await new AxeBuilder({ page }).include('#pane').analyze();
  // Fluent's focus-trap dummies (tabster) are focusable and aria-hidden by design.
  return axe.violations.filter((v) => !v.nodes.every((n) => n.html.includes('data-tabster-dummy'))).map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`);
}

async function main(): Promise<number> {
  const graph = await startGraphSandbox({ port: 0 });
  const api = await startFakeApi();
  const host = await serveOutlookHost({ root: resolve('dist/addin'), graphOrigin: graph.url, apiOrigin: api.url });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let failures = 0;
  try {
    for (const [platform, mode] of [['desktop', 'read'], ['web', 'compose']] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        const violations = await scenario(page, graph, host.pageUrl, platform, mode, api.calls);
        check(violations.length === 0, `axe: ${violations.join('; ')}`);
        check(errors.length === 0, `page errors: ${errors.join('; ')}`);
        process.stdout.write(`ok   ${platform} ${mode}\n`);
      } catch (error) {
        failures += 1;
        process.stdout.write(`FAIL ${platform} ${mode}: ${error instanceof Error ? error.message : String(error)}\n`);
        await page.screenshot({ path: `test-results/outlook-host-${platform}-${mode}-failure.png` }).catch(() => undefined);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await host.close();
    await api.close();
    await graph.close();
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
