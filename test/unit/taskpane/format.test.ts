import { pseudoLocalize } from '../../../src/addin/text/pseudo.js';
import { formatRange, formatWhen } from '../../../src/taskpane/components/format.js';

const start = new Date(2026, 10, 26, 10, 0);
const end = new Date(2026, 10, 26, 11, 30);

describe('formatRange', () => {
  it('shows a timed item with its times, the date once', () => {
    expect(formatRange(start, end, 'en-US')).toMatch(/^Thu, Nov 26, 2026, 10:00\s?–\s?11:30\s?AM$/);
  });

  it('shows a one-day all-day item as its date only', () => {
    expect(formatRange(new Date(2026, 10, 26), new Date(2026, 10, 27), 'en-US')).toBe('Thu, Nov 26, 2026');
  });

  it('shows a multi-day all-day item with its last day, not the exclusive end', () => {
    expect(formatRange(new Date(2026, 10, 26), new Date(2026, 10, 28), 'en-US')).toMatch(/^Thu, Nov 26\s?–\s?Fri, Nov 27, 2026$/);
  });

  it('leaves order, separators and the range dash to the locale (no English pattern in other languages)', () => {
    for (const locale of ['de-DE', 'fr-CA', 'es-MX', 'it-IT', 'pt-BR', 'ja-JP', 'zh-CN']) {
      const intl = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
      expect(formatRange(start, end, locale)).toBe(intl.formatRange(start, end));
    }
    expect(formatRange(start, end, 'ja-JP')).toContain('～');
    expect(formatRange(start, end, 'de-DE')).toContain('Nov.');
  });

  it('shows a start alone, and an end before the start as the start alone', () => {
    expect(formatRange(start, null, 'en-US')).toMatch(/^Thu, Nov 26, 2026, 10:00\s?AM$/);
    expect(formatRange(end, start, 'en-US')).toMatch(/^Thu, Nov 26, 2026, 11:30\s?AM$/);
  });

  it('pseudo-localizes dates in the pseudo-locale', () => {
    expect(formatRange(start, end, 'qps-ploc')).toBe(pseudoLocalize(formatRange(start, end, 'en-US')!));
  });
});

describe('formatWhen', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

  it.each([
    ['en-US', 5, '5 seconds ago'],
    ['en-US', 120, '2 minutes ago'],
    ['de-DE', 120, 'vor 2 Minuten'],
    ['fr-FR', 3 * 3600, 'il y a 3 heures'],
    ['es-ES', 120, 'hace 2 minutos'],
    ['it-IT', 86_400, 'ieri'],
    ['pt-BR', 120, 'há 2 minutos'],
    ['ja-JP', 120, '2 分前'],
    ['zh-CN', 120, '2分钟前'],
  ])('%s, %i s ago → %s', (locale, seconds, text) => {
    expect(formatWhen(ago(seconds), locale, now)).toBe(text);
  });

  it('says "now" for a time a moment ahead (clock skew), in the locale', () => {
    expect(formatWhen(new Date(now.getTime() + 2000).toISOString(), 'fr-FR', now)).toBe('maintenant');
  });

  it('gives an absolute date and time past a week', () => {
    expect(formatWhen(ago(10 * 86_400), 'de-DE', now)).toMatch(/^16\.11\.2026, \d{2}:\d{2}$/);
  });

  it('pseudo-localizes in the pseudo-locale', () => {
    expect(formatWhen(ago(120), 'qps-ploc', now)).toBe(pseudoLocalize('2 minutes ago'));
  });
});
