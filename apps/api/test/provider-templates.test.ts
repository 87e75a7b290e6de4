import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, WEB_TEMPLATE, type TestApi } from './api-harness.js';

/** Both memory instances could run every API; each declares only some of them. */
const MEMORY_APIS = { apis: ['RunInstances', 'SpotFleet', 'EC2Fleet'] };
const PROVIDERS = [
  { name: 'mem-run', type: 'memory', capabilities: ['RunInstances'], config: { capabilities: MEMORY_APIS } },
  { name: 'mem-spot', type: 'memory', capabilities: ['SpotFleet', 'RunInstances'], config: { capabilities: MEMORY_APIS } },
  { name: 'linode-main', type: 'linode', enabled: false, config: { token: 'configured-linode-token' } },
];
const { providerType: _type, ...UNBOUND } = WEB_TEMPLATE;
const TEMPLATES = [
  { ...UNBOUND, templateId: 'pinned-run', providerName: 'mem-run' },
  { ...UNBOUND, templateId: 'pinned-run-spot', providerName: 'mem-run', providerApi: 'SpotFleet' },
  { ...UNBOUND, templateId: 'typed', providerType: 'memory' },
  { ...UNBOUND, templateId: 'typed-spot', providerType: 'memory', providerApi: 'SpotFleet' },
  { ...UNBOUND, templateId: 'api-only', providerApi: 'SpotFleet' },
  { ...UNBOUND, templateId: 'plain' },
  { ...UNBOUND, templateId: 'linode-typed', providerType: 'linode' },
];

describe('templates and provider instances', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false, providers: PROVIDERS, templates: TEMPLATES, selection: { default_provider_instance: 'mem-spot' } });
  });
  afterAll(async () => harness?.close());

  const templatesOf = async (name: string): Promise<string[]> => {
    const response = await harness.inject({ method: 'GET', url: `/api/v1/providers/${name}/templates`, key: 'read' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().total).toBe(response.json().templates.length);
    return response.json().templates.map((template: { templateId: string }) => template.templateId).sort();
  };

  it('lists what an instance can serve: by providerName, else providerType, else providerApi, else the default, its APIs checked', async () => {
    expect(await templatesOf('mem-run')).toEqual(['pinned-run', 'typed']);
    expect(await templatesOf('mem-spot')).toEqual(['api-only', 'plain', 'typed', 'typed-spot']);
    expect(await templatesOf('linode-main')).toEqual(['linode-typed']);
  });

  it('answers an unknown instance with 404 in the envelope, and documents the route', async () => {
    const missing = await harness.inject({ method: 'GET', url: '/api/v1/providers/nope/templates', key: 'read' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: {
        code: 'PROVIDER_NOT_FOUND',
        message: expect.stringMatching(/nope/),
        details: expect.objectContaining({ available_providers: ['mem-run', 'mem-spot', 'linode-main'] }),
      },
    });
    const document = (await harness.inject({ method: 'GET', url: '/api/v1/openapi.json', key: null })).json();
    const operation = document.paths['/api/v1/providers/{name}/templates'].get;
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(operation.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'name', required: true })]);
  });

  it('refuses, when validating against an instance, an API the instance does not declare', async () => {
    const refused = await harness.inject({
      method: 'POST',
      url: '/api/v1/templates/validate',
      payload: { templateId: 'typed-spot', provider_instance: 'mem-run' },
      key: 'read',
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ templateId: 'typed-spot', valid: false, providerInstance: 'mem-run' });
    const finding = refused.json().errors.find((error: { code: string }) => error.code === 'API_NOT_SUPPORTED');
    expect(finding).toMatchObject({ field: 'providerApi', message: expect.stringMatching(/SpotFleet/) });
    expect(finding.message).toMatch(/RunInstances/);

    const body = await harness.inject({
      method: 'POST',
      url: '/api/v1/templates/validate',
      payload: { template: { ...UNBOUND, templateId: 'spot-body', providerApi: 'SpotFleet' }, provider_instance: 'mem-run' },
      key: 'read',
    });
    expect(body.json()).toMatchObject({ valid: false, errors: [expect.objectContaining({ code: 'API_NOT_SUPPORTED' })] });

    const accepted = await harness.inject({
      method: 'POST',
      url: '/api/v1/templates/validate',
      payload: { templateId: 'typed-spot', provider_instance: 'mem-spot' },
      key: 'read',
    });
    expect(accepted.json()).toMatchObject({ valid: true, errors: [] });
  });
});
