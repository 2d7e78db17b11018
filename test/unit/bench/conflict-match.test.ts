// The soak's check of "converged on an older edit than the latest" (issue 19): such an item must match a conflict the
// service logged for its pair, with the kept value as the winner's edit and the latest edit as the loser's; otherwise
// it is a lost edit, reported as a violation.
import { checkSides } from '../../../bench/soak-lib/checker.js';
import type { SoakSides } from '../../../bench/soak-lib/clients.js';
import type { TrackedItem } from '../../../bench/soak-lib/edits.js';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { matchOlderEdits, subjectDigest, type LoggedConflict, type OlderEditItem } from '../../../bench/soak-lib/conflict-match.js';
import { TEST_SEAL, TEST_SEALER } from '../../support/test-sealer.js';

const older = (tag: string, overrides: Partial<OlderEditItem> = {}): OlderEditItem => ({
  tag,
  family: 'calendar',
  outlookId: `ev-${tag}`,
  crmObjectId: `obj-${tag}`,
  keptSide: 'outlook',
  kept: `${tag} v3`,
  latest: `${tag} v4`,
  ...overrides,
});

function logged(item: OlderEditItem, overrides: { winner?: 'outlook' | 'crm'; loserValue?: string; field?: string; byCrmIdOnly?: boolean } = {}): LoggedConflict {
  const winner = overrides.winner ?? item.keptSide;
  const field = overrides.field ?? (item.family === 'calendar' ? 'subject' : 'title');
  const digest = (v: string) => subjectDigest(TEST_SEAL, item.family, v);
  const sides = { [winner]: digest(item.kept), [winner === 'outlook' ? 'crm' : 'outlook']: digest(overrides.loserValue ?? item.latest) };
  return {
    pairId: `pair-${item.tag}`,
    tenantId: 'test-tenant',
    at: '2026-12-06T10:00:00.000Z',
    outlookId: overrides.byCrmIdOnly ? 'some-other-id' : item.outlookId,
    crmObjectId: item.crmObjectId,
    record: {
      fields: [field],
      bothChanged: true,
      winner,
      outlook: { version: 'ck-1', digests: { [field]: sides.outlook as string } },
      crm: { version: 'etag-1', digests: { [field]: sides.crm as string } },
    },
  };
}

describe('soak checker: older edits against the logged conflicts', () => {
  it('matches an item whose pair logged the conflict, and reports one with no record as a violation', () => {
    const conflicted = older('[soak-1-0001]');
    const lost = older('[soak-1-0002]', { keptSide: 'crm' });
    const result = matchOlderEdits([conflicted, lost], [logged(conflicted)], TEST_SEALER);
    expect(result.matched.map((m) => m.item.tag)).toEqual(['[soak-1-0001]']);
    expect(result.matched[0]?.conflict.pairId).toBe('pair-[soak-1-0001]');
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]).toMatch(/^\[soak-1-0002\] \(calendar\): converged on the crm side's older edit \("\[soak-1-0002\] v3", latest "\[soak-1-0002\] v4"\), and no conflict .* outlook ev-\[soak-1-0002\], C4C obj-\[soak-1-0002\]; logged conflicts of its pair: none$/);
  });

  it('finds the pair by either side\'s id, and matches tasks on their title', () => {
    const task = older('[soak-1-0003]', { family: 'tasks', keptSide: 'crm' });
    expect(matchOlderEdits([task], [logged(task, { byCrmIdOnly: true })], TEST_SEALER).violations).toEqual([]);
  });

  it('does not take a conflict that cannot explain the loss: another winner, another field, or a loser other than the latest edit', () => {
    const item = older('[soak-1-0004]');
    for (const wrong of [logged(item, { winner: 'crm' }), logged(item, { field: 'location' }), logged(item, { loserValue: '[soak-1-0004] v2' })]) {
      const result = matchOlderEdits([item], [wrong], TEST_SEALER);
      expect(result.matched).toEqual([]);
      expect(result.violations[0]).toContain('logged conflicts of its pair: 2026-12-06T10:00:00.000Z');
    }
    // Nor one whose digests were sealed with another tenant's key, nor another pair's conflict.
    expect(matchOlderEdits([item], [{ ...logged(item), tenantId: 'other-tenant' }], TEST_SEALER).matched).toEqual([]);
    expect(matchOlderEdits([item], [logged(older('[soak-1-0005]'))], TEST_SEALER).violations).toHaveLength(1);
  });
});

describe('soak checker: which items converged on an older edit', () => {
  it('lists a live item whose sides hold the other side\'s earlier edit, with both ids, the kept and the latest subject', async () => {
    const user = DEMO_USERS[0]!;
    const tracked = (n: string, lastEditSide: 'outlook' | 'crm'): TrackedItem => ({
      tag: `[soak-9-${n}]`, family: 'calendar', origin: 'outlook', user, state: 'live', eventId: `ev-${n}`, listId: null, objectId: `obj-${n}`, version: 2,
      lastOutlookSubject: `[soak-9-${n}] v1`, lastCrmSubject: `[soak-9-${n}] v2`, lastEditSide, linkedAccount: null, linkedContact: null, attendees: [], taggedBy: [], provider: 'outlook', kind: 'appointment', kindSwitches: 0,
    });
    // Both items converged on the Outlook edit (v1); only the first had a later C4C edit (v2).
    const sides = {
      outlookEvents: async () => ['0001', '0002'].map((n) => ({ id: `ev-${n}`, mailboxId: user.id, subject: `[soak-9-${n}] v1`, categories: [] })),
      crmActivities: async () => ['0001', '0002'].map((n) => ({ objectId: `obj-${n}`, subject: `[soak-9-${n}] v1`, status: '2', groupwareItemId: '', mainAccountPartyId: '' })),
    } as unknown as SoakSides;
    const report = await checkSides(sides, '[soak-9-', [tracked('0001', 'crm'), tracked('0002', 'outlook')], [user.id], false);
    expect(report.violations).toEqual([]);
    expect(report.notLatestEdit).toBe(1);
    expect(report.olderEdits).toEqual([{ tag: '[soak-9-0001]', family: 'calendar', outlookId: 'ev-0001', crmObjectId: 'obj-0001', keptSide: 'outlook', kept: '[soak-9-0001] v1', latest: '[soak-9-0001] v2' }]);
  });
});
