// The admin console's Dry run and Health views (issue 17), in the admin checks' signed-in page on the shared stack.
// Dry run: a mailbox with a proposed setting shows what its next session would do, and the setting is not saved.
// Health: the seven charts are drawn as named images, each with its latest value, and the figures behind them
// reflect the sessions, Graph and C4C calls and insta-sync sessions the stack has run meanwhile.
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { DryRunResponse, HealthHistoryResponse, SettingsResponse } from '../../../src/shared/admin-api.js';

const FIGURES = ['Queue depth', 'Sessions per minute', 'Session error rate', 'Insta-sync latency p50', 'Insta-sync latency p95', 'Graph requests per minute', 'C4C requests per minute'];

export async function healthViewCheck(page: Page, admin: <T>(method: string, path: string) => Promise<T>, axe: (name: string) => Promise<void>): Promise<void> {
  const history = await admin<HealthHistoryResponse>('GET', '/health/history');
  expect(history.process.role).toBe('all');
  const some = (pick: (s: HealthHistoryResponse['samples'][number]) => number | null) => history.samples.some((s) => (pick(s) ?? 0) > 0);
  expect({ sessions: some((s) => s.sessionsPerMinute), graph: some((s) => s.graphRequestsPerMinute), c4c: some((s) => s.c4cRequestsPerMinute), insta: some((s) => s.instaP95Ms) }).toEqual({ sessions: true, graph: true, c4c: true, insta: true });

  await page.getByRole('tab', { name: 'Health' }).click();
  const table = page.getByRole('table', { name: 'Health figures' });
  await table.waitFor();
  for (const figure of FIGURES) await table.getByRole('img', { name: new RegExp(`^${figure}: (latest |no figures yet)`) }).waitFor();
  // The Graph chart has figures (not "no figures yet") and draws a line or a point.
  const graph = table.getByRole('img', { name: /^Graph requests per minute: latest / });
  expect(await graph.locator('polyline, circle').count()).toBeGreaterThan(0);
  await axe('health');
}

type AdminCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export async function dryRunViewCheck(page: Page, admin: AdminCall, axe: (name: string) => Promise<void>, email: string): Promise<void> {
  await page.getByRole('tab', { name: 'Dry run' }).click();
  await page.getByRole('textbox', { name: /^Mailbox/ }).fill(email);
  await page.getByRole('textbox', { name: /^Proposed settings/ }).fill('CONFLICT_WINNER=crm');
  await page.getByRole('button', { name: 'Run the dry run' }).click();
  await page.getByRole('status').filter({ hasText: new RegExp(`^Dry run of ${email}: \\d+ items? to act on, with CONFLICT_WINNER outlook → crm\\. Nothing was written\\.$`) }).waitFor({ timeout: 30_000 });
  await page.getByRole('table', { name: 'What the session would do: calendar' }).getByText('held by the guard').waitFor();
  await axe('dry-run');
  // Proposed, not saved.
  const settings = await admin<SettingsResponse>('GET', '/settings');
  expect(settings.settings.find((s) => s.name === 'CONFLICT_WINNER')?.value).toBe('outlook');
  // The same through the API: every family the stack syncs is previewed (To Do and contacts too).
  const dry = await admin<DryRunResponse>('POST', '/dry-run', { mailbox: email });
  expect(dry.families.find((f) => f.family === 'calendar')?.previewed).toBe(true);
  expect(dry.families.filter((f) => !f.previewed)).toEqual([]);
}
