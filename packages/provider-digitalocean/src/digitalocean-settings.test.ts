import { describe, expect, it } from 'vitest';
import { DigitalOceanSettingsSchema, resolveDigitalOceanToken } from './digitalocean-settings.js';

describe('DigitalOcean settings', () => {
  it('prefers the configured token over the environment', () => {
    expect(resolveDigitalOceanToken({ token: 'from-config' }, { DIGITALOCEAN_TOKEN: 'from-env' })).toBe('from-config');
    expect(resolveDigitalOceanToken({}, { DIGITALOCEAN_TOKEN: ' from-env ' })).toBe('from-env');
  });

  it('names the variable when no token is found', () => {
    expect(() => resolveDigitalOceanToken({}, { DIGITALOCEAN_TOKEN: '  ' })).toThrow(
      expect.objectContaining({ code: 'MISSING_CREDENTIALS', retryable: false, details: expect.objectContaining({ variable: 'DIGITALOCEAN_TOKEN' }) }),
    );
  });

  it('makes the documented rate limits the defaults and lets them be changed', () => {
    expect(DigitalOceanSettingsSchema.parse({}).rateLimits).toEqual({ requestsPerMinute: 250, requestsPerHour: 5000 });
    expect(DigitalOceanSettingsSchema.parse({ rateLimits: { requestsPerHour: 1000 } }).rateLimits).toEqual({ requestsPerMinute: 250, requestsPerHour: 1000 });
    const invalid = DigitalOceanSettingsSchema.safeParse({ baseUrl: 'not a url', rateLimits: { requestsPerMinute: 0 } });
    expect(invalid.success).toBe(false);
    expect(invalid.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['baseUrl', 'rateLimits.requestsPerMinute']);
  });
});
