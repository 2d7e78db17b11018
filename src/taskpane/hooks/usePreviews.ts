// The preview cards' data: each record read once, when its card first opens, and kept for the pane's life, so a
// second open shows at once and asks the service nothing. An answer (the fields, or "not yours to see") is kept; a
// failure is not, so "Try again" asks again. Linking a record again drops its entry: the user who re-links expects
// what C4C says now.
import { useCallback, useMemo } from 'react';
import type { ApiClient } from '../../addin/api/client.js';
import { ApiError } from '../../addin/api/errors.js';
import { describeError } from '../../addin/describe-error.js';
import type { Strings } from '../../addin/text/en.js';
import type { CrmPreview, PreviewType } from '../../shared/preview-api.js';

import type { PreviewOutcome } from '../components/PreviewCard.js';

export type { PreviewOutcome };

export interface PreviewCache {
  /** The record's outcome: from the cache, or read now (never rejects). */
  load(type: PreviewType, id: string): Promise<PreviewOutcome>;
  /** Drops the record's entry: its next open reads it again. */
  forget(type: string, id: string): void;
}

const keyOf = (type: string, id: string) => `${type}:${id}`;

export function createPreviewCache(read: (type: PreviewType, id: string) => Promise<CrmPreview>, describe: (error: unknown) => string): PreviewCache {
  const entries = new Map<string, Promise<PreviewOutcome>>();
  return {
    load(type, id) {
      const key = keyOf(type, id);
      const cached = entries.get(key);
      if (cached) return cached;
      const outcome = read(type, id).then(
        (preview): PreviewOutcome => ({ status: 'loaded', preview }),
        (error: unknown): PreviewOutcome => {
          // 404: C4C has no such record the user may see (the route reads as the search does); 403: no C4C access at all.
          if (error instanceof ApiError && (error.kind === 'notFound' || error.kind === 'forbidden')) return { status: 'noAccess' };
          if (entries.get(key) === outcome) entries.delete(key);
          return { status: 'failed', reason: describe(error) };
        },
      );
      entries.set(key, outcome);
      return outcome;
    },
    forget(type, id) {
      entries.delete(keyOf(type, id));
    },
  };
}

/** One cache per pane (the App's life): created once, from the API client. */
export function usePreviews(api: ApiClient, strings: Strings): PreviewCache {
  const describe = useCallback((error: unknown) => describeError(error, strings), [strings]);
  return useMemo(() => createPreviewCache((type, id) => api.previewCrm(type, id), describe), [api, describe]);
}
