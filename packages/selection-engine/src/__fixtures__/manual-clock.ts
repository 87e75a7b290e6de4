import type { Clock } from '@ohf/domain-core';

/** A clock tests move by hand, so time-based behaviour runs without real waiting. */
export interface ManualClock extends Clock {
  readonly ms: number;
  advance(milliseconds: number): void;
  advanceSeconds(seconds: number): void;
  set(isoTime: string): void;
}

export function manualClock(startIso = '2026-03-01T12:00:00.000Z'): ManualClock {
  let current = Date.parse(startIso);
  return {
    now: () => new Date(current),
    get ms() {
      return current;
    },
    advance(milliseconds) {
      current += milliseconds;
    },
    advanceSeconds(seconds) {
      current += seconds * 1000;
    },
    set(isoTime) {
      current = Date.parse(isoTime);
    },
  };
}
