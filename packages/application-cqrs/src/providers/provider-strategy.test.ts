import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { createApplicationFixture } from '../test-support/application-fixture.js';

const twoInstances = [
  { name: 'mem-a', priority: 1 },
  { name: 'mem-b', priority: 2, capabilities: ['Memory', 'spot_instances'] },
];

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('provider health and listing', () => {
  it('checks instances live, records an unhealthy one and lists only available ones on request', async () => {
    const fixture = createApplicationFixture({ instances: twoInstances });
    fixture.providers.get('mem-b')!.cloud.setHealthy(false);
    const health = await fixture.app.dispatch({ type: 'GetProviderHealth' });
    expect(health.providers.map((report) => [report.name, report.status, report.check?.status])).toEqual([
      ['mem-a', 'healthy', 'healthy'],
      ['mem-b', 'unhealthy', 'unhealthy'],
    ]);
    expect(health.healthyCount).toBe(1);

    const available = await fixture.app.dispatch({ type: 'ListAvailableProviders', filter_healthy_only: true });
    expect(available.providers.map((provider) => provider.name)).toEqual(['mem-a']);
    const all = await fixture.app.dispatch({ type: 'ListAvailableProviders' });
    expect(all.providers.map((provider) => [provider.name, provider.available])).toEqual([
      ['mem-a', true],
      ['mem-b', false],
    ]);

    const detailed = await fixture.app.dispatch({ type: 'GetProviderHealth', provider_name: 'mem-a', include_history: true, check: false });
    expect(detailed.providers).toHaveLength(1);
    expect(detailed.providers[0]?.check).toBeUndefined();
    expect(detailed.providers[0]?.details?.history?.length).toBeGreaterThan(0);
  });

  it('takes health reports from outside in the strategy guide form, across processes', async () => {
    const fixture = createApplicationFixture({ instances: twoInstances });
    const updated = await fixture.app.dispatch({
      type: 'UpdateProviderHealth',
      provider_name: 'mem-a',
      health_status: { is_healthy: false, status_message: 'Rate limit exceeded', error_details: { error_code: 'RATE_LIMIT', retry_after: 300 } },
      source: 'monitoring_system',
    });
    expect(updated.health).toMatchObject({ healthy: false, message: 'Rate limit exceeded', source: 'monitoring_system' });

    // Another process (another CLI call) sees the report and selects around it.
    const next = createApplicationFixture({ instances: twoInstances, sharedWith: fixture });
    const selected = await next.app.dispatch({ type: 'SelectProviderStrategy', operation_type: 'CREATE_INSTANCES' });
    expect(selected.providerInstance).toBe('mem-b');
    expect(selected.decision.explanation?.steps[0]?.candidates.find((candidate) => candidate.instance === 'mem-a')?.skipped).toEqual([
      expect.objectContaining({ reason: 'unhealthy' }),
    ]);
  });
});

describe('selection and configuration', () => {
  it('selects by criteria and explains; configuration changes last across processes', async () => {
    const fixture = createApplicationFixture({ instances: twoInstances });
    const spot = await fixture.app.dispatch({
      type: 'SelectProviderStrategy',
      selection_criteria: { required_capabilities: ['spot_instances'] },
    });
    expect(spot.providerInstance).toBe('mem-b');

    const configured = await fixture.app.dispatch({
      type: 'ConfigureProviderStrategy',
      default_selection_policy: 'CAPABILITY_BASED',
      selection_criteria: { exclude_strategies: ['mem-a'] },
      fallback_strategies: ['mem-b'],
      health_check_interval: 300,
      circuit_breaker_config: { failure_threshold: 3, recovery_timeout: 30 },
    });
    expect(configured.settings).toMatchObject({ policy: 'CAPABILITY_BASED', fallback: ['mem-b'], circuitBreaker: { failureThreshold: 3, recoveryTimeoutSeconds: 30 } });

    const next = createApplicationFixture({ instances: twoInstances, sharedWith: fixture });
    const request = await next.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    expect(request.providerInstance).toBe('mem-b');
    expect(next.selection.settings().policy).toBe('CAPABILITY_BASED');

    const bad = await caught(fixture.app.dispatch({ type: 'ConfigureProviderStrategy', default_selection_policy: 'FASTEST_HORSE' }));
    expect(OhfError.isInstance(bad) && bad.code).toBe('VALIDATION_ERROR');
  });

  it('registers a provider instance at run time and refuses a duplicate name', async () => {
    const fixture = createApplicationFixture({ instances: twoInstances });
    const registered = await fixture.app.dispatch({
      type: 'RegisterProviderStrategy',
      strategy_name: 'mem-c',
      provider_type: 'memory',
      strategy_config: { region: 'mem-west-1' },
      capabilities: { Memory: true, load_balancers: false },
      priority: 0,
    });
    expect(registered.instance).toEqual({ name: 'mem-c', type: 'memory', enabled: true, priority: 0, weight: 1, capabilities: ['Memory'] });
    expect(JSON.stringify(registered)).not.toContain('mem-west-1');
    const request = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    expect(request.providerInstance).toBe('mem-c');

    const duplicate = await caught(
      fixture.app.dispatch({ type: 'RegisterProviderStrategy', strategy_name: 'mem-a', provider_type: 'memory', capabilities: [] }),
    );
    expect(OhfError.isInstance(duplicate) && duplicate.code).toBe('CONFLICT');
  });
});

