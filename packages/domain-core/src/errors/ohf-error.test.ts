import { describe, expect, it } from 'vitest';
import { NotFoundError, OHF_ERROR_MARKER, OhfError, ProviderError, toErrorEnvelope } from './ohf-error.js';

describe('OhfError', () => {
  it('renders the envelope with code, message and details', () => {
    const error = new NotFoundError('PROVIDER_NOT_FOUND', "Provider instance 'aws-invalid' not found", {
      details: { available_providers: ['aws-us-east-1'] },
    });
    expect(error.toEnvelope()).toEqual({
      error: {
        code: 'PROVIDER_NOT_FOUND',
        message: "Provider instance 'aws-invalid' not found",
        details: { available_providers: ['aws-us-east-1'] },
      },
    });
    expect(error.name).toBe('OHF_NotFoundError');
  });

  it('defaults retryable from the code and recognises foreign copies by the shared marker', () => {
    expect(new ProviderError('RATE_LIMIT_EXCEEDED', 'slow down').retryable).toBe(true);
    expect(new ProviderError('INVALID_CREDENTIALS', 'bad token').retryable).toBe(false);
    const foreign = Object.assign(new Error('from another copy'), { [OHF_ERROR_MARKER]: true, code: 'QUOTA_EXCEEDED' });
    expect(OhfError.isInstance(foreign)).toBe(true);
    expect(OhfError.isInstance(Object.assign(new Error('x'), { code: 'QUOTA_EXCEEDED' }))).toBe(false);
  });

  it('hides the text of errors that are not ours', () => {
    expect(toErrorEnvelope(new Error('password=hunter2 at line 3'))).toEqual({
      error: { code: 'INTERNAL', message: 'An internal error occurred.', details: {} },
    });
  });
});
