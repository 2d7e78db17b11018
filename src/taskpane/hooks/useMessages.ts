// The pane's message: the outcome of the user's last action, or a one-off failure. Only the current one shows: an
// earlier outcome ("now syncs as an Appointment") is stale once the next one arrives ("…as a Visit"), and one
// that a later state contradicts (a sync that then failed, another item) is cleared by the composer (usePane).
// A lasting problem with the service is not a message (App shows it as a banner from useServiceProblem).
import { useCallback, useRef, useState } from 'react';
import type { PaneMessage } from '../components/Messages.js';

/** Shows a message in place of the one shown. */
export type Say = (intent: PaneMessage['intent'], text: string) => void;

export function useMessages() {
  const [messages, setMessages] = useState<PaneMessage[]>([]);
  // Ids stay unique for the page's lifetime, so dismissing one never hits a newer message with the same text.
  const seq = useRef(0);

  const say = useCallback<Say>((intent, text) => {
    seq.current += 1;
    setMessages([{ id: `m${seq.current}`, intent, text }]);
  }, []);
  const dismiss = useCallback((id: string) => setMessages((list) => list.filter((m) => m.id !== id)), []);
  /** Drops the messages of these intents (all when none are named): what they said no longer holds. */
  const clearMessages = useCallback((...intents: PaneMessage['intent'][]) => {
    setMessages((list) => {
      const kept = intents.length === 0 ? [] : list.filter((m) => !intents.includes(m.intent));
      return kept.length === list.length ? list : kept;
    });
  }, []);

  return { messages, say, dismiss, clearMessages };
}
