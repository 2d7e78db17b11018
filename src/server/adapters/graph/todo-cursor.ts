// The cursor GraphTaskSource hands out for a mailbox's To Do: one Graph deltaLink per task list (null = the list
// still needs its first full read), when the lists were last listed (they are listed again at most every 30
// minutes, so an idle session costs one delta call per list), and the service list's id, so a restarted adapter
// knows which list takes the tasks made in C4C. Opaque to callers.
const PREFIX = 'graph-todo:v1:';

export interface TodoCursor {
  /** listId → deltaLink, or null before the list's first full read. */
  lists: Record<string, string | null>;
  /** Epoch ms of the last listing of the mailbox's lists. */
  listedAt: number;
  serviceListId: string | null;
}

export function encodeTodoCursor(cursor: TodoCursor): string {
  return `${PREFIX}${JSON.stringify({ l: cursor.lists, t: cursor.listedAt, s: cursor.serviceListId })}`;
}

/** Null for a missing or unreadable cursor (→ full read of every list). */
export function decodeTodoCursor(value: string | null): TodoCursor | null {
  if (!value?.startsWith(PREFIX)) return null;
  try {
    const parsed = JSON.parse(value.slice(PREFIX.length)) as { l?: unknown; t?: unknown; s?: unknown };
    if (!parsed.l || typeof parsed.l !== 'object' || typeof parsed.t !== 'number') return null;
    const lists: Record<string, string | null> = {};
    for (const [id, link] of Object.entries(parsed.l as Record<string, unknown>)) lists[id] = typeof link === 'string' ? link : null;
    return { lists, listedAt: parsed.t, serviceListId: typeof parsed.s === 'string' ? parsed.s : null };
  } catch {
    return null;
  }
}
