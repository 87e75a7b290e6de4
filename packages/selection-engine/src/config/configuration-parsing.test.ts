import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { parseEngineConfiguration, parseSelectionEngineConfig } from './engine-configuration.js';
import { parseHealthUpdate } from './health-update.js';
import { parseProviderInstance } from './provider-instance.js';
import { parseSelectionCriteria } from './selection-criteria.js';

/** The `providers:` section of the contract example config.yaml, as the YAML parser yields it. */
const contractProvidersSection = {
  selection_policy: 'WEIGHTED_ROUND_ROBIN',
  default_provider_type: 'aws',
  default_provider_instance: 'aws-us-east-1',
  fallback: ['aws-us-west-2', 'linode-main', 'do-main'],
  circuit_breaker: { failure_threshold: 5, recovery_timeout: 60 },
  capacity_block_ttl_seconds: { insufficient_capacity: 180, quota_exceeded: 900 },
  providers: [
    {
      name: 'aws-us-east-1',
      type: 'aws',
      enabled: true,
      priority: 1,
      weight: 10,
      capabilities: ['EC2Fleet', 'SpotFleet', 'RunInstances', 'ASG'],
      config: { region: 'us-east-1', profile: 'default' },
    },
    { name: 'linode-main', type: 'linode', weight: 2, config: { token: 'x' } },
  ],
};

function thrown(action: () => unknown): OhfError {
  try {
    action();
  } catch (error) {
    if (error instanceof OhfError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('parseSelectionEngineConfig', () => {
  it('reads the snake_case providers section of the configuration file', () => {
    const config = parseSelectionEngineConfig(contractProvidersSection);
    expect(config.policy).toBe('WEIGHTED_ROUND_ROBIN');
    expect(config.defaults).toEqual({ providerType: 'aws', providerInstance: 'aws-us-east-1' });
    expect(config.fallback).toEqual(['aws-us-west-2', 'linode-main', 'do-main']);
    expect(config.circuitBreaker).toEqual({ failureThreshold: 5, recoveryTimeoutSeconds: 60 });
    expect(config.capacityBlockTtlSeconds).toEqual({ insufficient_capacity: 180, quota_exceeded: 900 });
    expect(config.instances).toEqual([
      { name: 'aws-us-east-1', type: 'aws', enabled: true, priority: 1, weight: 10, capabilities: ['EC2Fleet', 'SpotFleet', 'RunInstances', 'ASG'] },
      // Defaults for what the file leaves out; provider settings (`config`) are not selection's business.
      { name: 'linode-main', type: 'linode', enabled: true, priority: 100, weight: 2, capabilities: [] },
    ]);
  });

  it('names the field path of every problem', () => {
    const error = thrown(() =>
      parseSelectionEngineConfig({ selection_policy: 'FASTEST', providers: [{ name: 'bad name!', type: 'aws', weight: -1 }] }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    const paths = (error.details.issues as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['policy', 'instances.0.name', 'instances.0.weight']));
  });
});

describe('parseEngineConfiguration', () => {
  it("accepts the strategy guide's configureProviderStrategy payload", () => {
    const configuration = parseEngineConfiguration({
      default_selection_policy: 'capability_based',
      selection_criteria: { min_success_rate: 95.0, require_healthy: true },
      fallback_strategies: ['aws-backup', 'aws-secondary'],
      health_check_interval: 300,
      circuit_breaker_config: { failure_threshold: 5, recovery_timeout: 60 },
    });
    expect(configuration).toEqual({
      policy: 'CAPABILITY_BASED',
      criteria: { minSuccessRate: 95, requireHealthy: true },
      fallback: ['aws-backup', 'aws-secondary'],
      circuitBreaker: { failureThreshold: 5, recoveryTimeoutSeconds: 60 },
    });
  });

  it('reads LOWEST_COST with a price limit from the configuration file', () => {
    expect(parseEngineConfiguration({ selection_policy: 'lowest_cost', selection_criteria: { max_price_hourly: 0.25 } })).toEqual({
      policy: 'LOWEST_COST',
      criteria: { maxPriceHourly: 0.25 },
    });
    expect(thrown(() => parseEngineConfiguration({ selection_criteria: { max_price_hourly: 0 } })).code).toBe('VALIDATION_ERROR');
  });

  it('accepts camelCase and lets null clear a default', () => {
    expect(parseEngineConfiguration({ policy: 'RANDOM', randomWeighting: 'uniform', defaults: { providerInstance: null } })).toEqual({
      policy: 'RANDOM',
      randomWeighting: 'uniform',
      defaults: { providerInstance: null },
    });
  });

  it('rejects a selection window outside one minute to one hour', () => {
    expect(thrown(() => parseEngineConfiguration({ selection_window_seconds: 7200 })).code).toBe('VALIDATION_ERROR');
  });
});

describe('parseSelectionCriteria', () => {
  it('maps the snake_case criteria of the strategy guide', () => {
    expect(
      parseSelectionCriteria({
        required_capabilities: ['instances', 'load_balancers'],
        min_success_rate: 95.0,
        max_response_time_ms: 5000,
        require_healthy: true,
        exclude_strategies: ['aws-backup'],
        prefer_strategies: ['aws-primary'],
      }),
    ).toEqual({
      requiredCapabilities: ['instances', 'load_balancers'],
      minSuccessRate: 95,
      maxResponseTimeMs: 5000,
      requireHealthy: true,
      excludeStrategies: ['aws-backup'],
      preferStrategies: ['aws-primary'],
    });
  });

  it('rejects a success rate that is not a percentage', () => {
    const error = thrown(() => parseSelectionCriteria({ minSuccessRate: 120 }));
    expect(error.details.issues).toEqual([expect.objectContaining({ path: 'minSuccessRate' })]);
  });
});

describe('parseHealthUpdate', () => {
  it("reads the strategy guide's updateProviderHealth payload", () => {
    expect(
      parseHealthUpdate({
        provider_name: 'aws-primary',
        health_status: {
          is_healthy: false,
          status_message: 'Rate limit exceeded',
          error_details: { error_code: 'RATE_LIMIT', retry_after: 300 },
        },
        source: 'monitoring_system',
      }),
    ).toEqual({
      healthy: false,
      message: 'Rate limit exceeded',
      errorDetails: { error_code: 'RATE_LIMIT', retry_after: 300 },
      retryAfterSeconds: 300,
      source: 'monitoring_system',
    });
  });
});

describe('parseProviderInstance', () => {
  it("reads registerProviderStrategy's names and capability flags", () => {
    expect(
      parseProviderInstance({
        strategy_name: 'aws-west',
        provider_type: 'aws',
        strategy_config: { region: 'us-west-2' },
        capabilities: { instances: true, spot_instances: true, load_balancers: false },
        priority: 1,
      }),
    ).toEqual({ name: 'aws-west', type: 'aws', enabled: true, priority: 1, weight: 1, capabilities: ['instances', 'spot_instances'] });
  });
});
