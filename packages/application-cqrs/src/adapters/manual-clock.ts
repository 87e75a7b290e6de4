import type { Clock } from '../ports/clock.js';

/** A clock that moves only when told: for tests and deterministic replays. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  set(time: Date | string): void {
    this.current = new Date(time).getTime();
  }
}
