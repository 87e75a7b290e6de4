import { describe, expect, it, vi } from 'vitest';
import {
  InvalidProviderOptionsError,
  NoSuchProviderError,
  ProviderApiError,
  ProviderAuthError,
  ProviderCapacityError,
  ProviderNotFoundError,
  ProviderQuotaError,
  ProviderRateLimitError,
  ProviderSdkError,
  ProviderValidationError,
  UnsupportedCapabilityError,
} from './provider-errors.js';

/** One instance of every class, with the classes it must (and only those) be recognised as. */
const cases = [
  { error: new ProviderSdkError('INTERNAL', 'base'), is: ['ProviderSdkError'] },
  { error: new ProviderApiError('API_ERROR', 'api'), is: ['ProviderSdkError', 'ProviderApiError'] },
  { error: new ProviderAuthError('FORBIDDEN', 'auth'), is: ['ProviderSdkError', 'ProviderApiError', 'ProviderAuthError'] },
  { error: new ProviderCapacityError('capacity'), is: ['ProviderSdkError', 'ProviderApiError', 'ProviderCapacityError'] },
  { error: new ProviderQuotaError('quota'), is: ['ProviderSdkError', 'ProviderApiError', 'ProviderQuotaError'] },
  { error: new ProviderRateLimitError('slow down'), is: ['ProviderSdkError', 'ProviderApiError', 'ProviderRateLimitError'] },
  { error: new ProviderNotFoundError('gone'), is: ['ProviderSdkError', 'ProviderApiError', 'ProviderNotFoundError'] },
  { error: new ProviderValidationError('bad'), is: ['ProviderSdkError', 'ProviderApiError', 'ProviderValidationError'] },
  { error: new InvalidProviderOptionsError('options'), is: ['ProviderSdkError', 'InvalidProviderOptionsError'] },
  { error: new UnsupportedCapabilityError('unsupported'), is: ['ProviderSdkError', 'UnsupportedCapabilityError'] },
  { error: new NoSuchProviderError('gcp', ['aws']), is: ['ProviderSdkError', 'NoSuchProviderError'] },
] as const;

const classes = {
  ProviderSdkError,
  ProviderApiError,
  ProviderAuthError,
  ProviderCapacityError,
  ProviderQuotaError,
  ProviderRateLimitError,
  ProviderNotFoundError,
  ProviderValidationError,
  InvalidProviderOptionsError,
  UnsupportedCapabilityError,
  NoSuchProviderError,
};

describe('isInstance', () => {
  for (const { error, is } of cases) {
    it(`recognises a ${error.constructor.name} as exactly ${is.join(', ')}`, () => {
      for (const [name, errorClass] of Object.entries(classes)) {
        expect(errorClass.isInstance(error), `${name}.isInstance(${error.constructor.name})`).toBe((is as readonly string[]).includes(name));
      }
    });
  }

  it('is false for errors of other packages, plain errors and non-errors', () => {
    const foreignOhfError = Object.assign(new Error('a domain error'), { [Symbol.for('ohf.error')]: true, code: 'TEMPLATE_NOT_FOUND' });
    for (const errorClass of Object.values(classes)) {
      expect(errorClass.isInstance(foreignOhfError)).toBe(false);
      expect(errorClass.isInstance(Object.assign(new Error('x'), { code: 'API_ERROR', retryable: true }))).toBe(false);
      expect(errorClass.isInstance(undefined)).toBe(false);
      expect(errorClass.isInstance('API_ERROR')).toBe(false);
    }
  });

  it('recognises errors from another copy of the package, where instanceof fails', async () => {
    vi.resetModules();
    const copy = await import('./provider-errors.js');
    expect(copy.ProviderApiError).not.toBe(ProviderApiError);
    const fromCopy = new copy.ProviderCapacityError('no capacity in the other copy');
    expect(fromCopy instanceof ProviderApiError).toBe(false);
    expect(ProviderApiError.isInstance(fromCopy)).toBe(true);
    expect(ProviderCapacityError.isInstance(fromCopy)).toBe(true);
    expect(ProviderQuotaError.isInstance(fromCopy)).toBe(false);
    expect(copy.ProviderCapacityError.isInstance(new ProviderCapacityError('and back'))).toBe(true);
    expect(copy.InvalidProviderOptionsError.isInstance(new ProviderApiError('API_ERROR', 'sibling'))).toBe(false);
  });
});
