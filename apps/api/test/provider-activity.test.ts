import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityHour } from '../src/events/provider-activity.js';
import { eventually, startTestApi, WEB_TEMPLATE, type TestApi } from './api-harness.js';
import { createTestOrganization, type TestOrganization } from './tenancy-harness.js';

describe('provider activity per hour (GET /providers/{name}/activity)', () => {
  let harness: TestApi;
  let other: TestOrganization;
  beforeAll(async () => {
    harness = await startTestApi({
      providers: [
        // First in line and always out of capacity: every request fails over from it.
        { name: 'memory-full', type: 'memory', priority: 1, config: { maxCapacity: 0 } },
        { name: 'memory-a', type: 'memory', priority: 2, config: {} },
      ],
      templates: [WEB_TEMPLATE],
    });
    other = await createTestOrganization(harness, 'other');
    for (const maxNumber of [2, 1]) {
      const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: 'write', payload: { templateId: 'web-server', maxNumber } });
      expect(created.statusCode, created.body).toBe(202);
      await eventually(
        () => harness.inject({ method: 'GET', url: `/api/v1/requests/${created.json().request.requestId}`, key: 'read' }),
        (response) => response.json().progress?.final === true,
        15_000,
      );
    }
  }, 60_000);
  afterAll(async () => harness?.close());

  it('counts the attempts, failures and machines of the last 24 clock hours from the audit trail', async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/providers/memory-a/activity', key: 'read' });
    expect(response.statusCode, response.body).toBe(200);
    const activity = response.json();
    expect(activity).toMatchObject({ providerInstance: 'memory-a', hours: 24, truncated: false });
    expect(activity.buckets).toHaveLength(24);
    const current = activity.buckets.at(-1) as ActivityHour;
    expect(Date.parse(current.start)).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - Date.parse(current.start)).toBeLessThan(3_600_000);
    expect(activity.totals).toMatchObject({ attempts: 2, failures: 0, machinesLaunched: 3 });
    expect(activity.totals.meanAttemptSeconds).toEqual(expect.any(Number));
    // Every count is in the current hour (or, right at an hour's turn, the one before).
    const counted = (activity.buckets as ActivityHour[]).slice(-2).reduce((sum, bucket) => sum + bucket.machinesLaunched, 0);
    expect(counted).toBe(3);

    const full = (await harness.inject({ method: 'GET', url: '/api/v1/providers/memory-full/activity?hours=2', key: 'read' })).json();
    expect(full.buckets).toHaveLength(2);
    // The first failure blocks the instance for a while, so the second request may skip it: the
    // count must be what the audit trail holds.
    const trail = (await harness.inject({ method: 'GET', url: '/api/v1/events?type=ProvisionAttemptStarted&limit=1000', key: 'read' })).json();
    const startedThere = (trail.items as { providerInstance?: string }[]).filter((event) => event.providerInstance === 'memory-full').length;
    expect(startedThere).toBeGreaterThanOrEqual(1);
    expect(full.totals).toMatchObject({ attempts: startedThere, failures: startedThere, machinesLaunched: 0 });
  });

  it("counts only the caller's organization's events, as GET /events lists them", async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/providers/memory-a/activity', key: other.keys.viewer });
    expect(response.statusCode).toBe(200);
    expect(response.json().totals).toEqual({ attempts: 0, failures: 0, partial: 0, machinesLaunched: 0, meanAttemptSeconds: null });
  });

  it('answers 404 for an unknown instance and 400 for a window out of range', async () => {
    const missing = await harness.inject({ method: 'GET', url: '/api/v1/providers/nowhere/activity', key: 'read' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('PROVIDER_NOT_FOUND');
    for (const hours of ['0', '169', 'day']) {
      const refused = await harness.inject({ method: 'GET', url: `/api/v1/providers/memory-a/activity?hours=${hours}`, key: 'read' });
      expect(refused.statusCode).toBe(400);
    }
  });
});
