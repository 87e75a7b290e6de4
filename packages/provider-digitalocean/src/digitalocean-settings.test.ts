import { describe, expect, it } from 'vitest';
import { DigitalOceanSettingsSchema, readDigitalOceanToken } from './digitalocean-settings.js';

describe('DigitalOcean settings', () => {
  it('prefers the configured token over the environment', () => {
    expect(readDigitalOceanToken({ token: 'from-config' }, { DIGITALOCEAN_TOKEN: 'from-env' })).toBe('from-config');
    expect(readDigitalOceanToken({}, { DIGITALOCEAN_TOKEN: ' from-env ' })).toBe('from-env');
  });

  it('finds no token in a blank variable (the provider then fails with MISSING_CREDENTIALS)', () => {
    expect(readDigitalOceanToken({}, { DIGITALOCEAN_TOKEN: '  ' })).toBeUndefined();
    expect(readDigitalOceanToken({}, {})).toBeUndefined();
  });

  it('makes the documented rate limits the defaults and lets them be changed', () => {
    expect(DigitalOceanSettingsSchema.parse({}).rateLimits).toEqual({ requestsPerMinute: 250, requestsPerHour: 5000 });
    expect(DigitalOceanSettingsSchema.parse({ rateLimits: { requestsPerHour: 1000 } }).rateLimits).toEqual({ requestsPerMinute: 250, requestsPerHour: 1000 });
    const invalid = DigitalOceanSettingsSchema.safeParse({ baseUrl: 'not a url', rateLimits: { requestsPerMinute: 0 } });
    expect(invalid.success).toBe(false);
    expect(invalid.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['baseUrl', 'rateLimits.requestsPerMinute']);
  });
});
