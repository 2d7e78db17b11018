// The OpenAPI 3.1 description of /api and /api/admin, generated from the same zod schemas that validate requests and
// responses (src/shared/api.ts, src/shared/admin-api.ts), so the document cannot drift from the code.
import { z } from 'zod';
import { ADMIN_ROUTES, mailboxErasureResponseSchema } from '../../shared/admin-api.js';
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
      [path(ADMIN_ROUTES.eraseMailbox.url)]: {
        delete: {
          summary: "Erase a user's data: the mailbox's Graph subscriptions, then every row of the mailbox in one transaction (admin role)",
          parameters: [{ name: 'mailbox', in: 'path', required: true, description: 'Mailbox id (Entra object id) or e-mail address', schema: { type: 'string' } }],
          responses: { '200': { description: 'Erased; rows deleted per table', content: json(mailboxErasureResponseSchema) }, ...adminErrors },
        },
      },
    },
  };
}