describe('executeProviderOperation', () => {
  it('creates machines through the tracked request flow on the overriding instance', async () => {
    const fixture = createApplicationFixture({ instances: twoInstances });
    const executed = await fixture.app.dispatch({
      type: 'ExecuteProviderOperation',
      operation_type: 'CREATE_INSTANCES',
      parameters: { template_id: 'web', count: 2 },
      strategy_override: 'mem-b',
    });
    expect(executed.providerInstance).toBe('mem-b');
    const created = executed.result as { requestId: string; machines: { providerInstance: string }[] };
    expect(created.requestId).toMatch(/^req-/);
    expect(created.machines.map((machine) => machine.providerInstance)).toEqual(['mem-b', 'mem-b']);
    expect(await fixture.machines.findByRequestId(created.requestId)).toHaveLength(2);

    const status = await fixture.app.dispatch({
      type: 'ExecuteProviderOperation',
      operation_type: 'GET_INSTANCE_STATUS',
      parameters: { machine_ids: [(await fixture.machines.findByRequestId(created.requestId))[0]!.machineId] },
      strategy_override: 'mem-b',
    });
    expect((status.result as { instances: { state: string }[] }).instances.map((instance) => instance.state)).toEqual(['running']);

    const terminated = await fixture.app.dispatch({
      type: 'ExecuteProviderOperation',
      operation_type: 'TERMINATE_INSTANCES',
      parameters: { machine_ids: (await fixture.machines.findByRequestId(created.requestId)).map((machine) => machine.machineId) },
      strategy_override: 'mem-b',
    });
    expect((terminated.result as { returned: { requestId: string } }).returned.requestId).toMatch(/^ret-/);
  });

  it('runs health checks, template validation and template listing on a selected instance', async () => {
    const fixture = createApplicationFixture({ instances: twoInstances });
    const health = await fixture.app.dispatch({ type: 'ExecuteProviderOperation', operationType: 'HEALTH_CHECK' });
    expect(health.providerInstance).toBe('mem-a');
    expect(health.selection?.explanation?.summary).toContain('Selected mem-a');
    expect(health.result).toMatchObject({ status: 'healthy' });

    const validated = await fixture.app.dispatch({
      type: 'ExecuteProviderOperation',
      operationType: 'VALIDATE_TEMPLATE',
      parameters: { templateId: 'web' },
    });
    expect(validated.result).toMatchObject({ valid: true, providerInstance: 'mem-a' });

    const templates = await fixture.app.dispatch({ type: 'ExecuteProviderOperation', operationType: 'GET_AVAILABLE_TEMPLATES', strategyOverride: 'mem-b' });
    expect((templates.result as { templates: { templateId: string }[] }).templates.map((template) => template.templateId)).toEqual(['web']);

    const badParameters = await caught(fixture.app.dispatch({ type: 'ExecuteProviderOperation', operationType: 'CREATE_INSTANCES', parameters: { count: 1 } }));
    expect(OhfError.isInstance(badParameters) && badParameters.code).toBe('VALIDATION_ERROR');
    expect((badParameters as Error).message).toContain('parameters.templateId');

    const unknownInstance = await caught(fixture.app.dispatch({ type: 'ExecuteProviderOperation', operationType: 'HEALTH_CHECK', strategyOverride: 'nowhere' }));
    expect(OhfError.isInstance(unknownInstance) && unknownInstance.code).toBe('PROVIDER_NOT_FOUND');
  });
});

describe('metrics and capabilities', () => {
  it('reports calls per operation and errors, and what each instance can do', async () => {
    const fixture = createApplicationFixture({ instances: twoInstances });
    fixture.providers.get('mem-a')!.cloud.failNextCalls('server_error', { operation: 'create' });
    await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });

    const metrics = await fixture.app.dispatch({
      type: 'GetProviderMetrics',
      provider_name: 'mem-a',
      time_range_hours: 24,
      include_operation_breakdown: true,
      include_error_details: true,
    });
    const report = metrics.providers[0]!;
    expect(report.operations?.['CREATE_INSTANCES']).toMatchObject({ total: 1, failures: 1 });
    expect(report.errors?.byCode).toMatchObject({ PROVIDER_UNAVAILABLE: 1 });

    const capabilities = await fixture.app.dispatch({ type: 'GetProviderCapabilities', include_limitations: true, include_performance_metrics: true });
    expect(capabilities.providers.map((entry) => entry.name)).toEqual(['mem-a', 'mem-b']);
    expect(capabilities.providers[1]).toMatchObject({
      declared: ['Memory', 'spot_instances'],
      apis: ['Memory'],
      supportsDryRun: true,
      limitations: { maxInstancesPerCall: 100, describeBatchSize: 100 },
    });
    expect(capabilities.providers[0]?.performance?.total).toBeGreaterThan(0);
  });
});
