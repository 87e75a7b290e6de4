import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './api-harness.js';
import { createTestOrganization, type TestOrganization } from './tenancy-harness.js';

/** Organization quotas: set by the platform admin, read by members, enforced on POST /requests. */
describe('organization quotas', () => {
  let harness: TestApi;
  let acme: TestOrganization;
  beforeAll(async () => {
    // No workers: accepted requests stay on order, which the running-machines quota counts.
    harness = await startTestApi({ workers: false });
    acme = await createTestOrganization(harness, 'quota-org', { maxRunningMachines: 3 });
  });
  afterAll(async () => harness?.close());

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
});
