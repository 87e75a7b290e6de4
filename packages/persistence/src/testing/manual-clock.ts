import type { Clock } from '@ohf/domain-core';

/** A clock that moves only when told, so lease expiry is tested without waiting. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: string | number = '2025-01-01T00:00:00.000Z') {
    this.#now = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): Date {
    return new Date(this.#now);
  }

  advance(milliseconds: number): void {
    this.#now += milliseconds;
  }
}
