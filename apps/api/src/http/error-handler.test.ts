import { BusinessRuleError, NotFoundError, ProviderError, ValidationError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { toErrorResponse } from './error-handler.js';

describe('toErrorResponse', () => {
  it('keeps our code and message with the status of the code', () => {
    const notFound = toErrorResponse(
      new NotFoundError('PROVIDER_NOT_FOUND', "Provider instance 'aws-invalid' not found in configuration", {
        details: { requested_provider: 'aws-invalid', available_providers: ['aws-us-east-1'] },
      }),
    );
    expect(notFound).toEqual({
      status: 404,
      envelope: {
        error: {
          code: 'PROVIDER_NOT_FOUND',
          message: "Provider instance 'aws-invalid' not found in configuration",
          details: { requested_provider: 'aws-invalid', available_providers: ['aws-us-east-1'] },
        },
      },
    });
    expect(toErrorResponse(new ValidationError('bad')).status).toBe(400);
    expect(toErrorResponse(new BusinessRuleError('CONFLICT', 'taken')).status).toBe(409);
    expect(toErrorResponse(new BusinessRuleError('INSTANCE_LIMIT_EXCEEDED', 'too many')).status).toBe(422);
  });

  it("answers an organization's quota 422 and a provider's quota 503", () => {
    const organizationQuota = new BusinessRuleError('QUOTA_EXCEEDED', 'over maxRunningMachines', { details: { limit: 'maxRunningMachines', maximum: 2 }, retryable: false });
    expect(toErrorResponse(organizationQuota)).toMatchObject({ status: 422, envelope: { error: { code: 'QUOTA_EXCEEDED', details: { limit: 'maxRunningMachines', maximum: 2 } } } });
    expect(toErrorResponse(new ProviderError('QUOTA_EXCEEDED', 'vCPU limit reached')).status).toBe(503);
  });

  it('passes Retry-After of throttling errors', () => {
    const response = toErrorResponse(new ProviderError('RATE_LIMIT_EXCEEDED', 'slow down', { retryAfterMs: 1500 }));
    expect(response).toMatchObject({ status: 429, retryAfterMs: 1500 });
    expect(toErrorResponse(new ProviderError('PROVIDER_UNAVAILABLE', 'down')).status).toBe(503);
  });

  it('hides the text of errors that are not ours', () => {
    const response = toErrorResponse(new Error('connect ECONNREFUSED postgres://admin:hunter2@db'));
    expect(response.status).toBe(500);
    expect(JSON.stringify(response)).not.toContain('hunter2');
    expect(response.envelope.error).toEqual({ code: 'INTERNAL', message: 'An internal error occurred.', details: {} });
  });

  it('answers fastify refusals (malformed JSON, body too large) with their 4xx status', () => {
    const malformed = Object.assign(new Error('Body is not valid JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    expect(toErrorResponse(malformed)).toMatchObject({ status: 400, envelope: { error: { code: 'VALIDATION_ERROR', details: { reason: 'FST_ERR_CTP_INVALID_JSON_BODY' } } } });
    const large = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toErrorResponse(large).status).toBe(413);
  });
});
