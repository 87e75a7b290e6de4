import type { IdGenerator } from '../ports/clock.js';

/** Predictable uuids (`00000000-0000-4000-8000-000000000001`, …) for tests. */
export class SequentialIdGenerator implements IdGenerator {
  private next = 1;

  uuid(): string {
    const value = this.next++;
    return `00000000-0000-4000-8000-${value.toString(16).padStart(12, '0')}`;
  }
}
