// The OpenAPI description of the admin console's views of what happens and would happen (issue 17): the health
// history and the dry run; openapi.ts merges these paths into the document.
import { z } from 'zod';
import { ADMIN_DRY_RUN_ROUTES, ADMIN_HEALTH_ROUTES, dryRunRequestSchema, dryRunResponseSchema, healthHistoryResponseSchema } from '../../shared/admin-api.js';
import { apiErrorBodySchema } from '../../shared/api.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) } });
const error = (description: string) => ({ description, content: json(apiErrorBodySchema) });
const adminErrors = {
  '401': error('Missing, invalid or expired token'),
  '403': error('The token lacks the admin app role (ADMIN_ROLE, default CrmSync.Admin)'),
  '429': error('Too many requests'),
};

export function insightPaths(): Record<string, unknown> {
  return {
    [ADMIN_DRY_RUN_ROUTES.dryRun.url]: {
      post: {
        summary:
          "What a mailbox's next session would do (enrolled or not; under the stored settings or proposed ones, checked as for PUT /api/admin/settings): per family its reads, actions by type and items the guard would hold, and the first 20 items (ids, kinds, actions; no item content). Writes nothing to Graph, C4C or the store (admin role; a few per admin per minute)",
        requestBody: { required: true, content: json(dryRunRequestSchema, 'input') },
        responses: {
          '200': { description: 'What the session would do', content: json(dryRunResponseSchema) },
          '400': error('A bad request, or a refused setting named with why (`NAME: reason; …`)'),
          ...adminErrors,
          '404': error('No such mailbox'),
        },
      },
    },
    [ADMIN_HEALTH_ROUTES.healthHistory.url]: {
      get: {
        summary:
          "The answering process's last hour of health figures, one sample every 30 s from the counters /metrics shows: queue depth, sessions per minute, error rate, insta-sync latency p50/p95, Graph and C4C requests per minute (admin role)",
        responses: { '200': { description: 'OK (the last sample is the running interval so far)', content: json(healthHistoryResponseSchema) }, ...adminErrors },
      },
    },
  };
}
