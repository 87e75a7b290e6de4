import { describe, expect, it } from 'vitest';
import { PROVIDER_ERROR_CODES_V1, ProviderErrorCodeV1Schema } from '../compute-provider/v1/compute-provider-v1.js';
import { ERROR_CODES, isErrorCode, RETRYABLE_ERROR_CODES } from './error-codes.js';
import { ProviderApiError } from './provider-errors.js';

describe('the error code vocabulary', () => {
  it('lists every stable code once', () => {
    expect(ERROR_CODES).toHaveLength(25);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(ERROR_CODES).toContain('TEMPLATE_NOT_FOUND');
    expect(ERROR_CODES).toContain('NOT_FOUND');
    expect(ERROR_CODES).toContain('INSUFFICIENT_CAPACITY');
  });

  it('gives providers the codes about a cloud call, not those about templates, requests or selection', () => {
    expect([...PROVIDER_ERROR_CODES_V1].sort()).toEqual(
      [
        'VALIDATION_ERROR',
        'MACHINE_NOT_FOUND',
        'API_NOT_SUPPORTED',
        'INSTANCE_LIMIT_EXCEEDED',
        'PRICING_MODEL_UNSUPPORTED',
        'FLEET_TYPE_INCOMPATIBLE',
        'MISSING_CREDENTIALS',
        'INVALID_CREDENTIALS',
        'FORBIDDEN',
        'RATE_LIMIT_EXCEEDED',
        'INSUFFICIENT_CAPACITY',
        'QUOTA_EXCEEDED',
        'PROVIDER_UNAVAILABLE',
        'PROVIDER_NOT_FOUND',
        'API_ERROR',
        'CONFLICT',
        'INTERNAL',
      ].sort(),
    );
    for (const code of PROVIDER_ERROR_CODES_V1) expect(ERROR_CODES).toContain(code);
    expect(ProviderErrorCodeV1Schema.safeParse('TEMPLATE_NOT_FOUND').success).toBe(false);
  });

  it('marks only waiting-fixes-it codes retryable, and errors default to it', () => {
    expect([...RETRYABLE_ERROR_CODES].sort()).toEqual(['API_ERROR', 'PROVIDER_UNAVAILABLE', 'RATE_LIMIT_EXCEEDED']);
    expect(new ProviderApiError('PROVIDER_UNAVAILABLE', 'down').retryable).toBe(true);
    expect(new ProviderApiError('QUOTA_EXCEEDED', 'full').retryable).toBe(false);
  });

  it('recognises codes of the vocabulary only', () => {
    expect(isErrorCode('NO_ENABLED_PROVIDERS')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('SOMETHING_ELSE')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
