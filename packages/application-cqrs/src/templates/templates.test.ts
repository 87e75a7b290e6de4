import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OhfError } from '@ohf/domain-core';
import { createTemplateLoader, FileTemplateRepository } from '@ohf/template-loader';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplicationFixture } from '../test-support/application-fixture.js';

let directory: string;

function fixtureWithFiles() {
  const loader = createTemplateLoader({
    configDirectory: directory,
    providerInstances: [{ name: 'mem-a', type: 'memory' }],
    env: {},
  });
  return createApplicationFixture({ templateLoader: loader, templateRepository: new FileTemplateRepository(loader) });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ohf-templates-'));
  writeFileSync(
    join(directory, 'templates.json'),
    JSON.stringify({
      templates: [
        {
          templateId: 'web',
          maxNumber: 10,
          attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
          imageId: 'memory/debian-12',
          vmType: 'small',
          providerType: 'memory',
        },
        {
          templateId: 'batch',
          maxNumber: 5,
          attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '4'], nram: ['Numeric', '8192'] },
          imageId: 'memory/debian-12',
          vmType: 'large',
          providerName: 'mem-a',
        },
      ],
    }),
  );
  writeFileSync(
    join(directory, 'mem-a_templates.json'),
    JSON.stringify({ templates: [{ templateId: 'web', maxNumber: 20, instanceTags: 'team=hpc;cost=42' }] }),
  );
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('template queries', () => {
  it('lists templates filtered by provider type and name', async () => {
    const { app } = fixtureWithFiles();
    const all = await app.dispatch({ type: 'ListTemplates' });
    expect(all.templates.map((template) => template.templateId).sort()).toEqual(['batch', 'web']);
    const byType = await app.dispatch({ type: 'ListTemplates', providerType: 'memory' });
    expect(byType.templates.map((template) => template.templateId)).toEqual(['web']);
    const byName = await app.dispatch({ type: 'ListTemplates', providerName: 'mem-a' });
    expect(byName.templates.map((template) => template.templateId)).toEqual(['batch']);
  });

  it('shows where each field came from', async () => {
    const { app } = fixtureWithFiles();
    const shown = await app.dispatch({ type: 'GetTemplate', templateId: 'web', includeSourceInfo: true });
    expect(shown.template.maxNumber).toBe(20);
    expect(shown.template.instanceTags).toEqual({ team: 'hpc', cost: '42' });
    expect(shown.sourceInfo?.files).toEqual(['mem-a_templates.json', 'templates.json']);
    expect(shown.sourceInfo?.fields['maxNumber']?.file).toBe('mem-a_templates.json');
    expect(shown.sourceInfo?.fields['imageId']?.file).toBe('templates.json');
    const plain = await app.dispatch({ type: 'GetTemplate', templateId: 'web' });
    expect(plain.sourceInfo).toBeUndefined();
    const missing = await caught(app.dispatch({ type: 'GetTemplate', templateId: 'nope' }));
    expect(OhfError.isInstance(missing) && missing.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('validates at a level and against a provider instance, naming file and field', async () => {
    const { app } = fixtureWithFiles();
    const lenient = await app.dispatch({ type: 'ValidateTemplate', templateId: 'web', providerInstance: 'mem-a' });
    expect(lenient.valid).toBe(true);
    expect(lenient.errors).toEqual([]);

    const body = await app.dispatch({
      type: 'ValidateTemplate',
      template: {
        templateId: 'odd',
        maxNumber: 3,
        attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1024'] },
        providerApi: 'EC2Fleet',
        vmType: 'huge',
      },
      providerInstance: 'mem-a',
      level: 'STRICT',
    });
    expect(body.valid).toBe(false);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'API_NOT_SUPPORTED', field: 'providerApi' }),
        // The provider's own warning (unknown size) fails STRICT validation.
        expect.objectContaining({ origin: 'provider', field: 'vmType' }),
      ]),
    );

    const unknownInstance = await caught(app.dispatch({ type: 'ValidateTemplate', templateId: 'web', providerInstance: 'nowhere' }));
    expect(OhfError.isInstance(unknownInstance) && unknownInstance.code).toBe('PROVIDER_NOT_FOUND');
  });
});

describe('template commands', () => {
  const newTemplate = {
    template_id: 'gpu',
    max_instances: 2,
    image_id: 'memory/ubuntu-24.04',
    instance_type: 'medium',
    attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '8'], nram: ['Numeric', '16384'] },
  };

  it('creates (any accepted format), updates and deletes templates in the files, with dry runs', async () => {
    const { app } = fixtureWithFiles();
    const planned = await app.dispatch({ type: 'CreateTemplate', template: newTemplate, dryRun: true });
    expect(planned.template.templateId).toBe('gpu');
    expect(readFileSync(join(directory, 'templates.json'), 'utf8')).not.toContain('gpu');

    const created = await app.dispatch({ type: 'CreateTemplate', template: newTemplate });
    expect(created.template).toMatchObject({ templateId: 'gpu', maxNumber: 2, vmType: 'medium' });
    expect(readFileSync(join(directory, 'templates.json'), 'utf8')).toContain('gpu');
    const duplicate = await caught(app.dispatch({ type: 'CreateTemplate', template: newTemplate }));
    expect(OhfError.isInstance(duplicate) && duplicate.code).toBe('CONFLICT');

    const updated = await app.dispatch({ type: 'UpdateTemplate', templateId: 'gpu', changes: { maxNumber: 4, vmType: null, vmTypes: { large: 1 } } });
    expect(updated.template.maxNumber).toBe(4);
    expect(updated.template.vmType).toBeUndefined();
    expect((await app.dispatch({ type: 'GetTemplate', templateId: 'gpu' })).template.vmTypes).toEqual({ large: 1 });

    const invalid = await caught(app.dispatch({ type: 'UpdateTemplate', templateId: 'gpu', changes: { maxNumber: -5 } }));
    expect(OhfError.isInstance(invalid) && invalid.code).toBe('VALIDATION_ERROR');
    expect((invalid as OhfError).details['issues']).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'maxNumber' })]));

    const deleted = await app.dispatch({ type: 'DeleteTemplate', templateId: 'gpu' });
    expect(deleted.deleted).toBe(true);
    const gone = await caught(app.dispatch({ type: 'DeleteTemplate', templateId: 'gpu' }));
    expect(OhfError.isInstance(gone) && gone.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('refreshes from the files and reports a broken file without losing the others', async () => {
    const { app } = fixtureWithFiles();
    expect((await app.dispatch({ type: 'ListTemplates' })).templates).toHaveLength(2);
    writeFileSync(join(directory, 'memoryprov_templates.json'), '{ not json');
    const refreshed = await app.dispatch({ type: 'RefreshTemplates' });
    expect(refreshed.templateCount).toBe(2);
    expect(refreshed.validCount).toBe(2);
    expect(refreshed.files.find((file) => file.name === 'memoryprov_templates.json')).toMatchObject({ present: true, broken: true });
    expect(refreshed.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'memoryprov_templates.json', rule: 'invalid-json' })]));
  });
});
