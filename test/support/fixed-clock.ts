// A clock tests can set and advance (the service itself runs on ports/clock.ts systemClock).
import type { Clock } from '../../src/server/ports/clock.js';

export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(date: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}
