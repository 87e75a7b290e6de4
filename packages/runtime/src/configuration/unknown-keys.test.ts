import { describe, expect, it } from 'vitest';
import { ConfigurationSchema } from './configuration-schema.js';
import { describeUnknownKey, findUnknownKeys } from './unknown-keys.js';

describe('findUnknownKeys', () => {
  it('finds a misspelled key inside a provider instance and suggests the key it meant', () => {
    const unknown = findUnknownKeys(
      { providers: { providers: [{ name: 'a', type: 'aws', wieght: 10, config: { anything: true } }] }, storage: { strategy: 'json' } },
      ConfigurationSchema,
    );
    expect(unknown).toEqual([{ path: 'providers.providers.0.wieght', suggestion: 'weight' }]);
    expect(describeUnknownKey('config.yaml', unknown[0]!)).toBe('config.yaml: providers.providers.0.wieght is not a configuration key and has no effect; did you mean weight?');
  });

  it('reports top-level sections it does not know, without a suggestion when nothing is close', () => {
    expect(findUnknownKeys({ storag: {}, frobnicate: 1 }, ConfigurationSchema)).toEqual([{ path: 'storag', suggestion: 'storage' }, { path: 'frobnicate' }]);
  });

  it('accepts every key of a complete configuration', () => {
    expect(
      findUnknownKeys(
        { providers: { selection_policy: 'PRIORITY', circuit_breaker: { failure_threshold: 1 }, providers: [] }, storage: { sqlite: { path: 'x' } }, reconcile: { interval_seconds: 5 } },
        ConfigurationSchema,
      ),
    ).toEqual([]);
  });
});
