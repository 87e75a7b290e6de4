import type { HttpErrorResponse } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { fieldNamedIn, normalizeDigitalOceanError } from './digitalocean-errors.js';

const NOW = Date.UTC(2025, 0, 1);

function answer(status: number, body: unknown, headers: Record<string, string> = {}): HttpErrorResponse {
  return { status, body, headers: new Headers(headers), operation: 'createDroplets', method: 'POST', url: 'https://api.digitalocean.com/v2/droplets' };
}

describe('normalizeDigitalOceanError', () => {
  it.each([
    [401, 'unauthorized', 'Unable to authenticate you', 'INVALID_CREDENTIALS', false],
    [403, 'forbidden', 'You do not have access for the attempted action.', 'FORBIDDEN', false],
    [404, 'not_found', 'The resource you were accessing could not be found.', 'MACHINE_NOT_FOUND', false],
    [400, 'bad_request', 'per_page must be at most 200', 'VALIDATION_ERROR', false],
    [500, 'server_error', 'Unexpected server-side error', 'API_ERROR', true],
    [503, 'service_unavailable', 'Service unavailable', 'API_ERROR', true],
  ] as const)('maps %i to its code', (status, id, message, code, retryable) => {
    const error = normalizeDigitalOceanError(answer(status, { id, message, request_id: 'b8e2b3a4-1' }), { now: () => NOW });
    expect(error).toMatchObject({ code, retryable, statusCode: status, requestId: 'b8e2b3a4-1', providerId: 'digitalocean', operation: 'createDroplets' });
    expect(error.message).toContain(message);
  });

  it('names the field of a validation error', () => {
    const error = normalizeDigitalOceanError(answer(422, { id: 'unprocessable_entity', message: 'You specified an invalid image for Droplet creation.' }));
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'image', details: expect.objectContaining({ field: 'image', providerErrorId: 'unprocessable_entity' }) });
  });

  it('tells quota and capacity apart from plain validation', () => {
    expect(normalizeDigitalOceanError(answer(422, { id: 'unprocessable_entity', message: 'creating this/these droplet(s) will exceed your droplet limit' })).code).toBe('QUOTA_EXCEEDED');
    expect(normalizeDigitalOceanError(answer(422, { id: 'unprocessable_entity', message: 'Size is not available in this region.' }))).toMatchObject({ code: 'INSUFFICIENT_CAPACITY', field: 'size' });
  });

  it('takes retryAfterMs from retry-after, else from ratelimit-reset, ignoring a reset in the past', () => {
    const rateLimited = (headers: Record<string, string>) =>
      normalizeDigitalOceanError(answer(429, { id: 'too_many_requests', message: 'API rate limit exceeded.' }, headers), { now: () => NOW });
    expect(rateLimited({ 'retry-after': '12' })).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryable: true, retryAfterMs: 12_000 });
    expect(rateLimited({ 'ratelimit-reset': String(NOW / 1000 + 45) }).retryAfterMs).toBe(45_000);
    expect(rateLimited({ 'ratelimit-reset': '1444931833' }).retryAfterMs).toBeUndefined();
    expect(rateLimited({}).retryAfterMs).toBeUndefined();
  });

  it('copes with a body that is not DigitalOcean JSON', () => {
    const error = normalizeDigitalOceanError(answer(502, '<html>Bad gateway</html>'));
    expect(error).toMatchObject({ code: 'API_ERROR', retryable: true });
    expect(normalizeDigitalOceanError(answer(500, undefined)).message).toBe('digitalocean createDroplets failed with HTTP 500 (DigitalOcean side; retried with backoff)');
  });

  it('finds whole-word field names only', () => {
    expect(fieldNamedIn('ssh_keys contains an unknown key')).toBe('ssh_keys');
    expect(fieldNamedIn('The region nyc9 is unknown')).toBe('region');
    expect(fieldNamedIn('resized droplets are not supported')).toBeUndefined();
  });
});
