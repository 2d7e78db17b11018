import { formatRange } from '../../../src/taskpane/components/format.js';

describe('formatRange', () => {
  it('shows a timed item with its times', () => {
    const text = formatRange(new Date(2026, 10, 26, 10, 0), new Date(2026, 10, 26, 11, 30), 'en-US');
    expect(text).toMatch(/Nov 26, 2026, 10:00\s?AM–11:30\s?AM/);
  });

  it('shows a one-day all-day item as its date only', () => {
    expect(formatRange(new Date(2026, 10, 26), new Date(2026, 10, 27), 'en-US')).toBe('Thu, Nov 26, 2026');
  });

  it('shows a multi-day all-day item with its last day, not the exclusive end', () => {
    expect(formatRange(new Date(2026, 10, 26), new Date(2026, 10, 28), 'en-US')).toBe('Thu, Nov 26, 2026 – Fri, Nov 27, 2026');
  });
});
