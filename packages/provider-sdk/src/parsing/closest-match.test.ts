import { describe, expect, it } from 'vitest';
import { closestMatch } from './closest-match.js';

describe('closestMatch', () => {
  it('suggests only close words, whatever their case', () => {
    expect(closestMatch('prioirty', ['priority', 'weight'])).toBe('priority');
    expect(closestMatch('Stackscript_ID', ['stackscript_id', 'stackscript_data'])).toBe('stackscript_id');
    expect(closestMatch('zzz', ['priority', 'weight'])).toBeUndefined();
    expect(closestMatch('zone', [])).toBeUndefined();
  });
});
