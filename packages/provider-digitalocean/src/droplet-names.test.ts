import { describe, expect, it } from 'vitest';
import { dropletNames } from './droplet-names.js';

// The API's pattern for droplet names.
const NAME_PATTERN = /^[a-zA-Z0-9]?[a-z0-9A-Z.-]*[a-z0-9A-Z]$/;

describe('dropletNames', () => {
  it('numbers names from the first index', () => {
    expect(dropletNames({ templateId: 'web', requestId: 'req-0f8e2c1a-5b7d', firstIndex: 11, count: 2 })).toEqual([
      'ohf-web-0f8e2c1a-11',
      'ohf-web-0f8e2c1a-12',
    ]);
  });

  it('keeps names valid and within 63 characters whatever the template id', () => {
    const names = dropletNames({ templateId: `__Bad id/with spaces_${'x'.repeat(80)}__`, requestId: 'ret-#!', firstIndex: 1, count: 3 });
    for (const name of names) {
      expect(name).toMatch(NAME_PATTERN);
      expect(name.length).toBeLessThanOrEqual(63);
    }
    expect(names[0]).toMatch(/^ohf-Bad-id-with-spaces-x+-request-1$/);
  });
});
