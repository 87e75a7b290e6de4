import { describe, expect, it } from 'vitest';
import { copyNullableTexts, copyOptionalTexts, copyPlainRecord, copyTextRecord, isPlainRecord } from './plain-record.js';

describe('plain record checks', () => {
  it('takes plain objects only, as z.object reads them', () => {
    expect(isPlainRecord({ a: 1 })).toBe(true);
    expect(isPlainRecord(Object.create(null))).toBe(true);
    expect(isPlainRecord([])).toBe(false);
    expect(isPlainRecord(new Date(0))).toBe(false);
    expect(isPlainRecord({ [Symbol('s')]: 1 })).toBe(false);
    expect(isPlainRecord(null)).toBe(false);
  });

  it('copies records afresh, and leaves to the schema what it is not sure of', () => {
    const tags = { a: 'b' };
    expect(copyTextRecord(tags)).toEqual(tags);
    expect(copyTextRecord(tags)).not.toBe(tags);
    expect(copyTextRecord({ a: 1 })).toBeUndefined();
    expect(copyTextRecord(JSON.parse('{"__proto__": "x"}'))).toBeUndefined();
    const metadata = { nested: { kept: [1] } };
    expect(copyPlainRecord(metadata)).toEqual(metadata);
    expect(copyPlainRecord(metadata)?.['nested']).toBe(metadata.nested);
    expect(copyPlainRecord(JSON.parse('{"__proto__": {}}'))).toBeUndefined();
  });

  it('copies text fields as nullable or optional schema fields give them', () => {
    const into: Record<string, unknown> = {};
    expect(copyNullableTexts({ a: 'x', b: null }, ['a', 'b', 'c'], into)).toBe(true);
    expect(copyOptionalTexts({ d: 'y' }, ['d', 'e'], into)).toBe(true);
    expect(into).toEqual({ a: 'x', b: null, c: null, d: 'y' });
    expect(Object.keys(into)).toEqual(['a', 'b', 'c', 'd']);
    expect(copyNullableTexts({ a: 1 }, ['a'], {})).toBe(false);
    expect(copyOptionalTexts({ a: null }, ['a'], {})).toBe(false);
  });
});
