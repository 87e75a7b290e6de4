import { describe, expect, it } from 'vitest';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import { createApplicationFixture, type ApplicationFixture } from '../test-support/application-fixture.js';

const instances = [
  { name: 'mem-a', priority: 1 },
  { name: 'mem-b', priority: 2 },
];

/** Another CLI invocation: a new application on the same storage, clouds and clock. */
const nextProcess = (first: ApplicationFixture): ApplicationFixture => createApplicationFixture({ instances, sharedWith: first });

async function available(fixture: ApplicationFixture): Promise<Record<string, boolean>> {
  const listed = await fixture.app.dispatch({ type: 'ListAvailableProviders' });
  return Object.fromEntries(listed.providers.map((provider) => [provider.name, provider.available]));
}

describe('periodic health checks (health_check_interval)', () => {
  it('run in the CLI on the first call after the interval, the schedule kept in storage between processes', async () => {
    const first = createApplicationFixture({ instances });
    const configured = await first.app.dispatch({ type: 'ConfigureProviderStrategy', health_check_interval: 60 });
    expect(configured.healthCheckIntervalSeconds).toBe(60);
    first.providers.get('mem-b')!.cloud.setHealthy(false);

    // No periodic check has run yet: the next call runs them.
    const second = nextProcess(first);
    expect(await available(second)).toEqual({ 'mem-a': true, 'mem-b': false });
    expect(second.metrics.total(APPLICATION_METRICS.providerHealthChecksTotal, { provider_instance: 'mem-b', outcome: 'unhealthy' })).toBe(1);

    // Within the interval nothing is checked, so the recovery is not seen yet.
    first.providers.get('mem-b')!.cloud.setHealthy(true);
    first.clock.advance(59_000);
    const third = nextProcess(first);
    expect(await available(third)).toEqual({ 'mem-a': true, 'mem-b': false });
    expect(third.metrics.total(APPLICATION_METRICS.providerHealthChecksTotal)).toBe(0);

    first.clock.advance(1_000);
    const fourth = nextProcess(first);
    expect(await available(fourth)).toEqual({ 'mem-a': true, 'mem-b': true });
    expect(fourth.metrics.total(APPLICATION_METRICS.providerHealthChecksTotal, { outcome: 'healthy' })).toBe(2);
  });

  it('do not run without an interval, or once it is set to 0', async () => {
    const first = createApplicationFixture({ instances });
    first.providers.get('mem-b')!.cloud.setHealthy(false);
    expect(await available(nextProcess(first))).toEqual({ 'mem-a': true, 'mem-b': true });

    first.providers.get('mem-b')!.cloud.setHealthy(true);
    await first.app.dispatch({ type: 'ConfigureProviderStrategy', health_check_interval: 60 });
    const off = await nextProcess(first).app.dispatch({ type: 'ConfigureProviderStrategy', healthCheckInterval: 0 });
    expect(off.healthCheckIntervalSeconds).toBeNull();
    first.providers.get('mem-b')!.cloud.setHealthy(false);
    first.clock.advance(3_600_000);
    const later = nextProcess(first);
    expect(await available(later)).toEqual({ 'mem-a': true, 'mem-b': true });
    expect(later.metrics.total(APPLICATION_METRICS.providerHealthChecksTotal)).toBe(0);
  });

  it('run only when dispatched in a long-running process, which learns when they are due next', async () => {
    const api = createApplicationFixture({ instances, options: { periodicHealthChecks: 'worker' } });
    await api.app.dispatch({ type: 'ConfigureProviderStrategy', health_check_interval: 30 });
    api.providers.get('mem-a')!.cloud.setHealthy(false);
    expect(await available(api)).toEqual({ 'mem-a': true, 'mem-b': true });

    const ran = await api.app.dispatch({ type: 'RunPeriodicHealthChecks' });
    expect(ran).toMatchObject({
      ran: true,
      intervalSeconds: 30,
      nextCheckAt: new Date(api.clock.now().getTime() + 30_000).toISOString(),
      checked: [
        { name: 'mem-a', healthy: false, message: expect.any(String) },
        { name: 'mem-b', healthy: true },
      ],
    });
    expect(await available(api)).toEqual({ 'mem-a': false, 'mem-b': true });
    expect(await api.app.dispatch({ type: 'RunPeriodicHealthChecks' })).toMatchObject({ ran: false, checked: [] });
  });

  it('refuses an interval that is not a number of seconds', async () => {
    const fixture = createApplicationFixture({ instances });
    await expect(fixture.app.dispatch({ type: 'ConfigureProviderStrategy', health_check_interval: 'often' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringMatching(/health_check_interval/),
    });
  });
});
