import { CommandError, OhfError, ValidationError } from '@ohf/domain-core';
import { ProviderApiError } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { ApiError, apiError } from './api-error.js';

describe('ApiError.isInstance', () => {
  it('is true for errors of the HTTP layer only, which stay errors of the family', () => {
    const refusal = apiError('UNAUTHORIZED', 'an API key is required');
    expect(ApiError.isInstance(refusal)).toBe(true);
    expect(OhfError.isInstance(refusal)).toBe(true);
    // Same layer and kind as a command error, yet not one: each class has its own marker.
    expect(CommandError.isInstance(refusal)).toBe(false);
    expect(ApiError.isInstance(new CommandError('CONFLICT', 'conflict'))).toBe(false);
    expect(ApiError.isInstance(new ValidationError('bad'))).toBe(false);
    expect(ApiError.isInstance(new ProviderApiError('API_ERROR', 'cloud failed'))).toBe(false);
  });
});
