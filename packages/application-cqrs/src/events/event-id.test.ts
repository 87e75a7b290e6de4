import { describe, expect, it } from 'vitest';
import { newEventId } from './event-id.js';

describe('newEventId', () => {
  it('is a version 7 UUID', () => {
    expect(newEventId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('grows with each id, within one millisecond too, so index inserts land at the end', () => {
    const ids = Array.from({ length: 1_000 }, () => newEventId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('starts with the time it was made', () => {
    const before = Date.now();
    const id = newEventId();
    const milliseconds = Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(milliseconds).toBeGreaterThanOrEqual(before);
    expect(milliseconds).toBeLessThanOrEqual(Date.now());
  });
});
