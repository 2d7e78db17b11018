// The enrolment policy (issue 17): which of the tenant's C4C employees the service syncs. Part of the /api/admin
// contract (src/shared/admin-api.ts re-exports it). A policy is previewed (who would be added, removed, who stays)
// before it is applied; applying it and enrolling or removing one mailbox are audited (GET /api/admin/audit).
import { z } from 'zod';

export const ENROLMENT_MODES = ['all', 'group', 'list'] as const;
export type EnrolmentMode = (typeof ENROLMENT_MODES)[number];

/** Most addresses an explicit list may hold (a larger selection is a group's job). */
export const MAX_LISTED_ADDRESSES = 10_000;

/**
 * - `all`: every user of the tenant who is a C4C employee (the default);
 * - `group`: those of them who are members of the Entra group `groupId` (its object id), directly or through nested
 *   groups;
 * - `list`: those of them whose e-mail address is in `emails` (case-insensitive).
 */
export type EnrolmentPolicy = { mode: 'all' } | { mode: 'group'; groupId: string } | { mode: 'list'; emails: string[] };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export const enrolmentPolicySchema = z.union([
  z.object({ mode: z.literal('all') }).strict(),
  z.object({ mode: z.literal('group'), groupId: z.string().regex(GUID) }).strict(),
  z.object({ mode: z.literal('list'), emails: z.array(z.string().regex(EMAIL).max(320)).min(1).max(MAX_LISTED_ADDRESSES) }).strict(),
]);

/**
 * Checks a proposed policy and says what is wrong with it, naming the field (`policy.groupId: …`), so an admin
 * knows what to fix. E-mail addresses come back lower-cased, trimmed and without duplicates.
 */
export function checkEnrolmentPolicy(input: unknown): { ok: true; policy: EnrolmentPolicy } | { ok: false; message: string } {
  const fail = (field: string, why: string) => ({ ok: false as const, message: `policy.${field}: ${why}` });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, message: 'policy: must be an object, e.g. {"mode":"all"}' };
  const value = input as Record<string, unknown>;
  const mode = value.mode;
  if (mode !== 'all' && mode !== 'group' && mode !== 'list') return fail('mode', `must be one of ${ENROLMENT_MODES.join(', ')}`);
  const allowed = mode === 'all' ? ['mode'] : mode === 'group' ? ['mode', 'groupId'] : ['mode', 'emails'];
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  if (extra !== undefined) return fail(extra, `is not a field of the ${mode} policy`);
  if (mode === 'all') return { ok: true, policy: { mode } };
  if (mode === 'group') {
    const groupId = typeof value.groupId === 'string' ? value.groupId.trim() : '';
    if (!GUID.test(groupId)) return fail('groupId', "must be the Entra group's object id (a GUID)");
    return { ok: true, policy: { mode, groupId: groupId.toLowerCase() } };
  }
  if (!Array.isArray(value.emails) || value.emails.length === 0) return fail('emails', 'must be a list of one or more e-mail addresses');
  if (value.emails.length > MAX_LISTED_ADDRESSES) return fail('emails', `at most ${MAX_LISTED_ADDRESSES} addresses`);
  const emails: string[] = [];
  for (const [i, raw] of value.emails.entries()) {
    const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (!EMAIL.test(email) || email.length > 320) return fail(`emails[${i}]`, 'must be an e-mail address');
    if (!emails.includes(email)) emails.push(email);
  }
  return { ok: true, policy: { mode, emails } };
}

const count = z.number().int().min(0);
const personSchema = z.object({ mailboxId: z.string(), email: z.string(), displayName: z.string() });
export type EnrolmentPerson = z.infer<typeof personSchema>;

/** How many people, and the first of them in e-mail order (at most 20). */
const groupOfPeopleSchema = z.object({ count, first: z.array(personSchema) });

// ---------------------------------------------------------------------------------------------------------
// GET /api/admin/enrolment → 200 EnrolmentResponse

export const enrolmentResponseSchema = z.object({
  policy: enrolmentPolicySchema,
  /** When and by whom (admin's user id) it was last applied; null while it is the default. */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** Mailboxes synced now, and those known but not synced (outside the policy, or removed). */
  enrolled: count,
  notEnrolled: count,
});
export type EnrolmentResponse = z.infer<typeof enrolmentResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// POST /api/admin/enrolment/preview {policy} → 200 EnrolmentPreview (writes nothing)
// PUT /api/admin/enrolment {policy} → 200 EnrolmentApplied (400 a bad policy, naming the field; 404 unknown group)

export const enrolmentRequestSchema = z.object({ policy: enrolmentPolicySchema });
export type EnrolmentRequest = z.infer<typeof enrolmentRequestSchema>;

export const enrolmentPreviewSchema = z.object({
  policy: enrolmentPolicySchema,
  /** Not synced now, synced under the proposed policy. */
  added: groupOfPeopleSchema,
  /** Synced now, not under the proposed policy: they stop syncing and their sync state is forgotten. */
  removed: groupOfPeopleSchema,
  /** Synced now and under the proposed policy. */
  stays: groupOfPeopleSchema,
  /** Addresses of a `list` policy that name no known mailbox (not a user of the tenant who is a C4C employee). */
  unknownAddresses: z.array(z.string()),
});
export type EnrolmentPreview = z.infer<typeof enrolmentPreviewSchema>;

export const enrolmentAppliedSchema = enrolmentPreviewSchema.extend({ enrolment: enrolmentResponseSchema });
export type EnrolmentApplied = z.infer<typeof enrolmentAppliedSchema>;
