// Time as a port, so sessions and tests can control it.
export interface Clock {
  /** Current time. */
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

