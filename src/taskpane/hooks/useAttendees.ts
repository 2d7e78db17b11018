// The pane's "Attendees": the meeting's attendees, each either recognised in C4C (an employee, the user's own contact
// or lead, with its account) or unknown, for which the pane offers "Create contact" (with the item's primary account)
// and "Create lead". Asked once per item shown; an answer for an item no longer shown is dropped. A failed look-up
// leaves the section out rather than putting a message over what the user is doing; a failed create is the pane's
// one message.
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../addin/api/client.js';
import { describeError } from '../../addin/describe-error.js';
import { format } from '../../addin/text/format.js';
import type { Strings } from '../../addin/text/en.js';
import { ATTENDEE_MATCH_MAX_EMAILS, type AttendeeMatch } from '../../shared/people-api.js';
import type { Attendee, ItemPort } from './services.js';
import type { Say } from './useMessages.js';

export interface AttendeeRow {
  email: string;
  /** The name Outlook shows, else C4C's, else null. */
  name: string | null;
  /** What C4C knows of the attendee; null: unknown to C4C (or not the user's to see). */
  match: AttendeeMatch | null;
}

/** First and last name from a display name: "Lee, Kim" and "Kim Lee" both give Kim / Lee; without one, the address. */
export function splitName(name: string | null, email: string): { firstName?: string; lastName: string } {
  const cleaned = (name ?? '').replace(/\s+/g, ' ').trim();
  if (cleaned.includes(',')) {
    const [last = '', first = ''] = cleaned.split(',', 2).map((p) => p.trim());
    if (last) return first ? { firstName: first.slice(0, 40), lastName: last.slice(0, 40) } : { lastName: last.slice(0, 40) };
  }
  const words = cleaned.split(' ').filter(Boolean);
  if (words.length >= 2) return { firstName: words.slice(0, -1).join(' ').slice(0, 40), lastName: (words.at(-1) ?? '').slice(0, 40) };
  if (words.length === 1) return { lastName: (words[0] ?? '').slice(0, 40) };
  return { lastName: (email.split('@')[0] ?? email).slice(0, 40) };
}

export interface AttendeesDeps {
  item: Pick<ItemPort, 'getAttendees'>;
  api: Pick<ApiClient, 'matchAttendees' | 'createAttendee'>;
  strings: Strings;
  say: Say;
  /** The item shown (a new object per item read). */
  shownItem: unknown;
  /** The item's primary account id, which a new contact works for. */
  primaryAccountId: string | null;
}

export function useAttendees({ item, api, strings, say, shownItem, primaryAccountId }: AttendeesDeps) {
  const [state, setState] = useState<{ of: unknown; rows: AttendeeRow[] }>({ of: null, rows: [] });
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!shownItem || !item.getAttendees) return;
    const controller = new AbortController();
    const read = async () => {
      const attendees: Attendee[] = (await item.getAttendees?.()) ?? [];
      if (attendees.length === 0) return [];
      const { matches } = await api.matchAttendees(attendees.slice(0, ATTENDEE_MATCH_MAX_EMAILS).map((a) => a.email), controller.signal);
      const byEmail = new Map(matches.map((m) => [m.email, m]));
      return attendees.map((a) => ({ email: a.email, name: a.name ?? byEmail.get(a.email)?.name ?? null, match: byEmail.get(a.email) ?? null }));
    };
    read().then(
      (rows) => {
        if (!controller.signal.aborted) setState({ of: shownItem, rows });
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [item, api, shownItem]);

  const create = useCallback(
    async (row: AttendeeRow, kind: 'contact' | 'lead') => {
      setBusy((b) => new Set(b).add(row.email));
      try {
        const names = splitName(row.name, row.email);
        const { created, record } = await api.createAttendee({ kind, email: row.email, ...names, ...(primaryAccountId ? { accountId: primaryAccountId } : {}) });
        setState((s) => ({ ...s, rows: s.rows.map((r) => (r.email === row.email ? { ...r, match: record, name: r.name ?? record.name } : r)) }));
        const t = strings.attendees;
        const kindName = record.kind === 'employee' ? t.employee : strings.types[record.kind];
        setAnnouncement(format(created ? t.created : t.existed, { name: record.name, kind: kindName }));
      } catch (error) {
        say('error', format(strings.attendees.createFailed, { reason: describeError(error, strings) }));
      } finally {
        setBusy((b) => {
          const next = new Set(b);
          next.delete(row.email);
          return next;
        });
      }
    },
    [api, primaryAccountId, say, strings],
  );

  // The previous item's attendees never show beside another item.
  return { rows: state.of === shownItem ? state.rows : [], busy, announcement, create };
}
