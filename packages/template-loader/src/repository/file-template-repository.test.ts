import { readdir } from 'node:fs/promises';
import { ConfigurationError, TemplateSchema, ValidationError, type Template } from '@ohf/domain-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfigDirectory, type ConfigDirectory } from '../__fixtures__/config-directory.js';
import { createTemplateLoader } from '../loader/template-loader.js';
import { FileTemplateRepository } from './file-template-repository.js';

const directories: ConfigDirectory[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => directory.remove()));
});

const attributes = { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] };
const instances = [
  { name: 'aws-us-east-1', type: 'aws' },
  { name: 'linode-main', type: 'linode' },
];

async function setup(files: Record<string, unknown>, env: Record<string, string> = {}) {
  const directory = await createConfigDirectory(files);
  directories.push(directory);
  const loader = createTemplateLoader({ configDirectory: directory.path, providerInstances: instances, env });
  return { directory, loader, repository: new FileTemplateRepository(loader) };
}

function template(input: Partial<Template> & { templateId: string }): Template {
  return TemplateSchema.parse({ maxNumber: 1, attributes, ...input });
}

describe('FileTemplateRepository: queries', () => {
  const files = {
    'templates.json': [
      { templateId: 'fleet', maxNumber: 5, attributes, providerApi: 'EC2Fleet', providerType: 'aws' },
      { templateId: 'spot', maxNumber: 5, attributes, providerApi: 'SpotFleet', providerType: 'aws', enabled: false },
      { templateId: 'linode-small', maxNumber: 5, attributes, providerType: 'linode', providerName: 'linode-main' },
      { templateId: 'broken', attributes },
    ],
    'aws-us-east-1_templates.json': [{ templateId: 'pinned', maxNumber: 1, attributes, providerApi: 'EC2Fleet', providerName: 'aws-us-east-1' }],
  };

  it('finds valid templates by id, API, provider type and name, activity and text', async () => {
    const { repository } = await setup(files);
    expect((await repository.findAll()).map((found) => found.templateId)).toEqual(['fleet', 'spot', 'linode-small', 'pinned']);
    expect((await repository.findById('pinned'))?.providerName).toBe('aws-us-east-1');
    expect(await repository.findById('absent')).toBeUndefined();
    expect((await repository.findByProviderApi('EC2Fleet')).map((found) => found.templateId)).toEqual(['fleet', 'pinned']);
    expect((await repository.findByProviderType('aws')).map((found) => found.templateId)).toEqual(['fleet', 'spot']);
    expect((await repository.findByProviderName('linode-main')).map((found) => found.templateId)).toEqual(['linode-small']);
    expect((await repository.findActive()).map((found) => found.templateId)).toEqual(['fleet', 'linode-small', 'pinned']);
    expect((await repository.search({ text: 'LIN', enabled: true })).map((found) => found.templateId)).toEqual(['linode-small']);
    expect((await repository.search({ providerApi: 'SpotFleet', enabled: true })).map((found) => found.templateId)).toEqual([]);
  });

  it('explains an invalid template instead of pretending it does not exist', async () => {
    const { repository } = await setup(files);
    const error = await repository.findById('broken').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain('templates.json › broken › maxNumber');
    expect((await repository.search({ includeInvalid: true })).map((found) => found.templateId)).not.toContain('broken');
  });
});

describe('FileTemplateRepository: save and delete', () => {
  it('creates templates.json for a new template and writes it in the canonical camelCase form', async () => {
    const { directory, repository } = await setup({});
    await repository.save(template({ templateId: 'web', vmType: 't3.small', subnetIds: ['subnet-a'], instanceTags: { team: 'hpc' } }));
    expect(await directory.read('templates.json')).toEqual({
      templates: [
        { templateId: 'web', maxNumber: 1, attributes, vmType: 't3.small', subnetIds: ['subnet-a'], instanceTags: { team: 'hpc' } },
      ],
    });
    expect(await repository.findById('web')).toEqual(template({ templateId: 'web', vmType: 't3.small', subnetIds: ['subnet-a'], instanceTags: { team: 'hpc' } }));
    expect(await readdir(directory.path)).toEqual(['templates.json']);
  });

  it('writes into the highest-priority file defining the template and unsets what lower files would add back', async () => {
    const { directory, repository } = await setup({
      'templates.json': { version: 2, templates: [{ templateId: 'web', maxNumber: 2, attributes, keyName: 'old', subnetId: 'subnet-a', providerOptions: { aws: { placement: 'x' } } }] },
      'awsprov_templates.json': [{ template_id: 'web', max_instances: 4 }, { template_id: 'other', max_instances: 1, attributes }],
    });
    const current = await repository.findById('web');
    expect(current).toMatchObject({ maxNumber: 4, keyName: 'old' });
    const updated: Template = { ...current!, maxNumber: 6, keyName: undefined, subnetIds: [], providerOptions: {} };
    delete (updated as { keyName?: string }).keyName;
    await repository.save(updated);

    expect(await directory.read('awsprov_templates.json')).toEqual([
      {
        templateId: 'web',
        maxNumber: 6,
        attributes,
        subnetIds: [],
        keyName: null,
        providerOptions: { aws: { placement: null } },
      },
      { template_id: 'other', max_instances: 1, attributes },
    ]);
    // The lower file is untouched (envelope keys included) and the result is exactly what was saved.
    expect(await directory.read('templates.json')).toMatchObject({ version: 2 });
    expect(await repository.findById('web')).toEqual(updated);
  });

  it('keeps ${ENV} references whose value did not change, and escapes literal ${ in new values', async () => {
    const { directory, repository } = await setup(
      { 'templates.json': [{ templateId: 'web', maxNumber: '${MAX}', attributes, imageId: '${AMI}' }] },
      { MAX: '3', AMI: 'ami-1' },
    );
    const current = (await repository.findById('web'))!;
    await repository.save({ ...current, imageId: 'ami-2', userData: 'echo ${HOME}' });
    expect(await directory.read('templates.json')).toEqual([
      { templateId: 'web', maxNumber: '${MAX}', attributes, imageId: 'ami-2', userData: 'echo $${HOME}' },
    ]);
    expect(await repository.findById('web')).toMatchObject({ maxNumber: 3, imageId: 'ami-2', userData: 'echo ${HOME}' });
  });

  it('rejects an invalid template and refuses to write around a broken file that holds it', async () => {
    const { directory, repository } = await setup({ 'templates.json': [{ templateId: 'web', maxNumber: 1, attributes }] });
    await expect(repository.save({ ...template({ templateId: 'web' }), maxNumber: -5 })).rejects.toBeInstanceOf(ValidationError);
    await directory.writeText('linodeprov_templates.json', '[{"templateId": "web", ');
    await expect(repository.save(template({ templateId: 'web' }))).rejects.toBeInstanceOf(ConfigurationError);
    await expect(repository.delete('web')).rejects.toThrow(/linodeprov_templates.json/);
  });

  it('deletes the template from every file that defines it', async () => {
    const { directory, repository } = await setup({
      'templates.json': [{ templateId: 'web', maxNumber: 1, attributes }, { templateId: 'keep', maxNumber: 1, attributes }],
      'aws-us-east-1_templates.json': { templates: [{ template_id: 'web', max_instances: 3 }] },
    });
    expect(await repository.delete('web')).toBe(true);
    expect(await directory.read('templates.json')).toEqual([{ templateId: 'keep', maxNumber: 1, attributes }]);
    expect(await directory.read('aws-us-east-1_templates.json')).toEqual({ templates: [] });
    expect(await repository.findById('web')).toBeUndefined();
    expect(await repository.delete('web')).toBe(false);
  });
});
