import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './api-harness.js';
import { createTestOrganization, type TestOrganization } from './tenancy-harness.js';

type Rule = { id: string; organizationId?: string; percent: number; source: string };

/** A markup rule id is unique per organization: another organization's id answers exactly as one nobody uses. */
describe('markup rule ids per organization', () => {
  let harness: TestApi;
  let acme: TestOrganization;
  let globex: TestOrganization;

  beforeAll(async () => {
    harness = await startTestApi({ workers: false });
    acme = await createTestOrganization(harness, 'acme');
    globex = await createTestOrganization(harness, 'globex');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const rulesOf = async (organization: TestOrganization): Promise<Rule[]> => {
    const listed = await harness.inject({ method: 'GET', url: '/api/v1/pricing/markups', key: organization.keys.admin });
    expect(listed.statusCode, listed.body).toBe(200);
    return (listed.json().rules as Rule[]).filter((rule) => rule.organizationId !== undefined);
  };

  /** The answer with the id it names set aside, for comparing two answers. */
  const withoutId = (body: string, id: string) => body.split(id).join('<id>');

  it("saves B's rule with A's id exactly as with a fresh id, and leaves A's rule as it was", async () => {
    const first = await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/gpu', key: acme.keys.admin, payload: { percent: 10 } });
    expect(first.statusCode, first.body).toBe(200);

    const taken = await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/gpu', key: globex.keys.admin, payload: { percent: 25 } });
    const fresh = await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/fresh-id', key: globex.keys.admin, payload: { percent: 25 } });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(withoutId(taken.body, 'gpu')).toBe(withoutId(fresh.body, 'fresh-id'));
    expect(taken.json()).toEqual({ id: 'gpu', organizationId: 'globex', percent: 25, fixedHourly: 0, source: 'stored' });

    expect(await rulesOf(acme)).toEqual([expect.objectContaining({ id: 'gpu', organizationId: 'acme', percent: 10, source: 'stored' })]);
    expect(await rulesOf(globex)).toEqual([
      expect.objectContaining({ id: 'fresh-id', organizationId: 'globex', percent: 25 }),
      expect.objectContaining({ id: 'gpu', organizationId: 'globex', percent: 25, source: 'stored' }),
    ]);

    // Each replaces its own rule only.
    const replaced = await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/gpu', key: globex.keys.admin, payload: { percent: 30 } });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect((await rulesOf(acme)).map((rule) => rule.percent)).toEqual([10]);
  });

  it("answers B's DELETE of an id only A uses with 404, the same body as a never-used id, and keeps A's rule", async () => {
    const created = await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/acme-only', key: acme.keys.admin, payload: { percent: 4 } });
    expect(created.statusCode, created.body).toBe(200);

    const owned = await harness.inject({ method: 'DELETE', url: '/api/v1/pricing/markups/acme-only', key: globex.keys.admin });
    const missing = await harness.inject({ method: 'DELETE', url: '/api/v1/pricing/markups/never-used', key: globex.keys.admin });
    expect(owned.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(owned.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(withoutId(owned.body, 'acme-only')).toBe(withoutId(missing.body, 'never-used'));
    expect(await rulesOf(acme)).toContainEqual(expect.objectContaining({ id: 'acme-only', percent: 4 }));

    // B deleting its own "gpu" leaves A's.
    const deleted = await harness.inject({ method: 'DELETE', url: '/api/v1/pricing/markups/gpu', key: globex.keys.admin });
    expect(deleted.json()).toEqual({ id: 'gpu', deleted: true });
    expect((await rulesOf(globex)).map((rule) => rule.id)).toEqual(['fresh-id']);
    expect(await rulesOf(acme)).toContainEqual(expect.objectContaining({ id: 'gpu', organizationId: 'acme', percent: 10 }));
  });

  it('still refuses an organization the id of a platform rule it sees', async () => {
    const platform = await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/platform-wide', payload: { percent: 2 } });
    expect(platform.statusCode, platform.body).toBe(200);
    const reused = await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/platform-wide', key: acme.keys.admin, payload: { percent: 0 } });
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ error: { code: 'CONFLICT' } });
  });
});
