// The task pane's preview cards: the key fields of a linked account, contact, opportunity or ticket (or a search
// result), read when the card opens. The /api contract shared by the pane and the service (the route: src/server/http/api-routes.ts). Read
// with the same visibility as the CRM search (ports/crm-search.ts): what the caller may not find, they cannot preview.
import { z } from 'zod';
import { API_PREFIX } from './api.js';
import { syncListC4cIdSchema } from './sync-list-api.js';

export const PREVIEW_TYPES = ['account', 'contact', 'opportunity', 'ticket'] as const;
export type PreviewType = (typeof PREVIEW_TYPES)[number];
export const previewTypeSchema = z.enum(PREVIEW_TYPES);

const field = z.string().nullable();

export const accountPreviewSchema = z.object({
  type: z.literal('account'),
  id: z.string().min(1),
  name: z.string(),
  city: field,
  /** The country's name in C4C's language (CountryCodeText), else its code. */
  country: field,
  /** The owner's name (the employee named by OwnerID), else the owner's id. */
  owner: field,
  phone: field,
  /**
   * The account's opportunities still open (C4C status Open or In Process) that the caller may see; `more` when
   * there are more than the count read (the card says "50+").
   */
  openOpportunities: z.object({ count: z.number().int().nonnegative(), more: z.boolean() }),
});

export const contactPreviewSchema = z.object({
  type: z.literal('contact'),
  id: z.string().min(1),
  name: z.string(),
  jobTitle: field,
  /** The contact's account, by name. */
  account: field,
  email: field,
  phone: field,
});

export const opportunityPreviewSchema = z.object({
  type: z.literal('opportunity'),
  id: z.string().min(1),
  name: z.string(),
  /** The sales cycle phase as C4C names it (SalesCyclePhaseCodeText), else its code. */
  phase: field,
  /** The life-cycle status as C4C names it (Open, In Process, Won, …), else its code. */
  status: field,
  /** The expected value (ExpectedRevenueAmount) and its ISO 4217 currency; null when C4C has none. */
  value: z.object({ amount: z.number(), currency: z.string().regex(/^[A-Z]{3}$/) }).nullable(),
  /** The expected close date (ExpectedProcessingEndDate), `YYYY-MM-DD`. */
  closeDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** The employee responsible, by name. */
  owner: field,
  /** The prospect (account), by name. */
  account: field,
});

export const ticketPreviewSchema = z.object({
  type: z.literal('ticket'),
  id: z.string().min(1),
  name: z.string(),
  /** The status the user sees in C4C (the user status), else the life-cycle status. */
  status: field,
  /** The priority as C4C names it (Immediate, Urgent, Normal, Low), else its code. */
  priority: field,
  /** The customer (buyer), by name. */
  account: field,
});

export const crmPreviewSchema = z.discriminatedUnion('type', [accountPreviewSchema, contactPreviewSchema, opportunityPreviewSchema, ticketPreviewSchema]);
export type CrmPreview = z.infer<typeof crmPreviewSchema>;

// GET /api/crm/:type/:id/preview → 200 { preview }, 404 `not_found` when the caller may not see it or it is gone.
export const crmPreviewParamsSchema = z.object({ type: previewTypeSchema, id: syncListC4cIdSchema }).strict();
export const crmPreviewResponseSchema = z.object({ preview: crmPreviewSchema });
export type CrmPreviewResponse = z.infer<typeof crmPreviewResponseSchema>;

export const PREVIEW_ROUTES = {
  preview: { method: 'GET', url: `${API_PREFIX}/crm/:type/:id/preview`, status: 200 },
} as const;

export const previewPath = (type: PreviewType, id: string): string => `${API_PREFIX}/crm/${type}/${encodeURIComponent(id)}/preview`;
