// The enrolment policy's rules (issue 17): the check that names a bad field, who a policy takes in, the admin's
// per-mailbox decision winning over it, the preview's groups, and the console's draft turned into a policy.
import { policyOf } from '../../../src/admin/components/EnrolmentForm.js';
import { inPolicy, isEnrolled, previewPolicy, type EnrolmentPolicy, type KnownMailbox } from '../../../src/server/domain/enrolment.js';
import { checkEnrolmentPolicy } from '../../../src/shared/admin-enrolment-api.js';

const GROUP = '5A1E5000-0000-4000-8000-0000000000B1';
const box = (id: string, enabled: boolean): KnownMailbox => ({ mailboxId: id, email: `${id}@contoso.example`, displayName: `User ${id}`, enabled });

describe('checkEnrolmentPolicy', () => {
  it('names the field that is wrong', () => {
    const message = (input: unknown) => (checkEnrolmentPolicy(input) as { message?: string }).message;
    expect(message(null)).toMatch(/^policy: must be an object/);
    expect(message({ mode: 'everyone' })).toBe('policy.mode: must be one of all, group, list');
    expect(message({ mode: 'group' })).toMatch(/^policy\.groupId: /);
    expect(message({ mode: 'group', groupId: GROUP, emails: [] })).toBe('policy.emails: is not a field of the group policy');
    expect(message({ mode: 'list', emails: 'a@b.example' })).toMatch(/^policy\.emails: /);
    expect(message({ mode: 'list', emails: ['a@b.example', 42] })).toBe('policy.emails[1]: must be an e-mail address');
  });

  it('normalizes a good policy: the group id and addresses lower-cased, addresses trimmed and once each', () => {
    expect(checkEnrolmentPolicy({ mode: 'group', groupId: ` ${GROUP} ` })).toEqual({ ok: true, policy: { mode: 'group', groupId: GROUP.toLowerCase() } });
    expect(checkEnrolmentPolicy({ mode: 'list', emails: [' Ava@Contoso.example', 'ava@contoso.example', 'ben@contoso.example'] })).toEqual({ ok: true, policy: { mode: 'list', emails: ['ava@contoso.example', 'ben@contoso.example'] } });
  });
});

describe('who a policy enrols', () => {
  const members = { ids: new Set(['u-ava']), emails: new Set(['gus@fabrikam.example']) };
  it('takes in group members by id or address, list entries by address, everyone under all', () => {
    const group = { mode: 'group', groupId: GROUP.toLowerCase() } as const;
    expect(inPolicy(group, { mailboxId: 'u-ava', email: 'ava@contoso.example' }, members)).toBe(true);
    expect(inPolicy(group, { mailboxId: 'google:gus@fabrikam.example', email: 'Gus@Fabrikam.example' }, members)).toBe(true);
    expect(inPolicy(group, { mailboxId: 'u-ben', email: 'ben@contoso.example' }, members)).toBe(false);
    expect(inPolicy({ mode: 'list', emails: ['ben@contoso.example'] }, { mailboxId: 'u-ben', email: 'BEN@contoso.example' }, null)).toBe(true);
    expect(inPolicy({ mode: 'all' }, { mailboxId: 'u-x', email: 'x@y.example' }, null)).toBe(true);
  });

  it("lets the admin's decision for a mailbox win over the policy", () => {
    const list: EnrolmentPolicy = { mode: 'list', emails: ['ben@contoso.example'] };
    expect(isEnrolled(list, { mailboxId: 'u-ava', email: 'ava@contoso.example' }, null, 'enrolled')).toBe(true);
    expect(isEnrolled(list, { mailboxId: 'u-ben', email: 'ben@contoso.example' }, null, 'removed')).toBe(false);
    expect(isEnrolled(list, { mailboxId: 'u-ben', email: 'ben@contoso.example' }, null, null)).toBe(true);
  });

  it('previews added, removed and staying mailboxes against what syncs now, and unknown listed addresses', () => {
    const preview = previewPolicy({ mode: 'list', emails: ['b@contoso.example', 'c@contoso.example', 'zed@contoso.example'] }, [box('c', false), box('a', true), box('b', true)], null);
    expect(preview).toMatchObject({ added: { count: 1, first: [{ mailboxId: 'c' }] }, removed: { count: 1, first: [{ mailboxId: 'a' }] }, stays: { count: 1 }, unknownAddresses: ['zed@contoso.example'], addedIds: ['c'], removedIds: ['a'] });
    const many = Array.from({ length: 30 }, (_, i) => box(`m${String(i).padStart(2, '0')}`, false));
    const all = previewPolicy({ mode: 'all' }, many, null);
    expect(all.added.count).toBe(30);
    expect(all.added.first).toHaveLength(20);
    expect(all.added.first[0]?.mailboxId).toBe('m00');
  });
});

describe("the console's draft", () => {
  it('splits the typed addresses on lines, commas and spaces', () => {
    expect(policyOf({ mode: 'list', groupId: '', emails: 'a@x.example\nb@x.example, c@x.example  d@x.example\n' })).toEqual({ mode: 'list', emails: ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example'] });
    expect(policyOf({ mode: 'group', groupId: ` ${GROUP} `, emails: 'ignored' })).toEqual({ mode: 'group', groupId: GROUP });
    expect(policyOf({ mode: 'all', groupId: 'x', emails: 'y' })).toEqual({ mode: 'all' });
  });
});
