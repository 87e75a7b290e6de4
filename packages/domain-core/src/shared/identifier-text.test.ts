import { describe, expect, it } from 'vitest';
import { freeTextProblem, identifierProblem, MAX_IDENTIFIER_LENGTH } from './identifier-text.js';

describe('identifierProblem', () => {
  it('accepts plain ids, names and keys, including non-Latin text and astral characters', () => {
    for (const text of ['req-00000000-0000-4000-8000-000000000001', 'aws-us-east-1', 'order 42', 'clé-日本', 'key-😀', 'x'.repeat(MAX_IDENTIFIER_LENGTH)]) {
      expect(identifierProblem(text), text).toBeUndefined();
    }
  });

  it('names what is wrong with NUL, other control characters, lone surrogates, empty and over-long text', () => {
    expect(identifierProblem('a\u0000b')).toBe('contains a NUL character');
    expect(identifierProblem('a\nb')).toBe('contains the control character U+000A');
    expect(identifierProblem('a\u0085')).toBe('contains the control character U+0085');
    expect(identifierProblem('\ud800x')).toMatch(/not valid Unicode/);
    expect(identifierProblem('x\udc00')).toMatch(/not valid Unicode/);
    expect(identifierProblem('')).toBe('is empty');
    expect(identifierProblem('x'.repeat(MAX_IDENTIFIER_LENGTH + 1))).toBe('is longer than 255 characters');
    expect(identifierProblem('abc', 2)).toBe('is longer than 2 characters');
  });
});

describe('freeTextProblem', () => {
  it('accepts text with tabs and line breaks', () => {
    expect(freeTextProblem('#!/bin/sh\r\n\techo "ready" 😀\n')).toBeUndefined();
    expect(freeTextProblem('')).toBeUndefined();
  });

  it('refuses NUL, other C0 controls and lone surrogates', () => {
    expect(freeTextProblem('a\u0000')).toBe('contains a NUL character');
    expect(freeTextProblem('\u001b[31m')).toBe('contains the control character U+001B');
    expect(freeTextProblem('\udfff')).toMatch(/not valid Unicode/);
  });
});
