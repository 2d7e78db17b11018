// A problem with the service as a whole (unreachable, not signed in, forbidden), as opposed to one failed request.
// It stays on screen (App's banner) until an answer from the service clears it, and it keeps "Sync as" from
// waiting on a service that can't answer. Any other failure becomes a message.
import { useCallback, useState } from 'react';
import { describeError, serviceProblemOf } from '../../addin/describe-error.js';
import type { Strings } from '../../addin/text/en.js';
import type { Say } from './useMessages.js';

export type ServiceProblem = ReturnType<typeof serviceProblemOf>;

export function useServiceProblem(say: Say, strings: Strings) {
  const [problem, setProblem] = useState<ServiceProblem>(null);

  const noteServiceError = useCallback(
    (error: unknown) => {
      const kind = serviceProblemOf(error);
      if (kind) setProblem(kind);
      else say('error', describeError(error, strings));
    },
    [say, strings],
  );
  const clearProblem = useCallback(() => setProblem(null), []);

  return { problem, noteServiceError, clearProblem };
}
