import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { parseApiConfiguration } from './api-configuration.js';

const hash = `sha256:${'a'.repeat(64)}`;

describe('parseApiConfiguration', () => {
  it('fills every default, with authentication on and no keys', () => {
    const configuration = parseApiConfiguration(undefined);
    expect(configuration).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      auth: { enabled: true, keys: [], public_docs: true, public_metrics: false },
      rate_limit: { enabled: false },
      workers: { enabled: true, concurrency: 4, lease_ms: 30_000 },
    });
  });

  it('takes HOST and PORT from the environment', () => {
    expect(parseApiConfiguration({ port: 9000 }, { HOST: '0.0.0.0', PORT: '8181' })).toMatchObject({ host: '0.0.0.0', port: 8181 });
    expect(() => parseApiConfiguration({}, { PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
  });

  it('names the path of each problem', () => {
    const failure = (() => {
      try {
        parseApiConfiguration({ auth: { keys: [{ name: 'ci', hash: 'plain-text-key', scopes: ['root'] }] }, workers: { concurrency: 0 } });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(OhfError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/api\.auth\.keys\.0\.hash/);
    expect((failure as Error).message).toMatch(/api\.auth\.keys\.0\.scopes\.0/);
    expect((failure as Error).message).toMatch(/api\.workers\.concurrency/);
  });

  it('refuses two keys with one name', () => {
    expect(() =>
      parseApiConfiguration({ auth: { keys: [{ name: 'ci', hash, scopes: ['read'] }, { name: 'ci', hash, scopes: ['write'] }] } }),
    ).toThrow(/"ci" is used twice/);
  });
});
