// Test data for the browser tests: Outlook items in Ava's mailbox (created through the Graph sandbox as the user
// would in Outlook), a C4C account with a name no other account has, and C4C/axe read-outs.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import type { ServiceHarness } from '../../support/service-harness.js';
import type { C4cEntitySet, Json } from '../../support/sync-harness-http.js';
import { SCREENSHOT_DIR } from './stack.js';

/** The sandbox Outlook page shows the first demo user's mailbox by default. */
export const AVA = DEMO_USERS[0]!;
const DAY = 86_400_000;
const dayIso = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

export const uniqueSubject = (what: string): string => `${what} ${randomUUID().slice(0, 8)}`;

/** A one-hour meeting `days` from today at 10:00 UTC (inside the host's −7…+21 day calendar view). */
export function meetingBody(subject: string, days: number, extra: Json = {}): Json {
  return {
    subject,
    start: { dateTime: `${dayIso(days)}T10:00:00`, timeZone: 'UTC' },
    end: { dateTime: `${dayIso(days)}T11:00:00`, timeZone: 'UTC' },
    ...extra,
  };
}

/** An all-day event over `length` days from `days` from today. */
export function allDayBody(subject: string, days: number, length: number, extra: Json = {}): Json {
  return {
    subject,
    isAllDay: true,
    start: { dateTime: `${dayIso(days)}T00:00:00`, timeZone: 'UTC' },
    end: { dateTime: `${dayIso(days + length)}T00:00:00`, timeZone: 'UTC' },
    ...extra,
  };
}

export interface Account {
  id: string;
  name: string;
}

/** A corporate account whose name is unique in C4C, so the search result to pick is unambiguous. */
/**
 * A corporate account `owner` owns whose name no other account shares: the pane's search runs as the signed-in user,
 * who finds only what their C4C role lets them read (Ava's: the accounts she owns).
 */
export async function accountWithUniqueName(h: ServiceHarness, owner: string = AVA.c4cEmployeeId): Promise<Account> {
  const res = await h.c4c.request('GET', `CorporateAccountCollection?$top=200&$select=AccountID,Name&$filter=OwnerID eq '${owner}'`);
  const rows = (res.body.d?.results ?? []) as Json[];
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(String(row.Name), (counts.get(String(row.Name)) ?? 0) + 1);
  const row = rows.find((r) => counts.get(String(r.Name)) === 1 && String(r.Name).length >= 4);
  if (!row) throw new Error(`no corporate account with a unique name among ${rows.length}`);
  return { id: String(row.AccountID), name: String(row.Name) };
}

/** The C4C activities of an Outlook item (matched by GroupwareItemID = iCalUId, as the service writes it). */
export async function c4cActivities(h: ServiceHarness, set: C4cEntitySet, iCalUId: string): Promise<Json[]> {
  return h.c4c.byGroupwareItemId(set, iCalUId);
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * axe over the task pane frame. Fluent's focus-trap sentinels (tabster `data-tabster-dummy` spans) are focusable
 * and aria-hidden on purpose and are left out. Writes every finding to test-results/e2e/axe-<name>.json.
 */
/** The findings a pane state must not have (axe's serious and critical). */
export const seriousOrWorse = (findings: AxeFinding[]): AxeFinding[] => findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');

export async function axeFindings(page: Page, name: string): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).include('#pane').analyze();
  const findings = result.violations
    .map((v) => ({ id: v.id, impact: String(v.impact), help: v.help, nodes: v.nodes.filter((n) => !n.html.includes('data-tabster-dummy')).map((n) => n.html.slice(0, 200)) }))
    .filter((f) => f.nodes.length > 0);
  writeFileSync(resolve(SCREENSHOT_DIR, `axe-${name}.json`), JSON.stringify({ findings, passes: result.passes.length, incomplete: result.incomplete.map((i) => i.id) }, null, 2));
  return findings;
}
