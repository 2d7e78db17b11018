// FakeOutlook as a Google mailbox's calendar: what it keeps of the fields it is given (by its user or by the sync) is
// what a Google event keeps of them, i.e. the item passed through the Google mapping (domain/google-payloads.ts →
// the event as Google returns it → domain/normalize-google.ts). Categories stand for the calendar and the R9 mark,
// as normalize-google.ts reads them, so the engine's behaviour is the same over both.
import type { NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import type { GoogleEvent } from '../../../src/server/domain/google-event.js';
import { googleInsertPayload } from '../../../src/server/domain/google-payloads.js';
import { normalizeGoogleFields } from '../../../src/server/domain/normalize-google.js';
import { CALENDAR_ID, inserted } from '../../support/google-echo.js';
import { FakeOutlook } from './fake-outlook.js';

export class FakeGoogleCalendar extends FakeOutlook {
  constructor(private readonly mailboxEmail: string) {
    super();
  }

  protected override keep(fields: NormalizedCalendarItem): NormalizedCalendarItem {
    const organizer = fields.organizerEmail;
    const mine = organizer !== null && organizer.toLowerCase() === this.mailboxEmail.toLowerCase();
    const event: GoogleEvent = { ...inserted(googleInsertPayload(fields, 'c-fake')), organizer: organizer === null ? null : mine ? { email: CALENDAR_ID, self: true } : { email: organizer } };
    return normalizeGoogleFields(event, { mailboxEmail: this.mailboxEmail });
  }
}
