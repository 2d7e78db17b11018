// "Create follow-up task in C4C": a task the user processes, named after the item, linked to the item's primary
// account and contact, due on the day the user picks (a week after the meeting unless changed). One task per click;
// the button is busy while it is being made, so a double click cannot make two.
import { useCallback, useState } from 'react';
import type { ApiClient } from '../../addin/api/client.js';
import { describeError } from '../../addin/describe-error.js';
import { format } from '../../addin/text/format.js';
import type { Strings } from '../../addin/text/en.js';
import { primaryLink, type CrmLink } from '../../shared/crm-links.js';
import type { Say } from './useMessages.js';

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of the day a week after `end`, in the pane's own time zone (the day the user sees). */
export function defaultDueDate(end: Date | null, now: Date = new Date()): string {
  const at = new Date((end ?? now).getTime() + 7 * DAY_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export interface FollowUpDeps {
  api: Pick<ApiClient, 'createFollowUpTask'>;
  strings: Strings;
  say: Say;
  links: readonly CrmLink[];
  subject: string;
}

export interface CreatedTask {
  id: string;
  url: string | null;
}

export function useFollowUp({ api, strings, say, links, subject }: FollowUpDeps) {
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedTask | null>(null);

  const create = useCallback(
    async (dueDate: string) => {
      setBusy(true);
      try {
        const account = primaryLink(links, 'account');
        const contact = primaryLink(links, 'contact');
        const title = format(strings.followUp.subject, { subject: subject.trim() || strings.item.untitled });
        const { task } = await api.createFollowUpTask({
          subject: title,
          ...(dueDate ? { dueDate } : {}),
          ...(account && (account.type === 'account' || account.type === 'individualCustomer') ? { account: { type: account.type, id: account.id } } : {}),
          ...(contact ? { contactId: contact.id } : {}),
        });
        setCreated({ id: task.id, url: task.url ?? null });
      } catch (error) {
        say('error', format(strings.followUp.failed, { reason: describeError(error, strings) }));
      } finally {
        setBusy(false);
      }
    },
    [api, links, say, strings, subject],
  );

  // A new item starts without the previous one's task.
  const forget = useCallback(() => setCreated(null), []);
  return { busy, created, create, forget };
}
