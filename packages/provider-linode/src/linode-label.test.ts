import { describe, expect, it } from 'vitest';
import { buildLinodeLabel, isValidLinodeLabel, LINODE_LABEL_PREFIX_PATTERN, sanitizeLabelPart } from './linode-label.js';

describe('buildLinodeLabel', () => {
  it('joins prefix, template, request fragment and suffix', () => {
    expect(
      buildLinodeLabel({ templateId: 'web-workers', requestId: 'req-9f1c2a7b-0000-4000-8000-000000000000', suffix: 'k3x9q2' }),
    ).toBe('ohf-web-workers-9f1c2a7b-k3x9q2');
  });

  it.each([
    'a',
    '__weird__..id--',
    '9starts-with-digit',
    'x'.repeat(64),
    'tpl.with.dots_and_underscores',
    'ünïcödé template',
    '---',
  ])('makes a valid label from template id %j', (templateId) => {
    const label = buildLinodeLabel({ templateId, requestId: 'req-0123456789abcdef', suffix: 'a1b2c3' });
    expect(isValidLinodeLabel(label), label).toBe(true);
    expect(label.endsWith('-a1b2c3')).toBe(true);
  });

  it('keeps a custom prefix and never exceeds 64 characters', () => {
    const label = buildLinodeLabel({ prefix: 'hpc.batch', templateId: 'T'.repeat(80), requestId: 'req-'.padEnd(60, 'f'), suffix: 'zzzzzz' });
    expect(label.startsWith('hpc.batch-')).toBe(true);
    expect(label.length).toBeLessThanOrEqual(64);
    expect(isValidLinodeLabel(label)).toBe(true);
  });

  it('accepts only prefixes that start a valid label', () => {
    expect(LINODE_LABEL_PREFIX_PATTERN.test('ohf')).toBe(true);
    expect(LINODE_LABEL_PREFIX_PATTERN.test('a.b-c_d')).toBe(true);
    expect(LINODE_LABEL_PREFIX_PATTERN.test('1abc')).toBe(false);
    expect(LINODE_LABEL_PREFIX_PATTERN.test('a--b')).toBe(false);
    expect(LINODE_LABEL_PREFIX_PATTERN.test('abc-')).toBe(false);
    expect(LINODE_LABEL_PREFIX_PATTERN.test('a'.repeat(17))).toBe(false);
  });
});

describe('isValidLinodeLabel', () => {
  it.each([
    ['abc', true],
    ['ab', false],
    ['1abc', false],
    ['a--b', false],
    ['a__b', false],
    ['a..b', false],
    ['abc-', false],
    ['a'.repeat(65), false],
  ])('%s → %s', (label, valid) => {
    expect(isValidLinodeLabel(label)).toBe(valid);
  });
});

describe('sanitizeLabelPart', () => {
  it('collapses separators and trims non-alphanumerics at both ends', () => {
    expect(sanitizeLabelPart('--a b__c..d--')).toBe('a-b-c-d');
  });
});
