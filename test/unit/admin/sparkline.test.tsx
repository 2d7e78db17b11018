/**
 * @jest-environment jsdom
 */
// The console's health charts: a sparkline is an inline SVG image whose text equivalent names the latest value and
// the range, scaled from 0 to the largest value, with a gap where an interval has no figure.
import { render, screen } from '@testing-library/react';
import { Sparkline, sparklinePoints } from '../../../src/admin/components/Sparkline.js';

describe('sparklinePoints', () => {
  it('scales from 0 (bottom) to the largest value (top) and breaks the line at a missing figure', () => {
    expect(sparklinePoints([0, 10, null, 5, 10], 40, 12)).toEqual(['0.0,11.0 10.0,1.0', '30.0,6.0 40.0,1.0']);
    // All zero: a flat line at the bottom, not a division by zero.
    expect(sparklinePoints([0, 0], 10, 10)).toEqual(['0.0,9.0 10.0,9.0']);
    expect(sparklinePoints([null, null], 10, 10)).toEqual([]);
  });
});

describe('Sparkline', () => {
  it('is an image whose name gives the latest value and the range', () => {
    render(<Sparkline values={[2, null, 8, 4]} label="Queue depth" format={(v) => `${v} jobs`} />);
    expect(screen.getByRole('img', { name: 'Queue depth: latest 4 jobs, lowest 2 jobs, highest 8 jobs over 4 samples' })).toBeTruthy();
    render(<Sparkline values={[null]} label="Insta-sync latency p95" format={String} />);
    expect(screen.getByRole('img', { name: 'Insta-sync latency p95: no figures yet' })).toBeTruthy();
  });
});
