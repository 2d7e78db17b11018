// GET /api/admin/health/history: the answering process's last hour of health figures (health-history.ts) for the
// console's charts. Admin role like every admin route; cheap (one queue depth read), so /api's rate limit suffices.
import type { FastifyInstance } from 'fastify';
import { ADMIN_HEALTH_ROUTES, type HealthHistoryResponse } from '../../shared/admin-health-api.js';
import { requireAdmin } from './admin-guard.js';

export interface AdminHealthDeps {
  adminRole: string;
  history(): Promise<HealthHistoryResponse>;
}

export function registerAdminHealthRoutes(app: FastifyInstance, deps: AdminHealthDeps): void {
  app.get(ADMIN_HEALTH_ROUTES.healthHistory.url, async (req): Promise<HealthHistoryResponse> => {
    requireAdmin(req.caller, deps.adminRole);
    return deps.history();
  });
}
