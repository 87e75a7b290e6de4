import { join } from 'node:path';
import { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi, type TestApi } from './api-harness.js';

describe('periodic health checks (configureProviderStrategy health_check_interval)', () => {
  let harness: TestApi;
  let cloud: InMemoryCloud;
  beforeAll(async () => {
    harness = await startTestApi({
      providers: [
        { name: 'memory-a', type: 'memory', config: { statePath: '${HF_PROVIDER_WORKDIR}/cloud-a.json' } },
        { name: 'memory-b', type: 'memory', config: {} },
      ],
    });
    cloud = new InMemoryCloud({ statePath: join(harness.directory, 'cloud-a.json') });
  });
  afterAll(async () => harness?.close());

  const statusOf = async (name: string): Promise<{ status: string; available: boolean }> => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/providers', key: 'read' });
    return response.json().providers.find((provider: { name: string }) => provider.name === name);
  };
  const metrics = async (): Promise<string> => (await harness.inject({ method: 'GET', url: '/metrics', key: 'admin' })).body;

  it('checks nothing until an interval is configured', async () => {
    cloud.setHealthy(false);
    // What the worker dispatches: without an interval it never checks.
    expect(await harness.api.application.dispatch({ type: 'RunPeriodicHealthChecks' })).toMatchObject({ ran: false, intervalSeconds: null, nextCheckAt: null });
    expect(await statusOf('memory-a')).toMatchObject({ status: 'unknown', available: true });
    expect(await metrics()).not.toMatch(/ohf_provider_health_checks_total\{provider_instance="memory-a"/);
  });

  it('then checks every enabled instance at the interval: selection health and /metrics follow the cloud', async () => {
    const configured = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/configure',
      payload: { health_check_interval: 0.05 },
      key: 'admin',
    });
    expect(configured.statusCode).toBe(200);
    expect(configured.json()).toMatchObject({ healthCheckIntervalSeconds: 0.05 });

    await eventually(() => statusOf('memory-a'), (status) => status.status === 'unhealthy' && !status.available);
    expect(await statusOf('memory-b')).toMatchObject({ status: 'healthy', available: true });
    const unhealthy = await metrics();
    expect(unhealthy).toMatch(/ohf_provider_health_checks_total\{provider_instance="memory-a",outcome="unhealthy"\} [1-9]/);
    expect(unhealthy).toMatch(/ohf_provider_health_checks_total\{provider_instance="memory-b",outcome="healthy"\} [1-9]/);
    expect(unhealthy).toMatch(/ohf_provider_healthy\{provider_instance="memory-a"\} 0/);
    expect(unhealthy).toMatch(/ohf_provider_calls_total\{provider_instance="memory-a",operation="HEALTH_CHECK",outcome="error"/);

    cloud.setHealthy(true);
    await eventually(() => statusOf('memory-a'), (status) => status.status !== 'unhealthy' && status.available);
    expect(await metrics()).toMatch(/ohf_provider_healthy\{provider_instance="memory-a"\} 1/);
  });
});
