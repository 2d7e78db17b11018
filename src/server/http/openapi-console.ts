// The OpenAPI description of the admin console's routes (issue 17), from the zod schemas of the contract
// (src/shared/admin-settings-api.ts and the mailbox views); openapi.ts merges these paths into the document.
import { z } from 'zod';
import { ADMIN_ROUTES, auditResponseSchema, enrolmentAppliedSchema, enrolmentPreviewSchema, enrolmentRequestSchema, enrolmentResponseSchema, itemRetryResponseSchema, mailboxDetailResponseSchema, MAILBOX_PROVIDERS, MAILBOX_STATES, mailboxActionResponseSchema, mailboxListResponseSchema, settingsResponseSchema, settingsUpdateRequestSchema, settingsUpdateResponseSchema } from '../../shared/admin-api.js';
import { apiErrorBodySchema } from '../../shared/api.js';

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) } });
const error = (description: string) => ({ description, content: json(apiErrorBodySchema) });
const adminErrors = {
  '401': error('Missing, invalid or expired token'),
  '403': error('The token lacks the admin app role (ADMIN_ROLE, default CrmSync.Admin)'),
  '429': error('Too many requests'),
};

const path = (url: string) => url.replace(/:(\w+)/g, '{$1}');
const mailboxParam = { name: 'mailbox', in: 'path', required: true, description: 'Mailbox id (Entra object id) or e-mail address', schema: { type: 'string' } };
const MAILBOX_ACTIONS = [
  [ADMIN_ROUTES.pauseMailbox.url, 'Pause a mailbox: no sessions (scheduled, insta-sync, sync now) until resumed; nothing is forgotten (admin role, audited)'],
  [ADMIN_ROUTES.resumeMailbox.url, 'Resume a paused mailbox and ask for a session (admin role, audited)'],
  [ADMIN_ROUTES.resyncMailbox.url, "Full resync: forget the mailbox's delta links (its pairs stay) and ask for a session, which reads everything in the window (admin role, audited)"],
  [ADMIN_ROUTES.enrolMailbox.url, 'Enrol a mailbox, inside the enrolment policy or not, until the next policy is applied, and ask for a session (admin role, audited)'],
  [ADMIN_ROUTES.removeMailbox.url, "Remove a mailbox from the sync until the next policy is applied: no more sessions, its sync state (pairs, delta links, inbox, subscriptions) forgotten; nothing in Outlook, Google or C4C is deleted (admin role, audited)"],
] as const;
const badPolicy = error('A bad policy, the field named (`policy.groupId: …`), or an unknown group; nothing was written');

/** GET of the path whose DELETE is the erasure (openapi.ts puts both under the one path). */
export function mailboxPageOperation(): Record<string, unknown> {
  return {
    summary: "A mailbox's page: its state, last 20 sessions (reason, read, applied, failed, held, duration), items in error (R9) and last 50 conflicts (R12: the fields, both sides' versions, who won) (admin role)",
    parameters: [mailboxParam],
    responses: { '200': { description: 'OK', content: json(mailboxDetailResponseSchema) }, ...adminErrors, '404': error('No such mailbox') },
  };
}

export function consolePaths(): Record<string, unknown> {
  return {
    [ADMIN_ROUTES.listMailboxes.url]: {
      get: {
        summary: 'The mailboxes, a page at a time in e-mail order: provider, state, last and next session, items and errors per family, open holds (admin role)',
        parameters: [
          { name: 'cursor', in: 'query', required: false, description: 'The `next` of the previous page', schema: { type: 'string' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'q', in: 'query', required: false, description: 'Part of the e-mail address or display name', schema: { type: 'string' } },
          { name: 'state', in: 'query', required: false, schema: { type: 'string', enum: [...MAILBOX_STATES] } },
          { name: 'provider', in: 'query', required: false, schema: { type: 'string', enum: [...MAILBOX_PROVIDERS] } },
        ],
        responses: { '200': { description: 'OK', content: json(mailboxListResponseSchema) }, ...adminErrors, '400': error('A bad query parameter') },
      },
    },
    [path(ADMIN_ROUTES.retryItem.url)]: {
      post: {
        summary: 'Retry an item in error (R9): a session of the mailbox is asked for now, which reads the item again (admin role, audited)',
        parameters: [mailboxParam, { name: 'pairId', in: 'path', required: true, description: 'The item (pairId of the mailbox page)', schema: { type: 'string' } }],
        responses: { '202': { description: 'A session is asked for', content: json(itemRetryResponseSchema) }, ...adminErrors, '404': error('No such mailbox, or no such item in error') },
      },
    },
    ...Object.fromEntries(
      MAILBOX_ACTIONS.map(([url, summary]) => [
        path(url),
        { post: { summary, parameters: [mailboxParam], responses: { '200': { description: 'Done (`changed: false` when it was so already)', content: json(mailboxActionResponseSchema) }, ...adminErrors, '404': error('No such mailbox') } } },
      ]),
    ),
    [ADMIN_ROUTES.settings.url]: {
      get: {
        summary: 'Every R-setting (named as in the environment): its value in the database, which applies, and the environment value where it differs (admin role)',
        responses: { '200': { description: 'OK', content: json(settingsResponseSchema) }, ...adminErrors },
      },
      put: {
        summary: "Change R-settings, validated by the environment's rules; audited; the next session of every worker uses them (admin role)",
        requestBody: { required: true, content: json(settingsUpdateRequestSchema) },
        responses: {
          '200': { description: 'Saved (or nothing changed)', content: json(settingsUpdateResponseSchema) },
          '400': error('A refused setting, named with why (`NAME: reason; …`); nothing was saved'),
          ...adminErrors,
        },
      },
    },
    [ADMIN_ROUTES.enrolment.url]: {
      get: {
        summary: 'The enrolment policy (all C4C employees, an Entra group, or a list of addresses), who applied it and when, and how many mailboxes are enrolled (admin role)',
        responses: { '200': { description: 'OK', content: json(enrolmentResponseSchema) }, ...adminErrors },
      },
      put: {
        summary: "Apply an enrolment policy: the mailboxes it takes in are enrolled, the others removed (their sync state forgotten), per-mailbox decisions cleared; audited with the old and new policy (admin role)",
        requestBody: { required: true, content: json(enrolmentRequestSchema) },
        responses: { '200': { description: 'Applied: what changed', content: json(enrolmentAppliedSchema) }, '400': badPolicy, ...adminErrors },
      },
    },
    [ADMIN_ROUTES.previewEnrolment.url]: {
      post: {
        summary: 'What applying an enrolment policy would change: who would be added, removed, and who stays (counts and the first 20); writes nothing (admin role)',
        requestBody: { required: true, content: json(enrolmentRequestSchema) },
        responses: { '200': { description: 'The preview', content: json(enrolmentPreviewSchema) }, '400': badPolicy, ...adminErrors },
      },
    },
    [ADMIN_ROUTES.audit.url]: {
      get: {
        summary: 'What admins did (who, when, what, old → new), newest first (admin role)',
        parameters: [
          { name: 'before', in: 'query', required: false, description: 'The `next` of the previous page', schema: { type: 'string' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'target', in: 'query', required: false, description: 'Only entries about this mailbox id, hold id or `settings`', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'OK', content: json(auditResponseSchema) }, ...adminErrors, '400': error('A bad query parameter') },
      },
    },
  };
}
