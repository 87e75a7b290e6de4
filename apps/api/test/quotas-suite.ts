import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, WEB_TEMPLATE, type TestApi, type TestApiOptions } from './api-harness.js';
import { createTestOrganization, type TestOrganization } from './tenancy-harness.js';

/** `small` of the in-memory provider's catalog (0.0075 an hour), so that a request has a price. */
const PRICED_TEMPLATE = { templateId: 'priced', maxNumber: 100, imageId: 'memory/debian-12', vmType: 'small', providerType: 'memory' };

/**
 * Organization quotas: set by the platform admin, read by members, enforced on POST /requests,
 * through the real server over the storage `options` gives (SQLite or PostgreSQL).
 */
export function describeQuotas(label: string, options: () => Promise<TestApiOptions & { cleanup?: () => Promise<void> }>): void {
  describe(`organization quotas (${label})`, () => {
    let harness: TestApi;
    let cleanup: (() => Promise<void>) | undefined;
    let acme: TestOrganization;
    beforeAll(async () => {
      const { cleanup: drop, ...rest } = await options();
      cleanup = drop;
      // No workers: accepted requests stay on order, which the running-machines quota counts.
      harness = await startTestApi({ ...rest, workers: false, templates: [WEB_TEMPLATE, PRICED_TEMPLATE] });
      acme = await createTestOrganization(harness, 'quota-org', { maxRunningMachines: 3 });
    });
    afterAll(async () => {
      await harness?.close();
      await cleanup?.();
    });

    it('refuses a request beyond maxRunningMachines with 422 QUOTA_EXCEEDED naming the limit, before storing anything', async () => {
      const first = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: acme.keys.operator, payload: { templateId: 'web-server', maxNumber: 2 } });
      expect(first.statusCode, first.body).toBe(202);
      const refused = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: acme.keys.operator, payload: { templateId: 'web-server', maxNumber: 2 } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toEqual({
        error: {
          code: 'QUOTA_EXCEEDED',
          message: expect.stringMatching(/maxRunningMachines/),
          details: { limit: 'maxRunningMachines', maximum: 3, current: 2, requested: 2 },
        },
      });
      const listed = await harness.inject({ method: 'GET', url: '/api/v1/requests', key: acme.keys.viewer });
      expect(listed.json().total).toBe(1);
      // Within the quota it is accepted; another organization's quota is its own.
      expect((await harness.inject({ method: 'POST', url: '/api/v1/requests', key: acme.keys.operator, payload: { templateId: 'web-server', maxNumber: 1 } })).statusCode).toBe(202);
      expect((await harness.inject({ method: 'POST', url: '/api/v1/requests', key: 'write', payload: { templateId: 'web-server', maxNumber: 5 } })).statusCode).toBe(202);
    });

    it('lets members read the quotas and their use, and only the platform admin change them', async () => {
      const own = await harness.inject({ method: 'GET', url: '/api/v1/organization', key: acme.keys.admin });
      expect(own.json()).toMatchObject({ quotas: { maxRunningMachines: 3 }, role: 'admin' });
      const byAdmin = await harness.inject({ method: 'PATCH', url: '/api/v1/organizations/quota-org', key: acme.keys.admin, payload: { quotas: { maxRunningMachines: 100 } } });
      expect(byAdmin.statusCode).toBe(403);
      const raised = await harness.inject({ method: 'PATCH', url: '/api/v1/organizations/quota-org', payload: { quotas: { maxRunningMachines: 10 } } });
      expect(raised.statusCode).toBe(200);
      const accepted = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: acme.keys.operator, payload: { templateId: 'web-server', maxNumber: 2 } });
      expect(accepted.statusCode).toBe(202);
    });

    it('prices a request with the synced catalog and refuses one beyond maxHourlySpend with 422 QUOTA_EXCEEDED', async () => {
      const spender = await createTestOrganization(harness, 'spend-org', { maxHourlySpend: 0.05 });
      // Without a catalog the price is unknown, and an unknown price is not counted against the limit.
      const unpriced = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: spender.keys.operator, payload: { templateId: 'priced', maxNumber: 10 } });
      expect(unpriced.statusCode, unpriced.body).toBe(202);
      expect((await harness.inject({ method: 'POST', url: '/api/v1/catalog/sync', payload: {} })).statusCode).toBe(200);

      const refused = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: spender.keys.operator, payload: { templateId: 'priced', maxNumber: 7 } });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json()).toEqual({
        error: {
          code: 'QUOTA_EXCEEDED',
          message: expect.stringMatching(/maxHourlySpend/),
          details: { limit: 'maxHourlySpend', maximum: 0.05, current: 0, requested: 0.0525 },
        },
      });
      // 6 × 0.0075 = 0.045 fits; the next one would not.
      const fits = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: spender.keys.operator, payload: { templateId: 'priced', maxNumber: 6 } });
      expect(fits.statusCode, fits.body).toBe(202);
    });
  });
}
