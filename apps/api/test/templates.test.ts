import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, WEB_TEMPLATE, type TestApi } from './api-harness.js';

describe('templates', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({
      workers: false,
      providers: [
        { name: 'memory-a', type: 'memory', config: {} },
        { name: 'memory-b', type: 'memory', config: {} },
      ],
      templates: [
        WEB_TEMPLATE,
        { ...WEB_TEMPLATE, templateId: 'pinned-b', providerType: undefined, providerName: 'memory-b' },
        {
          ...WEB_TEMPLATE,
          templateId: 'with-password',
          providerOptions: { memory: { root_pass: 'hunter2', authorized_keys: ['ssh-ed25519 AAAA'] } },
        },
      ],
    });
  });
  afterAll(async () => harness?.close());

  const ids = (body: { templates: { templateId: string }[] }) => body.templates.map((template) => template.templateId).sort();

  it('lists templates, filtered by provider_type and provider_name', async () => {
    const all = await harness.inject({ method: 'GET', url: '/api/v1/templates', key: 'read' });
    expect(all.statusCode).toBe(200);
    expect(ids(all.json())).toEqual(['pinned-b', 'web-server', 'with-password']);
    expect(all.json().total).toBe(3);
    const byName = await harness.inject({ method: 'GET', url: '/api/v1/templates?provider_name=memory-b' });
    expect(ids(byName.json())).toEqual(['pinned-b']);
    const byType = await harness.inject({ method: 'GET', url: '/api/v1/templates?provider_type=memory' });
    expect(ids(byType.json())).toEqual(['web-server', 'with-password']);
    const byText = await harness.inject({ method: 'GET', url: '/api/v1/templates?q=WEB' });
    expect(ids(byText.json())).toEqual(['web-server']);
  });

  it('says how many machines each template still allows, counting those on order', async () => {
    const before = await harness.inject({ method: 'GET', url: '/api/v1/templates', key: 'read' });
    const availableOf = (body: { templates: { templateId: string; availableNumber: number }[] }, templateId: string) =>
      body.templates.find((template) => template.templateId === templateId)?.availableNumber;
    expect(availableOf(before.json(), 'web-server')).toBe(10);
    const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 3 }, key: 'write' });
    expect(created.statusCode).toBe(202);
    const after = await harness.inject({ method: 'GET', url: '/api/v1/templates', key: 'read' });
    expect(availableOf(after.json(), 'web-server')).toBe(7);
    expect(availableOf(after.json(), 'pinned-b')).toBe(10);
  });

  it('never returns provider passwords in clear', async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/templates/with-password' });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('hunter2');
    expect(response.json().template.providerOptions.memory).toEqual({ root_pass: '********', authorized_keys: ['ssh-ed25519 AAAA'] });
  });

  it('shows one template, with the file each field came from on request', async () => {
    const plain = await harness.inject({ method: 'GET', url: '/api/v1/templates/web-server' });
    expect(plain.json().template).toMatchObject({ templateId: 'web-server', maxNumber: 10, vmType: 'memory.small' });
    expect(plain.json().sourceInfo).toBeUndefined();
    const sourced = await harness.inject({ method: 'GET', url: '/api/v1/templates/web-server?source_info=true' });
    expect(sourced.json().sourceInfo.files).toEqual([expect.stringMatching(/templates\.json$/)]);
    expect(JSON.stringify(sourced.json().sourceInfo.fields)).toMatch(/templates\.json/);
    const missing = await harness.inject({ method: 'GET', url: '/api/v1/templates/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('creates a template (201), refuses the same id again (409) and writes it to the template files', async () => {
    const body = { template_id: 'batch', max_instances: 4, image_id: 'memory-image-1', instance_type: 'memory.large', providerType: 'memory' };
    const planned = await harness.inject({ method: 'POST', url: '/api/v1/templates?dry_run=true', payload: body, key: 'admin' });
    expect(planned.statusCode).toBe(200);
    expect(planned.json()).toMatchObject({ dryRun: true, template: { templateId: 'batch', maxNumber: 4 } });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/templates/batch' })).statusCode).toBe(404);

    const created = await harness.inject({ method: 'POST', url: '/api/v1/templates', payload: body, key: 'admin' });
    expect(created.statusCode).toBe(201);
    expect(created.json().template).toMatchObject({ templateId: 'batch', maxNumber: 4, vmType: 'memory.large' });
    const files = readFileSync(join(harness.directory, 'templates.json'), 'utf8');
    expect(files).toContain('batch');
    const again = await harness.inject({ method: 'POST', url: '/api/v1/templates', payload: body, key: 'admin' });
    expect(again.statusCode).toBe(409);
    const readOnly = await harness.inject({ method: 'POST', url: '/api/v1/templates', payload: body, key: 'read' });
    expect(readOnly.statusCode).toBe(403);
    // Templates are the organization's admins' business; operators request machines with them.
    const operator = await harness.inject({ method: 'POST', url: '/api/v1/templates', payload: { ...body, template_id: 'batch-2' }, key: 'write' });
    expect(operator.statusCode).toBe(403);
    // The owner is whoever writes it: a body cannot plant a template in an organization.
    const planted = await harness.inject({ method: 'POST', url: '/api/v1/templates', payload: { ...body, template_id: 'batch-3', organizationId: 'elsewhere' }, key: 'admin' });
    expect(planted.statusCode).toBe(400);
    expect(planted.json().error.details.issues).toContainEqual(expect.objectContaining({ path: 'body.organizationId' }));
  });

  it('rejects template bodies without an id or with invalid fields, naming the field', async () => {
    const noId = await harness.inject({ method: 'POST', url: '/api/v1/templates', payload: { maxNumber: 2 } });
    expect(noId.statusCode).toBe(400);
    expect(noId.json().error.details.issues[0].path).toBe('body.templateId');
    const invalid = await harness.inject({ method: 'POST', url: '/api/v1/templates', payload: { templateId: 'bad', maxNumber: 'many' } });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.stringify(invalid.json().error)).toMatch(/maxNumber/);
  });

  it('changes fields with PUT and removes one set to null', async () => {
    const updated = await harness.inject({
      method: 'PUT',
      url: '/api/v1/templates/batch',
      payload: { maxNumber: 6, instanceTags: { team: 'hpc' } },
      key: 'admin',
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().template).toMatchObject({ templateId: 'batch', maxNumber: 6, instanceTags: { team: 'hpc' } });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/templates/batch' })).json().template.maxNumber).toBe(6);
    const renamed = await harness.inject({ method: 'PUT', url: '/api/v1/templates/batch', payload: { templateId: 'other' } });
    expect(renamed.statusCode).toBe(400);
    const missing = await harness.inject({ method: 'PUT', url: '/api/v1/templates/nope', payload: { maxNumber: 1 } });
    expect(missing.statusCode).toBe(404);
  });

  it('validates a stored template or a body, optionally against a provider instance', async () => {
    const stored = await harness.inject({ method: 'POST', url: '/api/v1/templates/validate', payload: { templateId: 'web-server' }, key: 'read' });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toMatchObject({ templateId: 'web-server', valid: true, errors: [] });
    const broken = await harness.inject({
      method: 'POST',
      url: '/api/v1/templates/validate',
      payload: { template: { templateId: 'x', maxNumber: 2, priceType: 'spot', providerApi: 'EC2Fleet' }, level: 'STRICT', provider_instance: 'memory-a' },
    });
    expect(broken.statusCode).toBe(200);
    expect(broken.json()).toMatchObject({ valid: false, level: 'STRICT', providerInstance: 'memory-a' });
    expect(broken.json().errors.length).toBeGreaterThan(0);
    expect(broken.json().errors.every((finding: { field?: string }) => typeof finding.field === 'string')).toBe(true);
    const neither = await harness.inject({ method: 'POST', url: '/api/v1/templates/validate', payload: { level: 'STRICT' } });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details.issues[0]).toMatchObject({ path: 'body.templateId', message: 'give templateId or template' });
  });

  it('refreshes the template cache and reports the files', async () => {
    const refreshed = await harness.inject({ method: 'POST', url: '/api/v1/templates/refresh', key: 'admin' });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json()).toMatchObject({ templateCount: 4, validCount: 4, problems: [] });
    expect(refreshed.json().files).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'templates.json', present: true, broken: false })]));
  });

  it('deletes a template', async () => {
    const planned = await harness.inject({ method: 'DELETE', url: '/api/v1/templates/batch?dry_run=true', key: 'admin' });
    expect(planned.json()).toEqual({ templateId: 'batch', deleted: false, dryRun: true });
    const deleted = await harness.inject({ method: 'DELETE', url: '/api/v1/templates/batch', key: 'admin' });
    expect(deleted.json()).toEqual({ templateId: 'batch', deleted: true, dryRun: false });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/templates/batch' })).statusCode).toBe(404);
    expect((await harness.inject({ method: 'DELETE', url: '/api/v1/templates/batch' })).statusCode).toBe(404);
  });
});
