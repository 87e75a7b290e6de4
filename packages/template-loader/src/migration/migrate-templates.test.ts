import { NotFoundError, ValidationError } from '@ohf/domain-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfigDirectory, type ConfigDirectory } from '../__fixtures__/config-directory.js';
import { createTemplateLoader } from '../loader/template-loader.js';
import type { TemplateCatalog } from '../loader/template-catalog.js';

const directories: ConfigDirectory[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => directory.remove()));
});

const attributes = { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] };
const env = { AMI: 'ami-from-env' };

async function setup(files: Record<string, unknown>, providerInstances = [{ name: 'aws-us-east-1', type: 'aws' }, { name: 'linode-main', type: 'linode' }]) {
  const directory = await createConfigDirectory(files);
  directories.push(directory);
  return { directory, loader: createTemplateLoader({ configDirectory: directory.path, providerInstances, env }) };
}

const resolvedTemplates = (catalog: TemplateCatalog) => catalog.templates.map((resolved) => ({ id: resolved.templateId, template: resolved.template, valid: resolved.valid }));

describe('loader.migrateTemplates', () => {
  const files = {
    'templates.json': {
      templates: [
        { template_id: 'web', max_instances: 2, attributes, image_id: 'ami-base', instance_type: 't2.micro', key_name: 'hpc' },
        { templateId: 'batch', maxNumber: 50, attributes, imageId: '${AMI}', subnetId: 'subnet-a,subnet-b', instanceTags: 'team=hpc' },
        { templateId: 'linode-small', maxNumber: 3, attributes, providerType: 'linode', providerOptions: { linode: { region: 'us-east' } } },
      ],
    },
    'awsprov_templates.json': [{ templateId: 'web', maxNumber: 5, vmType: 't3.small' }],
    'aws-us-east-1_templates.json': [{ templateId: 'web', imageId: 'ami-east' }],
  };

  it('moves the templates into the instance file, atomically, and everything resolves as before', async () => {
    const { directory, loader } = await setup(files);
    const before = await loader.load();

    const plan = await loader.migrateTemplates({ from: 'templates.json', toProvider: 'aws-us-east-1' });
    expect(plan).toMatchObject({ from: 'templates.json', to: 'aws-us-east-1_templates.json', dryRun: false, written: true, conflicts: [] });
    expect(plan.moved.map((entry) => entry.templateId)).toEqual(['web', 'batch', 'linode-small']);
    expect(plan.droppedFields).toEqual([
      { templateId: 'web', field: 'maxNumber', overriddenBy: 'awsprov_templates.json' },
      { templateId: 'web', field: 'imageId', overriddenBy: 'aws-us-east-1_templates.json' },
      { templateId: 'web', field: 'vmType', overriddenBy: 'awsprov_templates.json' },
    ]);

    const after = await loader.load();
    expect(after).not.toBe(before);
    expect(resolvedTemplates(after)).toEqual(expect.arrayContaining(resolvedTemplates(before)));
    expect(after.templates).toHaveLength(before.templates.length);
    expect(after.byId.get('batch')?.sources['imageId']).toEqual({ level: 'instance', file: 'aws-us-east-1_templates.json', priority: 5 });
    expect(after.byId.get('web')?.sources['maxNumber']?.file).toBe('awsprov_templates.json');

    expect(await directory.read('templates.json')).toEqual({ templates: [] });
    const instanceFile = (await directory.read('aws-us-east-1_templates.json')) as Record<string, unknown>[];
    expect(instanceFile[0]).toEqual({ templateId: 'web', attributes, imageId: 'ami-east', keyName: 'hpc' });
    // ${ENV} references travel as written.
    expect(instanceFile[1]).toMatchObject({ templateId: 'batch', imageId: '${AMI}', subnetIds: ['subnet-a', 'subnet-b'], instanceTags: { team: 'hpc' } });
    // A fresh loader (no cache) agrees.
    const fresh = await createTemplateLoader({
      configDirectory: directory.path,
      providerInstances: [{ name: 'aws-us-east-1', type: 'aws' }, { name: 'linode-main', type: 'linode' }],
      env,
    }).load();
    expect(fresh.templates.map((resolved) => resolved.template)).toEqual(after.templates.map((resolved) => resolved.template));
  });

  it('returns the plan without writing on a dry run, and can move only some templates', async () => {
    const { directory, loader } = await setup(files);
    const dryRun = await loader.migrateTemplates({ from: 'templates.json', toProvider: 'aws-us-east-1', dryRun: true });
    expect(dryRun).toMatchObject({ dryRun: true, written: false });
    expect(dryRun.moved).toHaveLength(3);
    expect(await directory.read('templates.json')).toEqual(files['templates.json']);

    const some = await loader.migrateTemplates({ from: 'templates.json', toProvider: 'linode-main', templateIds: ['linode-small'] });
    expect(some.moved).toEqual([{ templateId: 'linode-small', fields: ['templateId', 'maxNumber', 'attributes.type', 'attributes.ncpus', 'attributes.nram', 'providerType', 'providerOptions.linode.region'] }]);
    expect(((await directory.read('templates.json')) as { templates: unknown[] }).templates).toHaveLength(2);
    expect(await directory.read('linode-main_templates.json')).toEqual({
      templates: [{ templateId: 'linode-small', maxNumber: 3, attributes, providerType: 'linode', providerOptions: { linode: { region: 'us-east' } } }],
    });
  });

  it('leaves a template in place when moving it would let a file in between win', async () => {
    const providerInstances = [
      { name: 'aws-us-east-1', type: 'aws' },
      { name: 'aws-us-west-2', type: 'aws' },
      { name: 'linode-main', type: 'linode' },
    ];
    const { directory, loader } = await setup(
      {
        'aws-us-east-1_templates.json': [
          { templateId: 'web', maxNumber: 10, attributes },
          { templateId: 'solo', maxNumber: 1, attributes },
        ],
        'aws-us-west-2_templates.json': [{ templateId: 'web', maxNumber: 20 }],
      },
      providerInstances,
    );
    const before = await loader.load();
    const plan = await loader.migrateTemplates({ from: 'aws-us-east-1_templates.json', toProvider: 'linode-main' });
    expect(plan.conflicts).toEqual([{ templateId: 'web', reason: expect.stringContaining('would change how it resolves') }]);
    expect(plan.moved.map((entry) => entry.templateId)).toEqual(['solo']);
    expect(await directory.read('aws-us-east-1_templates.json')).toEqual([{ templateId: 'web', maxNumber: 10, attributes }]);
    const byId = (catalog: TemplateCatalog) => Object.fromEntries(catalog.templates.map((resolved) => [resolved.templateId, resolved.template]));
    expect(byId(await loader.load())).toEqual(byId(before));
  });

  it('refuses unknown instances, files outside the hierarchy and templates the file does not have', async () => {
    const { loader } = await setup(files);
    const unknown = await loader.migrateTemplates({ from: 'templates.json', toProvider: 'aws-invalid' }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(unknown).toMatchObject({ code: 'PROVIDER_NOT_FOUND', details: { available_providers: ['aws-us-east-1', 'linode-main'] } });
    await expect(loader.migrateTemplates({ from: 'other.json', toProvider: 'aws-us-east-1' })).rejects.toBeInstanceOf(ValidationError);
    await expect(loader.migrateTemplates({ from: 'aws-us-east-1_templates.json', toProvider: 'aws-us-east-1' })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      loader.migrateTemplates({ from: 'templates.json', toProvider: 'aws-us-east-1', templateIds: ['nope'] }),
    ).rejects.toThrow(/does not define "nope"/);
  });
});
