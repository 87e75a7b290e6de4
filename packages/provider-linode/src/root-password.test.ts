import { describe, expect, it } from 'vitest';
import { generateRootPassword } from './root-password.js';

describe('generateRootPassword', () => {
  it('is 40 characters with lower case, upper case, digits and symbols', () => {
    const password = generateRootPassword();
    expect(password).toHaveLength(40);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[0-9]/);
    expect(password).toMatch(/[^a-zA-Z0-9]/);
  });

  it('differs every time with the crypto source', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generateRootPassword()));
    expect(passwords.size).toBe(50);
  });

  it('draws every character from the injected source', () => {
    let calls = 0;
    const password = generateRootPassword(() => {
      calls += 1;
      return 0;
    });
    // 40 picks plus 39 shuffle swaps.
    expect(calls).toBe(79);
    expect(password).toHaveLength(40);
  });
});
