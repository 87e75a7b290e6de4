import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi, WEB_TEMPLATE, type TestApi } from './api-harness.js';
import { createTestOrganization, type TestOrganization } from './tenancy-harness.js';

const ENCRYPTION_KEY = randomBytes(32).toString('base64');

describe('enabling and disabling provider instances (PATCH /providers/{name})', () => {
  let harness: TestApi;
  let acme: TestOrganization;
  beforeAll(async () => {
    harness = await startTestApi({ environment: { OHF_ENCRYPTION_KEY: ENCRYPTION_KEY } });
    acme = await createTestOrganization(harness, 'acme');
    const registered = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/register',
      key: acme.keys.admin,
      payload: { strategy_name: 'acme-linode', provider_type: 'linode', strategy_config: { token: 'acme-secret-token', region: 'us-east' }, capabilities: ['Linode'] },
    });
    expect(registered.statusCode, registered.body).toBe(201);
  }, 30_000);
  afterAll(async () => harness?.close());

  const enabledOf = async (name: string) =>
    ((await harness.inject({ method: 'GET', url: '/api/v1/providers', key: acme.keys.viewer })).json().providers as { name: string; enabled: boolean }[]).find(
      (provider) => provider.name === name,
    )?.enabled;

  it('lets an admin disable an instance the organization registered, then enable it again', async () => {
    const disabled = await harness.inject({ method: 'PATCH', url: '/api/v1/providers/acme-linode', key: acme.keys.admin, payload: { enabled: false } });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ name: 'acme-linode', providerType: 'linode', enabled: false, capabilities: ['Linode'], registered: true });
    expect(disabled.body).not.toContain('acme-secret-token');
    expect(await enabledOf('acme-linode')).toBe(false);
    const listed = (await harness.inject({ method: 'GET', url: '/api/v1/providers', key: acme.keys.viewer })).json().providers as { name: string; registered: boolean }[];
    expect(listed.map((provider) => [provider.name, provider.registered])).toEqual([
      ['memory-a', false],
      ['acme-linode', true],
    ]);
    // Kept in storage: the registration as stored says so (what a restart or another replica reads).
    const stored = await harness.api.storage.providerInstances.find('acme-linode');
    expect(stored).toMatchObject({ organizationId: 'acme', active: false });

    const enabled = await harness.inject({ method: 'PATCH', url: '/api/v1/providers/acme-linode', key: acme.keys.admin, payload: { enabled: true } });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json().enabled).toBe(true);
    expect(await enabledOf('acme-linode')).toBe(true);
    expect((await harness.api.storage.providerInstances.find('acme-linode'))?.active).toBe(true);
  });

  it('keeps the sealed credentials: registering again without them would be refused', async () => {
    // The control: a Linode registration with no token anywhere is refused outright.
    const bare = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/register',
      key: acme.keys.admin,
      payload: { strategy_name: 'acme-linode-bare', provider_type: 'linode', strategy_config: { tokenEnvironmentVariable: 'OHF_TEST_NO_SUCH_TOKEN' } },
    });
    expect(bare.json().error.code).toBe('MISSING_CREDENTIALS');
    // Enabling registers the instance again from what storage holds: it succeeds, so the token came back unsealed.
    for (const enabled of [false, true]) {
      const response = await harness.inject({ method: 'PATCH', url: '/api/v1/providers/acme-linode', key: acme.keys.admin, payload: { enabled } });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).not.toContain('acme-secret-token');
    }
  });

  it('refuses viewers and operators (403) and answers another organization as for an unknown instance (404)', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      const refused = await harness.inject({ method: 'PATCH', url: '/api/v1/providers/acme-linode', key: acme.keys[role], payload: { enabled: false } });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.details.required_permission).toBe('administer');
    }
    const other = await createTestOrganization(harness, 'other');
    const hidden = await harness.inject({ method: 'PATCH', url: '/api/v1/providers/acme-linode', key: other.keys.admin, payload: { enabled: false } });
    const unknown = await harness.inject({ method: 'PATCH', url: '/api/v1/providers/nowhere-linode', key: other.keys.admin, payload: { enabled: false } });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('PROVIDER_NOT_FOUND');
    expect(hidden.json().error.details.available_providers).toEqual(unknown.json().error.details.available_providers);
    expect(hidden.body).not.toContain('acme-memory');
    expect(await enabledOf('acme-linode')).toBe(true);
  });

  it('answers 409 for a configuration-file instance, which is changed in the configuration', async () => {
    const response = await harness.inject({ method: 'PATCH', url: '/api/v1/providers/memory-a', key: 'admin', payload: { enabled: false } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/configuration file/) });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/providers/memory-a', key: 'read' })).json()).toMatchObject({ enabled: true, registered: false });
  });

  it('keeps a disabled instance disabled across a restart, with its credentials', async () => {
    await harness.inject({ method: 'PATCH', url: '/api/v1/providers/acme-linode', key: acme.keys.admin, payload: { enabled: false } });
    await harness.close({ keep: true });
    harness = await startTestApi({ directory: harness.directory, environment: { OHF_ENCRYPTION_KEY: ENCRYPTION_KEY } });
    expect(await enabledOf('acme-linode')).toBe(false);
    const enabled = await harness.inject({ method: 'PATCH', url: '/api/v1/providers/acme-linode', key: acme.keys.admin, payload: { enabled: true } });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json().enabled).toBe(true);
    expect(await enabledOf('acme-linode')).toBe(true);
  }, 30_000);

  it('stops selecting a disabled instance for new requests', async () => {
    const memory = await harness.inject({ method: 'POST', url: '/api/v1/providers/strategy/register', key: acme.keys.admin, payload: { strategy_name: 'acme-memory', provider_type: 'memory' } });
    expect(memory.statusCode, memory.body).toBe(201);
    const template = await harness.inject({ method: 'POST', url: '/api/v1/templates', key: acme.keys.admin, payload: { ...WEB_TEMPLATE, templateId: 'acme-pinned', providerType: undefined, providerName: 'acme-memory' } });
    expect(template.statusCode, template.body).toBe(201);
    await harness.inject({ method: 'PATCH', url: '/api/v1/providers/acme-memory', key: acme.keys.admin, payload: { enabled: false } });
    const refused = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: acme.keys.operator, payload: { templateId: 'acme-pinned', maxNumber: 1 } });
    expect(refused.statusCode, refused.body).toBeGreaterThanOrEqual(400);
    await harness.inject({ method: 'PATCH', url: '/api/v1/providers/acme-memory', key: acme.keys.admin, payload: { enabled: true } });
    const accepted = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: acme.keys.operator, payload: { templateId: 'acme-pinned', maxNumber: 1 } });
    expect(accepted.statusCode, accepted.body).toBe(202);
    const done = await eventually(
      () => harness.inject({ method: 'GET', url: `/api/v1/requests/${accepted.json().request.requestId}`, key: acme.keys.viewer }),
      (response) => response.json().progress?.final === true,
      15_000,
    );
    expect(done.json().request).toMatchObject({ status: 'complete', providerInstance: 'acme-memory' });
  }, 30_000);
});
