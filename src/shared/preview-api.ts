// The task pane's preview cards: the key fields of a linked account or contact (or a search result), read when the
// card opens. The /api contract shared by the pane and the service (the route: src/server/http/api-routes.ts). Read
// with the same visibility as the CRM search (ports/crm-search.ts): what the caller may not find, they cannot preview.
import { z } from 'zod';
import { API_PREFIX } from './api.js';
import { syncListC4cIdSchema } from './sync-list-api.js';

export const PREVIEW_TYPES = ['account', 'contact'] as const;
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

export const crmPreviewSchema = z.discriminatedUnion('type', [accountPreviewSchema, contactPreviewSchema]);
export type CrmPreview = z.infer<typeof crmPreviewSchema>;

// GET /api/crm/:type/:id/preview → 200 { preview }, 404 `not_found` when the caller may not see it or it is gone.
export const crmPreviewParamsSchema = z.object({ type: previewTypeSchema, id: syncListC4cIdSchema }).strict();
export const crmPreviewResponseSchema = z.object({ preview: crmPreviewSchema });
export type CrmPreviewResponse = z.infer<typeof crmPreviewResponseSchema>;

export const PREVIEW_ROUTES = {
  preview: { method: 'GET', url: `${API_PREFIX}/crm/:type/:id/preview`, status: 200 },
} as const;

export const previewPath = (type: PreviewType, id: string): string => `${API_PREFIX}/crm/${type}/${encodeURIComponent(id)}/preview`;
