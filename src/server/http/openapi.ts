// The OpenAPI 3.1 description of /api and /api/admin, generated from the same zod schemas that validate requests and
// responses (src/shared/api.ts, src/shared/admin-api.ts), so the document cannot drift from the code.
import { z } from 'zod';
import { ADMIN_ROUTES, doctorReportSchema, HOLD_STATUSES, holdListResponseSchema, holdSummarySchema, mailboxErasureResponseSchema, tenantPairingResponseSchema, tenantRepairResponseSchema, syncNowResponseSchema } from '../../shared/admin-api.js';
import {
  API_ROUTES,
  apiErrorBodySchema,
  categoryRequestSchema,
  categoryResponseSchema,
  crmSearchResponseSchema,
  itemStatusSchema,
  meResponseSchema,
  syncAcceptedSchema,
} from '../../shared/api.js';
import { consolePaths, mailboxPageOperation } from './openapi-console.js';
import { PREVIEW_ROUTES, PREVIEW_TYPES, crmPreviewResponseSchema } from '../../shared/preview-api.js';
import { insightPaths } from './openapi-insight.js';
import { PEOPLE_ROUTES, attendeeMatchRequestSchema, attendeeMatchResponseSchema, createAttendeeRequestSchema, createAttendeeResponseSchema, followUpTaskRequestSchema, followUpTaskResponseSchema } from '../../shared/people-api.js';
import { SYNC_LIST_ROUTES, syncListAddRequestSchema, syncListAddResponseSchema, syncListPeopleRequestSchema, syncListPeopleResponseSchema, syncListRecordTypes, syncListResponseSchema } from '../../shared/sync-list-api.js';

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) } });
const errors = {
  '400': { description: 'Invalid request', content: json(apiErrorBodySchema) },
  '401': { description: 'Missing, invalid or expired token', content: json(apiErrorBodySchema) },
  '403': { description: 'Mailbox not set up for sync', content: json(apiErrorBodySchema) },
  '404': { description: 'Item not in your mailbox', content: json(apiErrorBodySchema) },
  '429': { description: 'Too many requests', content: json(apiErrorBodySchema) },
  '503': { description: 'Graph or C4C unavailable', content: json(apiErrorBodySchema) },
};
const adminErrors = {
  '401': errors['401'],
  '403': { description: 'The token lacks the admin app role (ADMIN_ROLE, default CrmSync.Admin)', content: json(apiErrorBodySchema) },
  '404': { description: 'No such mailbox', content: json(apiErrorBodySchema) },
  '429': errors['429'],
};
const itemId = { name: 'itemId', in: 'path', required: true, description: 'Graph (REST) id of the item in your mailbox', schema: { type: 'string' } };
const path = (url: string) => url.replace(/:(\w+)/g, '{$1}');

