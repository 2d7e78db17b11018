// Provisioning's enrolment decisions (issue 17): under `all` a known mailbox keeps its state (as before policies);
// an admin's decision wins; when the policy's group cannot be read, known mailboxes keep their state and new ones
// wait, and the log says why.
import pino from 'pino';
import { Writable } from 'node:stream';
import { enrolmentDecider } from '../../../src/server/jobs/enrolment.js';
import type { EnrolmentPolicy } from '../../../src/server/domain/enrolment.js';
import type { KnownMailboxRow } from '../../../src/server/ports/enrolment.js';

const GROUP = '5a1e5000-0000-4000-8000-0000000000b1';
const row = (mailboxId: string, override: KnownMailboxRow['override']): KnownMailboxRow => ({ mailboxId, email: `${mailboxId}@x.example`, displayName: mailboxId, enabled: true, override });

function deciderWith(policy: EnrolmentPolicy, groupMembers: () => Promise<{ ids: Set<string>; emails: Set<string> }>) {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
  const store = { readPolicy: async () => ({ policy, updatedAt: null, updatedBy: null }), knownMailboxes: async () => [row('kept-out', 'removed'), row('kept-in', 'enrolled')] };
  return { lines, decide: enrolmentDecider({ store, groups: { groupMembers } }, 't1', logger as never) };
}

describe('enrolmentDecider', () => {
  it('under all: new mailboxes are enrolled, known ones keep their state, admin decisions win', async () => {
    const { decide } = deciderWith({ mode: 'all' }, async () => Promise.reject(new Error('not called')));
    const d = await decide;
    expect(d({ mailboxId: 'new', email: 'new@x.example' }, null)).toBe(true);
    expect(d({ mailboxId: 'old-off', email: 'o@x.example' }, false)).toBe(false);
    expect(d({ mailboxId: 'kept-out', email: 'kept-out@x.example' }, true)).toBe(false);
  });

  it('under a group: members in, others out, admin decisions win', async () => {
    const { decide } = deciderWith({ mode: 'group', groupId: GROUP }, async () => ({ ids: new Set(['member']), emails: new Set() }));
    const d = await decide;
    expect(d({ mailboxId: 'member', email: 'm@x.example' }, false)).toBe(true);
    expect(d({ mailboxId: 'left', email: 'l@x.example' }, true)).toBe(false);
    expect(d({ mailboxId: 'kept-in', email: 'kept-in@x.example' }, false)).toBe(true);
  });

  it('when the group cannot be read: known mailboxes keep their state, new ones wait, and the log says so', async () => {
    const { decide, lines } = deciderWith({ mode: 'group', groupId: GROUP }, async () => Promise.reject(new Error('Graph answered 403')));
    const d = await decide;
    expect(d({ mailboxId: 'on', email: 'on@x.example' }, true)).toBe(true);
    expect(d({ mailboxId: 'off', email: 'off@x.example' }, false)).toBe(false);
    expect(d({ mailboxId: 'new', email: 'new@x.example' }, null)).toBe(false);
    expect(d({ mailboxId: 'kept-in', email: 'kept-in@x.example' }, null)).toBe(true);
    expect(lines.join('')).toContain("the enrolment policy's group could not be read");
  });
});
