import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi, type TestApi } from './api-harness.js';
import { createTestOrganization, type TestOrganization } from './tenancy-harness.js';

/** Organizations, users and stored API keys through the real server on SQLite. */
describe('organizations, users and API keys', () => {
  const KEY_CACHE_MS = 400;
  let harness: TestApi;
  let acme: TestOrganization;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false, api: { auth: { key_cache_ms: KEY_CACHE_MS } } });
    acme = await createTestOrganization(harness, 'acme', { maxRunningMachines: 5 });
  });
  afterAll(async () => harness?.close());

  it('lets the platform admin list, read, rename and set the quotas of organizations', async () => {
    const listed = await harness.inject({ method: 'GET', url: '/api/v1/organizations' });
    expect(listed.json().organizations.map((organization: { organizationId: string }) => organization.organizationId).sort()).toEqual(['acme', 'default']);
    const changed = await harness.inject({ method: 'PATCH', url: '/api/v1/organizations/acme', payload: { name: 'Acme Corp', quotas: { maxRunningMachines: 5, maxHourlySpend: 12.5 } } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ organizationId: 'acme', name: 'Acme Corp', quotas: { maxRunningMachines: 5, maxHourlySpend: 12.5 } });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/organizations/acme' })).json().name).toBe('Acme Corp');
    expect((await harness.inject({ method: 'GET', url: '/api/v1/organizations/nowhere' })).statusCode).toBe(404);
    const duplicate = await harness.inject({ method: 'POST', url: '/api/v1/organizations', payload: { organizationId: 'acme', name: 'again' } });
    expect(duplicate.statusCode).toBe(409);
    const badId = await harness.inject({ method: 'POST', url: '/api/v1/organizations', payload: { organizationId: 'Not An Id', name: 'x' } });
    expect(badId.statusCode).toBe(400);
  });

  it("refuses organization management to an organization's own admin", async () => {
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/organizations' },
      { method: 'POST' as const, url: '/api/v1/organizations', payload: { organizationId: 'evil', name: 'evil' } },
      { method: 'PATCH' as const, url: '/api/v1/organizations/acme', payload: { quotas: {} } },
    ]) {
      const refused = await harness.inject({ ...request, key: acme.keys.admin });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN', details: { required_permission: 'platform', role: 'admin' } });
    }
  });

  it('shows every member their own organization with its quotas, their role and the usage', async () => {
    const own = await harness.inject({ method: 'GET', url: '/api/v1/organization', key: acme.keys.viewer });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      organizationId: 'acme',
      role: 'viewer',
      platformAdmin: false,
      quotas: { maxRunningMachines: 5 },
      usage: { runningMachines: 0, hourlySpend: 0 },
    });
    const platform = await harness.inject({ method: 'GET', url: '/api/v1/organization' });
    expect(platform.json()).toMatchObject({ organizationId: 'default', role: 'admin', platformAdmin: true });
  });

  it("lets an organization's admin manage its users, and nobody else", async () => {
    const created = await harness.inject({ method: 'POST', url: '/api/v1/users', key: acme.keys.admin, payload: { name: 'dana@acme.example', role: 'viewer' } });
    expect(created.statusCode).toBe(201);
    const dana = created.json().userId as string;
    expect(created.json()).toMatchObject({ name: 'dana@acme.example', role: 'viewer', platformAdmin: false });
    const listed = await harness.inject({ method: 'GET', url: '/api/v1/users', key: acme.keys.admin });
    expect(listed.json().users.map((user: { name: string }) => user.name).sort()).toEqual([
      'admin@acme.example',
      'dana@acme.example',
      'operator@acme.example',
      'viewer@acme.example',
    ]);
    const promoted = await harness.inject({ method: 'PATCH', url: `/api/v1/users/${dana}`, key: acme.keys.admin, payload: { role: 'operator' } });
    expect(promoted.json().role).toBe('operator');
    expect((await harness.inject({ method: 'GET', url: `/api/v1/users/${dana}`, key: acme.keys.admin })).json().role).toBe('operator');
    expect((await harness.inject({ method: 'GET', url: '/api/v1/users', key: acme.keys.operator })).statusCode).toBe(403);
    const platformAdminByOrgAdmin = await harness.inject({ method: 'POST', url: '/api/v1/users', key: acme.keys.admin, payload: { name: 'mallory', role: 'admin', platformAdmin: true } });
    expect(platformAdminByOrgAdmin.statusCode).toBe(403);
    const sameName = await harness.inject({ method: 'POST', url: '/api/v1/users', key: acme.keys.admin, payload: { name: 'dana@acme.example', role: 'viewer' } });
    expect(sameName.statusCode).toBe(409);

    // Dana's key stops working once she is removed from the organization.
    const key = await harness.inject({ method: 'POST', url: '/api/v1/api-keys', key: acme.keys.admin, payload: { name: 'dana', userId: dana } });
    const danaKey = { bearer: key.json().key as string };
    expect((await harness.inject({ method: 'GET', url: '/api/v1/requests', key: danaKey })).statusCode).toBe(200);
    const removed = await harness.inject({ method: 'DELETE', url: `/api/v1/users/${dana}`, key: acme.keys.admin });
    expect(removed.json()).toEqual({ userId: dana, removed: true, revokedKeys: 1 });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/requests', key: danaKey })).statusCode).toBe(401);
    expect((await harness.inject({ method: 'GET', url: `/api/v1/users/${dana}`, key: acme.keys.admin })).statusCode).toBe(404);

    // The platform admin adds an existing user to another organization.
    const added = await harness.inject({ method: 'PUT', url: `/api/v1/organizations/default/members/${acme.userIds.viewer}`, payload: { role: 'operator' } });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ userId: acme.userIds.viewer, role: 'operator' });
  });

  it('shows a key once, lists keys without their secret, and lets anyone revoke only their own', async () => {
    const created = await harness.inject({ method: 'POST', url: '/api/v1/api-keys', key: acme.keys.viewer, payload: { name: 'laptop' } });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { key, keyId, prefix } = created.json() as { key: string; keyId: string; prefix: string };
    expect(key).toMatch(new RegExp(`^ohf_${keyId}_[A-Za-z0-9_-]{43}$`));
    expect(key.startsWith(prefix)).toBe(true);

    const own = await harness.inject({ method: 'GET', url: '/api/v1/api-keys', key: { bearer: key } });
    expect(own.statusCode).toBe(200);
    expect(own.json().keys.map((listed: { keyId: string }) => listed.keyId).sort()).toContain(keyId);
    expect(own.json().keys.every((listed: { userId: string }) => listed.userId === acme.userIds.viewer)).toBe(true);
    expect(own.body).not.toContain(key);
    expect(own.body).not.toContain(key.slice(prefix.length));
    expect(own.body).not.toMatch(/secretHash|[0-9a-f]{64}/);
    const everyKey = await harness.inject({ method: 'GET', url: '/api/v1/api-keys', key: acme.keys.admin });
    expect(new Set(everyKey.json().keys.map((listed: { userId: string }) => listed.userId)).size).toBeGreaterThan(1);

    // Someone else's key is not found for a non-admin; an admin may create keys for members only.
    expect((await harness.inject({ method: 'DELETE', url: `/api/v1/api-keys/${acme.adminKeyId}`, key: acme.keys.viewer })).statusCode).toBe(404);
    const forOther = await harness.inject({ method: 'POST', url: '/api/v1/api-keys', key: acme.keys.operator, payload: { name: 'x', userId: acme.userIds.viewer } });
    expect(forOther.statusCode).toBe(403);
    const forStranger = await harness.inject({ method: 'POST', url: '/api/v1/api-keys', key: acme.keys.admin, payload: { name: 'x', userId: 'u-nobody' } });
    expect(forStranger.statusCode).toBe(404);
    // An organization's admin cannot mint a key for a platform admin (it would be a platform admin's key).
    const root = await harness.inject({ method: 'POST', url: '/api/v1/users', payload: { name: 'root@platform.example', role: 'admin', platformAdmin: true } });
    expect(root.statusCode).toBe(201);
    const forPlatformAdmin = await harness.inject({ method: 'POST', url: '/api/v1/api-keys', key: acme.keys.admin, payload: { name: 'x', userId: root.json().userId } });
    expect(forPlatformAdmin.statusCode).toBe(404);
    const byPlatform = await harness.inject({ method: 'POST', url: '/api/v1/api-keys', payload: { name: 'root', userId: root.json().userId, organizationId: 'acme' } });
    expect(byPlatform.statusCode).toBe(201);
    const rootOwn = await harness.inject({ method: 'GET', url: '/api/v1/organization', key: { bearer: byPlatform.json().key } });
    expect(rootOwn.json()).toMatchObject({ organizationId: 'acme', role: 'admin', platformAdmin: true });
    const otherOrganization = await harness.inject({ method: 'POST', url: '/api/v1/api-keys', key: acme.keys.admin, payload: { name: 'x', organizationId: 'default' } });
    expect(otherOrganization.statusCode).toBe(403);
    const past = await harness.inject({ method: 'POST', url: '/api/v1/api-keys', key: acme.keys.viewer, payload: { name: 'x', expiresAt: '2020-01-01T00:00:00Z' } });
    expect(past.statusCode).toBe(400);

    const revoked = await harness.inject({ method: 'DELETE', url: `/api/v1/api-keys/${keyId}`, key: acme.keys.viewer });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toEqual(expect.any(String));
    // Revoked on this server: refused at once.
    expect((await harness.inject({ method: 'GET', url: '/api/v1/api-keys', key: { bearer: key } })).statusCode).toBe(401);
  });

  it('records when a key was last used', async () => {
    const listed = await eventually(
      () => harness.inject({ method: 'GET', url: '/api/v1/api-keys', key: acme.keys.admin }),
      (response) => response.json().keys.find((listedKey: { keyId: string }) => listedKey.keyId === acme.adminKeyId)?.lastUsedAt !== undefined,
    );
    const adminKey = listed.json().keys.find((listedKey: { keyId: string }) => listedKey.keyId === acme.adminKeyId);
    expect(Date.parse(adminKey.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it(`refuses a key revoked on another replica within key_cache_ms (${KEY_CACHE_MS} ms here)`, async () => {
    const created = await harness.inject({ method: 'POST', url: '/api/v1/api-keys', key: acme.keys.operator, payload: { name: 'ci' } });
    const key = { bearer: created.json().key as string };
    expect((await harness.inject({ method: 'GET', url: '/api/v1/requests', key })).statusCode).toBe(200);
    // Another replica revokes it: the change reaches this one through storage only.
    const revokedAt = Date.now();
    await harness.api.storage.tenancy.revokeApiKey(created.json().keyId, new Date(revokedAt).toISOString());
    await eventually(
      () => harness.inject({ method: 'GET', url: '/api/v1/requests', key }),
      (response) => response.statusCode === 401,
      KEY_CACHE_MS * 5,
    );
    expect(Date.now() - revokedAt).toBeLessThan(KEY_CACHE_MS * 3);
  });

  it('refuses an expired key with 401', async () => {
    const created = await harness.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      key: acme.keys.viewer,
      payload: { name: 'short-lived', expiresAt: new Date(Date.now() + 300).toISOString() },
    });
    expect(created.statusCode).toBe(201);
    const key = { bearer: created.json().key as string };
    expect((await harness.inject({ method: 'GET', url: '/api/v1/requests', key })).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const refused = await harness.inject({ method: 'GET', url: '/api/v1/requests', key });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('UNAUTHORIZED');
  });

  it('documents the new routes and who may call each in the OpenAPI document', async () => {
    const document = (await harness.inject({ method: 'GET', url: '/api/v1/openapi.json', key: null })).json() as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    expect(document.paths['/api/v1/organizations']?.['post']?.description).toMatch(/Access: platform admins\.$/);
    expect(document.paths['/api/v1/users/{userId}']?.['patch']?.description).toMatch(/Access: admins of the organization\.$/);
    expect(document.paths['/api/v1/api-keys']?.['post']?.description).toMatch(/Access: every member of the organization/);
    expect(document.paths['/api/v1/requests']?.['post']?.description).toMatch(/^Validates the request[\s\S]*Access: operators and admins of the organization\.$/);
    expect(document.paths['/api/v1/organization']?.['get']).toBeDefined();
  });

  it('deletes an organization with its keys, but never the default one', async () => {
    const doomed = await createTestOrganization(harness, 'doomed');
    expect((await harness.inject({ method: 'GET', url: '/api/v1/organization', key: doomed.keys.admin })).statusCode).toBe(200);
    const refusedDefault = await harness.inject({ method: 'DELETE', url: '/api/v1/organizations/default' });
    expect(refusedDefault.statusCode).toBe(409);
    const deleted = await harness.inject({ method: 'DELETE', url: '/api/v1/organizations/doomed' });
    expect(deleted.json()).toEqual({ organizationId: 'doomed', deleted: true });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/organization', key: doomed.keys.admin })).statusCode).toBe(401);
    expect((await harness.inject({ method: 'GET', url: '/api/v1/organizations/doomed' })).statusCode).toBe(404);
  });
});
