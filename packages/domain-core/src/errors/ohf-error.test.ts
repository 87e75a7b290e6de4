import { describe, expect, it, vi } from 'vitest';
import {
  BusinessRuleError,
  CommandError,
  ConfigurationError,
  NotFoundError,
  OHF_ERROR_MARKER,
  OhfError,
  ProviderError,
  QueryError,
  StorageError,
  toErrorEnvelope,
  ValidationError,
} from './ohf-error.js';

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

describe('isInstance of each class', () => {
  const errors = {
    ValidationError: new ValidationError('bad field'),
    BusinessRuleError: new BusinessRuleError('INSTANCE_LIMIT_EXCEEDED', 'too many'),
    NotFoundError: new NotFoundError('TEMPLATE_NOT_FOUND', 'no such template'),
    StorageError: new StorageError('disk full'),
    ConfigurationError: new ConfigurationError('bad config'),
    ProviderError: new ProviderError('QUOTA_EXCEEDED', 'quota'),
    CommandError: new CommandError('CONFLICT', 'conflict'),
    QueryError: new QueryError('INTERNAL', 'query failed'),
  };
  const classes = { ValidationError, BusinessRuleError, NotFoundError, StorageError, ConfigurationError, ProviderError, CommandError, QueryError };

  it('is true for the class itself and false for every sibling class', () => {
    for (const [errorName, error] of Object.entries(errors)) {
      expect(OhfError.isInstance(error)).toBe(true);
      for (const [className, errorClass] of Object.entries(classes)) {
        expect(errorClass.isInstance(error), `${className}.isInstance(${errorName})`).toBe(className === errorName);
      }
    }
  });

  it('is true for subclasses', () => {
    class TemplateFieldError extends ValidationError {}
    const error = new TemplateFieldError('bad template field');
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(OhfError.isInstance(error)).toBe(true);
    expect(ConfigurationError.isInstance(error)).toBe(false);
  });

  it('is false for a provider error, which only the family check accepts', () => {
    const providerError = Object.assign(new Error('capacity'), { [OHF_ERROR_MARKER]: true, code: 'INSUFFICIENT_CAPACITY' });
    expect(OhfError.isInstance(providerError)).toBe(true);
    for (const errorClass of Object.values(classes)) expect(errorClass.isInstance(providerError)).toBe(false);
  });

  it('recognises errors from another copy of the package, where instanceof fails', async () => {
    vi.resetModules();
    const copy = await import('./ohf-error.js');
    expect(copy.NotFoundError).not.toBe(NotFoundError);
    const fromCopy = new copy.NotFoundError('REQUEST_NOT_FOUND', 'no such request');
    expect(fromCopy instanceof NotFoundError).toBe(false);
    expect(NotFoundError.isInstance(fromCopy)).toBe(true);
    expect(OhfError.isInstance(fromCopy)).toBe(true);
    expect(ValidationError.isInstance(fromCopy)).toBe(false);
    expect(copy.ValidationError.isInstance(new ValidationError('and back'))).toBe(true);
  });
});

describe('the vocabulary', () => {
  it('is the provider spec’s own lists, not copies of them', async () => {
    const spec = await import('@ohf/provider-sdk');
    const domain = await import('../index.js');
    expect(domain.MACHINE_STATES).toBe(spec.INSTANCE_STATES_V1);
    expect(domain.ERROR_CODES).toBe(spec.ERROR_CODES);
    expect(domain.RETRYABLE_ERROR_CODES).toBe(spec.RETRYABLE_ERROR_CODES);
    expect(domain.OHF_ERROR_MARKER).toBe(spec.OHF_ERROR_MARKER);
  });
});
