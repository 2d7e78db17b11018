import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import {
  GOOGLE_ERROR_COLOR_ID,
  GOOGLE_ERROR_LINE_PREFIX,
  googleErrorClearPatch,
  googleErrorMarkPatch,
  hasGoogleErrorMark,
  userDescription,
} from '../../../src/server/domain/google-error-mark.js';
import type { GoogleEvent } from '../../../src/server/domain/google-event.js';
import { googlePatchPayload } from '../../../src/server/domain/google-payloads.js';
import { normalizeGoogleEvent } from '../../../src/server/domain/normalize-google.js';
import { patched } from '../../support/google-echo.js';

const options = { mailboxEmail: 'ava@contoso.example', categories: DEFAULT_CATEGORIES };
const reason = 'All-day events longer than 24 hours are not synced to SAP Cloud for Customer.';

function withPatch(event: GoogleEvent, patch: object | null): GoogleEvent {
  if (patch === null) throw new Error('expected a patch');
  return patched(event, patch as GoogleEvent);
}

function read(event: GoogleEvent) {
  const item = normalizeGoogleEvent(event, 'appointment', options);
  if (item.removed) throw new Error('expected a present item');
  return item;
}

const event: GoogleEvent = { id: 'e1', summary: 'Trip', description: 'Flight LH 123\n\nHotel: Adlon', colorId: '5', start: { date: '2026-11-21' }, end: { date: '2026-11-24' } };

describe('R9 on Google: the error colour and line', () => {
  it('marks red with one line on top, reads as the error category, and the body stays the user text', () => {
    const marked = withPatch(event, googleErrorMarkPatch(event, reason));
    expect(marked.colorId).toBe(GOOGLE_ERROR_COLOR_ID);
    expect(marked.description).toBe(`${GOOGLE_ERROR_LINE_PREFIX}${reason}\nFlight LH 123\n\nHotel: Adlon`);
    expect(marked.extendedProperties?.private?.crmColorBeforeError).toBe('5');
    expect(hasGoogleErrorMark(marked)).toBe(true);
    const item = read(marked);
    expect(item.categories).toEqual([DEFAULT_CATEGORIES.appointment, DEFAULT_CATEGORIES.error]);
    expect(item.fields.body).toBe(read(event).fields.body);
  });

  it('clears exactly that line and restores the colour (or the calendar colour when there was none)', () => {
    const marked = withPatch(event, googleErrorMarkPatch(event, reason));
    const cleared = withPatch(marked, googleErrorClearPatch(marked));
    expect(cleared.description).toBe(event.description);
    expect(cleared.colorId).toBe('5');
    expect(cleared.extendedProperties?.private?.crmColorBeforeError).toBeUndefined();
    expect(read(cleared).categories).toEqual([DEFAULT_CATEGORIES.appointment]);
    const plain = { ...event, colorId: undefined, description: undefined };
    const again = withPatch(plain, googleErrorMarkPatch(plain, reason));
    expect(again.description).toBe(`${GOOGLE_ERROR_LINE_PREFIX}${reason}`);
    const back = withPatch(again, googleErrorClearPatch(again));
    expect(back.colorId).toBeUndefined();
    expect(back.description).toBeUndefined();
  });

  it('marks once: a second mark keeps the first colour, a new reason replaces the line, the same one writes nothing', () => {
    const marked = withPatch(event, googleErrorMarkPatch(event, reason));
    expect(googleErrorMarkPatch(marked, reason)).toBeNull();
    const other = googleErrorMarkPatch(marked, 'The item ends before it starts.');
    expect(other?.extendedProperties).toBeUndefined();
    const remarked = withPatch(marked, other);
    expect(remarked.description).toBe(`${GOOGLE_ERROR_LINE_PREFIX}The item ends before it starts.\nFlight LH 123\n\nHotel: Adlon`);
    expect(withPatch(remarked, googleErrorClearPatch(remarked)).colorId).toBe('5');
  });

  it('leaves what the user changed meanwhile: their colour, their lines, and an unmarked event', () => {
    expect(googleErrorClearPatch(event)).toBeNull();
    const marked = withPatch(event, googleErrorMarkPatch(event, reason));
    const edited = { ...marked, colorId: '2', description: `Note first\n${marked.description ?? ''}\nand last` };
    const cleared = withPatch(edited, googleErrorClearPatch(edited));
    expect(cleared.colorId).toBe('2');
    expect(cleared.description).toBe('Note first\nFlight LH 123\n\nHotel: Adlon\nand last');
    // An HTML description the editor wrapped: the line is still found, and only it goes.
    const html = `<span>${GOOGLE_ERROR_LINE_PREFIX}${reason}</span><br><b>Flight</b>`;
    expect(userDescription(html)).toBe('<b>Flight</b>');
    expect(withPatch(event, googleErrorMarkPatch({ ...event, description: '<b>Flight</b>' }, reason)).description).toBe(`${GOOGLE_ERROR_LINE_PREFIX}${reason}<br><b>Flight</b>`);
  });

  it('a body written while the event is marked keeps the line on top', () => {
    const marked = withPatch(event, googleErrorMarkPatch(event, reason));
    const patch = googlePatchPayload({ body: 'New notes' }, read(marked).fields, marked.description ?? null);
    const after = withPatch(marked, patch);
    expect(after.description).toBe(`${GOOGLE_ERROR_LINE_PREFIX}${reason}\nNew notes`);
    expect(read(after).fields.body).toBe('New notes');
    expect(withPatch(after, googleErrorClearPatch(after)).description).toBe('New notes');
  });
});