export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'CRM sync for Outlook — task pane API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (Entra ID v2, scope access_as_user)' } } },
    security: [{ bearer: [] }],
    paths: {
      [API_ROUTES.me.url]: { get: { summary: 'The caller, their mailbox and the settings they may see', responses: { '200': { description: 'OK', content: json(meResponseSchema) }, ...errors } } },
      [API_ROUTES.crmSearch.url]: {
        get: {
          summary: 'Search linkable CRM objects',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 2, maxLength: 200 } },
            { name: 'types', in: 'query', required: false, description: 'Comma-separated CRM object types', schema: { type: 'string' } },
            { name: 'top', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 50 } },
          ],
          responses: { '200': { description: 'OK', content: json(crmSearchResponseSchema) }, ...errors },
        },
      },
      [path(PREVIEW_ROUTES.preview.url)]: {
        get: {
          summary: "A linked account's, contact's, opportunity's or ticket's key fields for the pane's preview card (read as the search reads)",
          parameters: [
            { name: 'type', in: 'path', required: true, schema: { type: 'string', enum: [...PREVIEW_TYPES] } },
            { name: 'id', in: 'path', required: true, description: 'The readable C4C id (AccountID, ContactID)', schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'OK', content: json(crmPreviewResponseSchema) }, ...errors, '404': { description: 'No such record, or not one you may see', content: json(apiErrorBodySchema) } },
        },
      },
      [path(API_ROUTES.itemStatus.url)]: { get: { summary: "An item's sync state", parameters: [itemId], responses: { '200': { description: 'OK', content: json(itemStatusSchema) }, ...errors } } },
      [path(API_ROUTES.itemSync.url)]: { post: { summary: 'Sync now (insta-sync of your mailbox)', parameters: [itemId], responses: { '202': { description: 'Accepted', content: json(syncAcceptedSchema) }, ...errors } } },
      [path(API_ROUTES.itemCategory.url)]: {
        post: {
          summary: "Set the item's sync category through Graph (fallback where Office.js cannot)",
          parameters: [itemId],
          requestBody: { required: true, content: json(categoryRequestSchema) },
          responses: { '200': { description: 'OK', content: json(categoryResponseSchema) }, ...errors },
        },
      },
      [SYNC_LIST_ROUTES.list.url]: {
        get: { summary: 'Your sync list: the C4C records kept as contacts in your Outlook (R14), oldest first', responses: { '200': { description: 'OK', content: json(syncListResponseSchema) }, ...errors } },
        post: {
          summary: 'Add a C4C contact, individual customer, employee or account to your sync list',
          requestBody: { required: true, content: json(syncListAddRequestSchema) },
          responses: {
            '201': { description: 'Added', content: json(syncListAddResponseSchema) },
            '200': { description: 'The record was on your list already', content: json(syncListAddResponseSchema) },
            ...errors,
            '409': { description: 'Your list is full', content: json(apiErrorBodySchema) },
          },
        },
      },
      [SYNC_LIST_ROUTES.people.url]: {
        post: {
          summary: "A meeting's attendees as C4C employees and your own contacts (by e-mail), to offer for your sync list",
          requestBody: { required: true, content: json(syncListPeopleRequestSchema) },
          responses: { '200': { description: 'The attendees found in C4C, in the order asked for', content: json(syncListPeopleResponseSchema) }, ...errors },
        },
      },
      [path(SYNC_LIST_ROUTES.remove.url)]: {
        delete: {
          summary: 'Remove a record from your sync list (its Outlook copy goes; nothing changes in C4C)',
          parameters: [
            { name: 'type', in: 'path', required: true, schema: { type: 'string', enum: [...syncListRecordTypes] } },
            { name: 'c4cId', in: 'path', required: true, description: 'The readable C4C id (ContactID, CustomerID, EmployeeID, AccountID)', schema: { type: 'string' } },
          ],
          responses: { '204': { description: 'Removed' }, ...errors, '404': { description: 'Not on your sync list', content: json(apiErrorBodySchema) } },
        },
      },
      [PEOPLE_ROUTES.match.url]: {
        post: {
          summary: "A meeting's attendees as C4C employees, your own contacts and your own leads (by e-mail), each with its account",
          requestBody: { required: true, content: json(attendeeMatchRequestSchema) },
          responses: { '200': { description: 'The attendees found in C4C, in the order asked for', content: json(attendeeMatchResponseSchema) }, ...errors },
        },
      },
      [PEOPLE_ROUTES.create.url]: {
        post: {
          summary: 'Create a C4C contact or lead (owned by you) for an attendee, after a duplicate check by e-mail',
          requestBody: { required: true, content: json(createAttendeeRequestSchema) },
          responses: {
            '201': { description: 'Created', content: json(createAttendeeResponseSchema) },
            '200': { description: 'C4C already has an employee, or a contact or lead of yours, with this address: that record, nothing created', content: json(createAttendeeResponseSchema) },
            ...errors,
            '403': { description: 'Mailbox not set up for sync, or no C4C employee to create records as', content: json(apiErrorBodySchema) },
            '409': { description: "C4C already has another owner's record with this address (not shown); nothing created", content: json(apiErrorBodySchema) },
          },
        },
      },
      [PEOPLE_ROUTES.followUp.url]: {
        post: {
          summary: 'Create a follow-up task in C4C that you process, linked to an account (and contact)',
          requestBody: { required: true, content: json(followUpTaskRequestSchema) },
          responses: {
            '201': { description: 'Created', content: json(followUpTaskResponseSchema) },
            ...errors,
            '403': { description: 'Mailbox not set up for sync, or no C4C employee to create the task for', content: json(apiErrorBodySchema) },
          },
        },
      },
      [path(ADMIN_ROUTES.eraseMailbox.url)]: {
        get: mailboxPageOperation(),
        delete: {
          summary: "Erase a user's data: the mailbox's Graph subscriptions, then every row of the mailbox in one transaction (admin role)",
          parameters: [{ name: 'mailbox', in: 'path', required: true, description: 'Mailbox id (Entra object id) or e-mail address', schema: { type: 'string' } }],
          responses: { '200': { description: 'Erased; rows deleted per table', content: json(mailboxErasureResponseSchema) }, ...adminErrors },
        },
      },
      [path(ADMIN_ROUTES.syncMailbox.url)]: {
        post: {
          summary: 'Run a session of the mailbox now and report what it did: applied writes, failures, holds (admin role; waits up to 60 s)',
          parameters: [{ name: 'mailbox', in: 'path', required: true, description: 'Mailbox id (Entra object id) or e-mail address', schema: { type: 'string' } }],
          responses: { '200': { description: 'The session ended (or `finished: false` after 60 s)', content: json(syncNowResponseSchema) }, ...adminErrors, '409': { description: 'The mailbox is paused', content: json(apiErrorBodySchema) } },
        },
      },
      [ADMIN_ROUTES.listHolds.url]: {
        get: {
          summary: 'Mass changes the session guard held (deletes, cancels, categories removed, items marked in error), oldest first (admin role)',
          parameters: [
            { name: 'mailbox', in: 'query', required: false, description: 'Mailbox id or e-mail address', schema: { type: 'string' } },
            { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: [...HOLD_STATUSES] } },
          ],
          responses: { '200': { description: 'OK', content: json(holdListResponseSchema) }, ...adminErrors },
        },
      },
      ...Object.fromEntries(
        (['release', 'discard'] as const).map((decision) => [
          path(decision === 'release' ? ADMIN_ROUTES.releaseHold.url : ADMIN_ROUTES.discardHold.url),
          {
            post: {
              summary:
                decision === 'release'
                  ? "Release a hold: the mailbox's next session reads in full and applies its changes (admin role)"
                  : "Discard a hold: its items are no longer mirrored and both sides stay as they are (admin role)",
              parameters: [{ name: 'holdId', in: 'path', required: true, schema: { type: 'string' } }],
              responses: {
                '200': { description: 'Decided', content: json(holdSummarySchema) },
                ...adminErrors,
                '404': { description: 'No such hold', content: json(apiErrorBodySchema) },
                '409': { description: 'The hold was decided already', content: json(apiErrorBodySchema) },
              },
            },
          },
        ]),
      ),
      [ADMIN_ROUTES.checks.url]: {
        get: {
          summary: 'The checks of `npm run doctor` with the configuration the service runs with: Entra, Graph permissions, PUBLIC_URL, C4C, the database, the clock (admin role; real calls, takes seconds)',
          responses: { '200': { description: 'One result per check (✔ ok, ✖ fail with what to do, – skip)', content: json(doctorReportSchema) }, ...adminErrors },
        },
      },
      [ADMIN_ROUTES.tenant.url]: {
        get: { summary: 'The C4C system the sync state belongs to, and whether C4C_BASE_URL still reaches it (admin role)', responses: { '200': { description: 'OK', content: json(tenantPairingResponseSchema) }, ...adminErrors } },
      },
      [ADMIN_ROUTES.repairTenant.url]: {
        post: {
          summary: "Re-pair with the C4C system C4C_BASE_URL reaches now: the old system's sync state is forgotten and the next sessions read in full (admin role)",
          responses: { '200': { description: 'Re-paired', content: json(tenantRepairResponseSchema) }, ...adminErrors, '503': errors['503'] },
        },
      },
      ...consolePaths(),
      ...insightPaths(),
    },
  };
}
