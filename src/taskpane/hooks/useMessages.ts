// The pane's messages: outcomes and one-off failures, newest last. A lasting problem with the service is not a
// message (App shows it as a banner from useServiceProblem), so these can all be dismissed.
import { useCallback, useRef, useState } from 'react';
import type { PaneMessage } from '../components/Messages.js';

/** Adds a message; the same text again moves to the end instead of showing twice. */
export type Say = (intent: PaneMessage['intent'], text: string) => void;

// More than three at once is noise in a narrow pane; the oldest go first.
const MAX_MESSAGES = 3;

export function useMessages() {
  const [messages, setMessages] = useState<PaneMessage[]>([]);
  // Ids stay unique for the page's lifetime, so dismissing one never hits a newer message with the same text.
  const seq = useRef(0);

  const say = useCallback<Say>((intent, text) => {
    seq.current += 1;
    const id = `m${seq.current}`;
    setMessages((list) => [...list.filter((m) => m.text !== text), { id, intent, text }].slice(-MAX_MESSAGES));
  }, []);
  const dismiss = useCallback((id: string) => setMessages((list) => list.filter((m) => m.id !== id)), []);

  return { messages, say, dismiss };
}
