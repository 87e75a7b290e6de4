import type { HttpErrorResponse } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { createLinodeErrorNormalizer } from './linode-errors.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const normalize = createLinodeErrorNormalizer({ now: () => NOW });

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpErrorResponse {
  return {
    status,
    headers: new Headers(headers),
    body,
    operation: 'createInstance',
    method: 'POST',
    url: 'https://api.linode.com/v4/linode/instances',
  };
}

describe('normalizeLinodeError', () => {
  it('401 → INVALID_CREDENTIALS, not retryable', () => {
    const error = normalize(response(401, { errors: [{ reason: 'Invalid Token' }] }));
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', retryable: false, statusCode: 401, providerId: 'linode' });
    expect(error.message).toBe('linode createInstance failed with HTTP 401: Invalid Token');
  });

  it('403 → FORBIDDEN', () => {
    expect(normalize(response(403, { errors: [{ reason: 'Unauthorized' }] })).code).toBe('FORBIDDEN');
  });

  it('404 → MACHINE_NOT_FOUND', () => {
    expect(normalize(response(404, { errors: [{ reason: 'Not found' }] }))).toMatchObject({ code: 'MACHINE_NOT_FOUND', retryable: false });
  });

  it.each([400, 422])('%i → VALIDATION_ERROR naming the first field and listing every reason', (status) => {
    const error = normalize(
      response(status, { errors: [{ field: 'label', reason: 'Label must be unique' }, { field: 'region', reason: 'region is not valid' }] }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', retryable: false, field: 'label' });
    expect(error.message).toBe('linode createInstance failed with HTTP ' + status + ': label: Label must be unique; region: region is not valid');
    expect(error.details['errors']).toHaveLength(2);
  });

  it('400 about plan availability → INSUFFICIENT_CAPACITY, about account limits → QUOTA_EXCEEDED', () => {
    expect(normalize(response(400, { errors: [{ field: 'type', reason: 'The requested plan is currently unavailable in this region' }] })).code).toBe(
      'INSUFFICIENT_CAPACITY',
    );
    expect(normalize(response(400, { errors: [{ reason: 'Account limit reached. Please open a support ticket.' }] })).code).toBe('QUOTA_EXCEEDED');
  });

  it('429 → RATE_LIMIT_EXCEEDED with retryAfterMs from Retry-After', () => {
    const error = normalize(response(429, { errors: [{ reason: 'Too many requests' }] }, { 'Retry-After': '7' }));
    expect(error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryable: true, retryAfterMs: 7000 });
  });

  it('429 without Retry-After takes the wait from X-RateLimit-Reset (epoch seconds)', () => {
    const error = normalize(response(429, undefined, { 'X-RateLimit-Reset': String(NOW / 1000 + 12) }));
    expect(error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryAfterMs: 12_000 });
  });

  it('429 with neither header is still retryable, with no wait hint', () => {
    const error = normalize(response(429, { errors: [{ field: 'fieldname', reason: 'fieldname must be a valid value' }] }));
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('5xx → retryable (500 API_ERROR, 503 PROVIDER_UNAVAILABLE)', () => {
    expect(normalize(response(500, 'oops'))).toMatchObject({ code: 'API_ERROR', retryable: true });
    expect(normalize(response(503, undefined))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('ignores bodies that are not Linode errors', () => {
    expect(normalize(response(502, '<html>bad gateway</html>')).message).toBe('linode createInstance failed with HTTP 502');
  });
});
