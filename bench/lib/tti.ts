// Time to interactive of the task pane in headless Chromium: the sandbox Outlook host page (dist/addin, served by
// src/sandbox/outlook-host/serve.ts with Graph and /api proxied) opens an item; timed from the click on the ribbon's
// "CRM Sync" button until the pane's heading shows the item and its CRM search box is enabled. Baseline: the same server's static
// support.html loaded in the same browser (what any page costs here). Each run uses a fresh browser context.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_USERS } from '../../src/sandbox/common/demo-tenant.js';
import { serveOutlookHost } from '../../src/sandbox/outlook-host/serve.js';
import { GraphClient } from '../../test/support/sync-harness-http.js';
import { percentile, type Figure } from './report.js';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP appsforoffice.microsoft.com 127.0.0.1:9',
];

export async function ttiFigures(distDir: string, graphUrl: string, serviceUrl: string, runs: number): Promise<{ figures: Figure[]; notes: string[] }> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(join(distDir, 'outlook-host.html')) || !existsSync(chromiumPath)) {
    return { figures: [], notes: [`time to interactive not measured: needs ${join(distDir, 'outlook-host.html')} (npm run build) and ${chromiumPath}`] };
  }
  const user = DEMO_USERS[0];
  if (!user) throw new Error('no demo user');
  const subject = `TTI probe ${Date.now()}`;
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000);
  const at = (d: Date) => ({ dateTime: d.toISOString().slice(0, 19), timeZone: 'UTC' });
  const event = await new GraphClient(graphUrl).createEvent(user.id, { subject, start: at(start), end: at(new Date(start.getTime() + 3_600_000)) });
  const host = await serveOutlookHost({ root: distDir, graphOrigin: graphUrl, apiOrigin: serviceUrl });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
  const tti: number[] = [];
  const blank: number[] = [];
  const errors: string[] = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      let started = performance.now();
      await page.goto(`${host.url}/support.html`, { waitUntil: 'load' });
      blank.push(performance.now() - started);
      await page.goto(`${host.pageUrl}&item=${encodeURIComponent(String(event.id))}`);
      // As in Outlook: the item is open, the user opens the pane (ribbon button); timed from the click.
      const open = page.getByRole('button', { name: 'CRM Sync' });
      await open.waitFor({ timeout: 30_000 });
      started = performance.now();
      await open.click();
      const pane = page.frameLocator('#pane');
      await pane.getByRole('heading', { level: 1, name: subject }).waitFor({ timeout: 30_000 });
      const search = pane.getByRole('combobox', { name: 'Search CRM' });
      await search.waitFor({ timeout: 30_000 });
      while (!(await search.isEnabled())) await page.waitForTimeout(10);
      tti.push(performance.now() - started);
      await context.close();
    }
  } finally {
    await browser.close();
    await host.close();
  }
  return {
    figures: [{ name: `task pane time to interactive p50 (${runs} cold loads)`, value: percentile(tti, 50), unit: 'ms', baseline: percentile(blank, 50), baselineLabel: 'static page, same server' }],
    notes: [`time to interactive runs: ${tti.map((t) => t.toFixed(0)).join(', ')} ms (click to interactive: pane iframe load, Office stand-in, first /api calls)${errors.length > 0 ? `; page errors: ${errors.slice(0, 3).join(' | ')}` : ''}`],
  };
}
