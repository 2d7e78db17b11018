// What a session is about to write to an existing pair's two sides, recorded (committed) before it writes. If the
// process dies after a write landed and before the session's commit, the next session finds a side holding our
// own value while the committed base still has the old one. Without this record that looks like a user's edit,
// and a user's later edit of the same field on the other side would be taken for a conflict (R12) and could lose
// to it; with it, a side that holds exactly the value we wrote to it counts as unchanged for that field.
import type { NormalizedCalendarItem } from './calendar-item.js';
import type { ConflictRecord } from './conflict-record.js';

export interface WriteIntent<F extends object = NormalizedCalendarItem> {
  mailboxId: string;
  pairId: string;
  /** The item as the session meant both sides to be (the planned row's base). */
  intended: F;
  /** Fields written to Outlook and to C4C. */
  outlookFields: string[];
  crmFields: string[];
  /**
   * The R12 conflict these writes decide, if any. The sync log gets it at the commit; if the session dies first, the
   * next one logs it from here (once the writes landed, the sides agree and it sees no conflict of its own).
   */
  conflict?: ConflictRecord;
}
