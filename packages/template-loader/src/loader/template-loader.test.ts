import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProviderCapabilitiesV1 } from '@ohf/provider-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfigDirectory, readFixture, type ConfigDirectory } from '../__fixtures__/config-directory.js';
import { createTemplateLoader } from './template-loader.js';

const directories: ConfigDirectory[] = [];
async function configDirectory(files: Record<string, unknown> = {}): Promise<ConfigDirectory> {
  const directory = await createConfigDirectory(files);
  directories.push(directory);
  return directory;
}
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => directory.remove()));
});

const attributes = { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] };
const awsEast = { name: 'aws-us-east-1', type: 'aws' };

describe('createTemplateLoader: formats', () => {
  it('loads the contract example files (Host Factory format) into domain Templates', async () => {
    const directory = await configDirectory({
      'awsprov_templates.json': await readFixture('awsprov_templates.json'),
      'linodeprov_templates.json': await readFixture('linodeprov_templates.json'),
      'digitaloceanprov_templates.json': await readFixture('digitaloceanprov_templates.json'),
    });
    const loader = createTemplateLoader({
      configDirectory: directory.path,
      providerInstances: [awsEast, { name: 'linode-main', type: 'linode' }, { name: 'do-main', type: 'digitalocean' }],
      env: {},
    });
    const catalog = await loader.load();
    expect(catalog.problems).toEqual([]);
    expect(catalog.templates.map((resolved) => resolved.templateId)).toEqual([
      'do-basic',
      'linode-small',
      'fleet-ondemand',
      'fleet-mixed',
      'spot-batch',
      'asg-workers',
      'single-runinstances',
    ]);
    expect(catalog.validTemplates).toHaveLength(7);
    const fleet = catalog.byId.get('fleet-ondemand')?.template;
    expect(fleet).toMatchObject({
      imageId: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      subnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
      instanceTags: { team: 'hpc', 'cost-center': '4711' },
      vmType: 'm5.large',
      fleetType: 'instant',
      enabled: true,
    });
    expect(catalog.byId.get('fleet-mixed')?.template?.vmTypes).toEqual({ 'm5.xlarge': 1, 'm6i.xlarge': 1, 'm5.2xlarge': 2 });
    expect(catalog.byId.get('single-runinstances')?.template?.userDataScript).toBe('./user-data/bootstrap.sh');
    expect(catalog.byId.get('linode-small')?.template?.providerOptions['linode']).toMatchObject({ region: 'us-east', type: 'g6-standard-1' });
    expect(catalog.byId.get('linode-small')?.sources['providerOptions.linode.region']).toEqual({
      level: 'type',
      file: 'linodeprov_templates.json',
      priority: 3,
    });
  });

  it('accepts a bare array and keeps {"templates": [...]} working side by side', async () => {
    const directory = await configDirectory({
      'templates.json': [{ templateId: 'a', maxNumber: 1, attributes }],
      'awsprov_templates.json': { templates: [{ template_id: 'b', max_instances: 2, attributes }] },
    });
    const catalog = await createTemplateLoader({ configDirectory: directory.path, providerInstances: [], env: {} }).load();
    expect(catalog.validTemplates.map((template) => [template.templateId, template.maxNumber])).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
    expect(catalog.files.map((file) => [file.name, file.level, file.present, file.templateCount])).toEqual([
      ['templates.json', 'main', true, 1],
      ['awsprov_templates.json', 'legacy', true, 1],
    ]);
  });
});

describe('createTemplateLoader: the neutral template form', () => {
  it('loads AWS fields from providerOptions.aws as the flat fields, and merges them with flat ones of other files', async () => {
    const directory = await configDirectory({
      // Without a configured AWS instance, awsprov_templates.json is the lowest-priority (legacy) file.
      'awsprov_templates.json': [{ templateId: 'spot', maxNumber: 4, attributes, fleetRole: 'arn:aws:iam::1:role/old', keyName: 'ops', providerApi: 'SpotFleet' }],
      'templates.json': [
        { templateId: 'spot', providerOptions: { aws: { fleetRole: 'arn:aws:iam::1:role/new', spotFleetRequestExpiry: 45, placementGroup: 'pg-1' } } },
      ],
    });
    const catalog = await createTemplateLoader({ configDirectory: directory.path, providerInstances: [], env: {} }).load();
    expect(catalog.problems).toEqual([]);
    const [spot] = catalog.validTemplates;
    expect(spot).toMatchObject({
      templateId: 'spot',
      fleetRole: 'arn:aws:iam::1:role/new',
      spotFleetRequestExpiry: 45,
      keyName: 'ops',
      providerOptions: { aws: { placementGroup: 'pg-1' } },
    });
  });
});

describe('createTemplateLoader: hierarchy and provenance', () => {
  it('resolves the seed "Template Inheritance" example exactly to its final resolved template', async () => {
    const directory = await configDirectory({
      'templates.json': [{ template_id: 'web-server', image_id: 'ami-base', instance_type: 't2.micro', max_instances: 2 }],
      'awsprov_templates.json': [
        { template_id: 'web-server', provider_type: 'aws', provider_api: 'EC2Fleet', instance_type: 't3.small', max_instances: 5 },
      ],
      'aws-us-east-1_templates.json': [
        { template_id: 'web-server', provider_name: 'aws-us-east-1', image_id: 'ami-east-optimized', max_instances: 10 },
      ],
    });
    const finalDirectory = await configDirectory({
      'templates.json': [
        {
          template_id: 'web-server',
          provider_name: 'aws-us-east-1',
          provider_type: 'aws',
          provider_api: 'EC2Fleet',
          image_id: 'ami-east-optimized',
          instance_type: 't3.small',
          max_instances: 10,
        },
      ],
    });
    const resolved = (await createTemplateLoader({ configDirectory: directory.path, providerInstances: [awsEast], env: {} }).load()).byId.get(
      'web-server',
    );
    const expected = (
      await createTemplateLoader({ configDirectory: finalDirectory.path, providerInstances: [awsEast], env: {} }).load()
    ).byId.get('web-server');

    expect(resolved?.template).toEqual(expected?.template);
    expect(resolved?.template).toMatchObject({
      templateId: 'web-server',
      providerName: 'aws-us-east-1',
      providerType: 'aws',
      providerApi: 'EC2Fleet',
      imageId: 'ami-east-optimized',
      vmType: 't3.small',
      maxNumber: 10,
    });
    const instance = { level: 'instance', file: 'aws-us-east-1_templates.json', priority: 3 };
    const type = { level: 'type', file: 'awsprov_templates.json', priority: 2 };
    expect(resolved?.sources).toEqual({
      templateId: instance,
      providerName: instance,
      imageId: instance,
      maxNumber: instance,
      providerType: type,
      providerApi: type,
      vmType: type,
      'attributes.type': { level: 'default', priority: 0 },
      'attributes.ncpus': { level: 'default', priority: 0 },
      'attributes.nram': { level: 'default', priority: 0 },
    });
    expect(resolved?.files).toEqual(['aws-us-east-1_templates.json', 'awsprov_templates.json', 'templates.json']);
    // The seed has no attributes: they are derived, and that is said.
    expect(resolved?.valid).toBe(true);
    expect(resolved?.problems).toEqual([
      expect.objectContaining({ rule: 'derived-attributes', severity: 'warning', file: 'aws-us-east-1_templates.json', templateId: 'web-server' }),
    ]);
  });

  it('merges attributes and provider options key by key, replaces other fields whole, and lets null unset a field', async () => {
    const directory = await configDirectory({
      'templates.json': [
        {
          templateId: 'web',
          maxNumber: 4,
          attributes: { ...attributes, rank: ['Numeric', '1'] },
          keyName: 'base-key',
          subnetId: 'subnet-a,subnet-b',
          instanceTags: 'team=hpc;env=dev',
          providerOptions: { linode: { region: 'us-east', type: 'g6-standard-1' } },
        },
      ],
      'linodeprov_templates.json': [
        {
          templateId: 'web',
          attributes: { ncpus: ['Numeric', '8'], rank: null },
          keyName: null,
          subnetId: 'subnet-c',
          instanceTags: 'env=prod',
          providerOptions: { linode: { region: 'eu-west' } },
        },
      ],
    });
    const resolved = (
      await createTemplateLoader({ configDirectory: directory.path, providerInstances: [{ name: 'linode-main', type: 'linode' }], env: {} }).load()
    ).byId.get('web');
    expect(resolved?.template).toMatchObject({
      attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '8'], nram: ['Numeric', '4096'] },
      subnetIds: ['subnet-c'],
      instanceTags: { env: 'prod' },
      providerOptions: { linode: { region: 'eu-west', type: 'g6-standard-1' } },
    });
    expect(resolved?.template?.attributes.rank).toBeUndefined();
    expect(resolved?.template?.keyName).toBeUndefined();
    expect(resolved?.sources['attributes.ncpus']?.file).toBe('linodeprov_templates.json');
    expect(resolved?.sources['attributes.nram']?.file).toBe('templates.json');
    expect(resolved?.sources['providerOptions.linode.type']?.file).toBe('templates.json');
    expect(resolved?.sources).not.toHaveProperty('keyName');
  });

  it('treats awsprov_templates.json as the lowest-priority legacy file when aws is not configured', async () => {
    const directory = await configDirectory({
      'awsprov_templates.json': [{ templateId: 'web', maxNumber: 1, attributes, imageId: 'ami-legacy', keyName: 'legacy' }],
      'templates.json': [{ templateId: 'web', maxNumber: 9 }],
    });
    const withoutAws = (await createTemplateLoader({ configDirectory: directory.path, providerInstances: [], env: {} }).load()).byId.get('web');
    expect(withoutAws?.template).toMatchObject({ maxNumber: 9, imageId: 'ami-legacy' });
    expect(withoutAws?.sources['imageId']).toEqual({ level: 'legacy', file: 'awsprov_templates.json', priority: 1 });

    const withAws = (await createTemplateLoader({ configDirectory: directory.path, providerInstances: [awsEast], env: {} }).load()).byId.get('web');
    expect(withAws?.template?.maxNumber).toBe(1);
    expect(withAws?.sources['maxNumber']?.level).toBe('type');
  });

  it('warns when a template is defined in two provider-instance files; the first configured instance wins', async () => {
    const directory = await configDirectory({
      'aws-us-east-1_templates.json': [{ templateId: 'web', maxNumber: 1, attributes }],
      'aws-us-west-2_templates.json': [{ templateId: 'web', maxNumber: 2, attributes }],
    });
    const resolved = (
      await createTemplateLoader({
        configDirectory: directory.path,
        providerInstances: [awsEast, { name: 'aws-us-west-2', type: 'aws' }],
        env: {},
      }).load()
    ).byId.get('web');
    expect(resolved?.template?.maxNumber).toBe(1);
    expect(resolved?.problems.map((problem) => problem.rule)).toEqual(['ambiguous-instance-files']);
  });
});

describe('createTemplateLoader: problems', () => {
  it('keeps the other files working when one is not JSON, and reports the broken file and its templates', async () => {
    const directory = await configDirectory({
      'templates.json': [
        { templateId: 'good', maxNumber: 1, attributes },
        { templateId: 'shared', maxNumber: 1, attributes },
      ],
    });
    await directory.writeText('awsprov_templates.json', '{"templates": [\n  {"templateId": "shared", "maxNumber": 3},\n  {"templateId": "only-here" "maxNumber": 2}\n]}');
    const catalog = await createTemplateLoader({ configDirectory: directory.path, providerInstances: [awsEast], env: {} }).load();

    expect(catalog.byId.get('good')?.valid).toBe(true);
    const shared = catalog.byId.get('shared');
    expect(shared?.valid).toBe(false);
    expect(shared?.template?.maxNumber).toBe(1);
    expect(shared?.problems).toEqual([
      expect.objectContaining({ rule: 'broken-source-file', file: 'awsprov_templates.json', templateId: 'shared', severity: 'error' }),
    ]);
    const onlyHere = catalog.byId.get('only-here');
    expect(onlyHere).toMatchObject({ valid: false, files: ['awsprov_templates.json'] });
    expect(onlyHere?.template).toBeUndefined();
    const fileProblem = catalog.problems.find((problem) => problem.rule === 'invalid-json');
    expect(fileProblem).toMatchObject({ file: 'awsprov_templates.json', severity: 'error' });
    expect(fileProblem?.message).toMatch(/line 3/);
    expect(catalog.files.find((file) => file.name === 'awsprov_templates.json')).toMatchObject({ present: true, broken: true });
    expect(catalog.validTemplates.map((template) => template.templateId)).toEqual(['good']);
  });

  it('reports a file of the wrong shape and a record without id, and names file, template and field for schema errors', async () => {
    const directory = await configDirectory({
      'templates.json': [
        { templateId: 'web', maxNumber: 'many', attributes },
        { image_id: 'ami-1' },
      ],
      'aws-us-east-1_templates.json': [{ templateId: 'web', priceType: 'cheap' }],
      'awsprov_templates.json': { template: [] },
    });
    const catalog = await createTemplateLoader({ configDirectory: directory.path, providerInstances: [awsEast], env: {} }).load();
    const web = catalog.byId.get('web');
    expect(web?.valid).toBe(false);
    expect(web?.problems.map((problem) => [problem.rule, problem.file, problem.templateId, problem.field])).toEqual([
      ['schema', 'templates.json', 'web', 'maxNumber'],
      ['schema', 'aws-us-east-1_templates.json', 'web', 'priceType'],
    ]);
    expect(catalog.problems.map((problem) => [problem.rule, problem.file, problem.recordIndex])).toEqual(
      expect.arrayContaining([
        ['invalid-file-shape', 'awsprov_templates.json', undefined],
        ['missing-template-id', 'templates.json', 1],
      ]),
    );
  });

  it('reports a required field that no file sets', async () => {
    const directory = await configDirectory({ 'templates.json': [{ templateId: 'web', attributes }] });
    const web = (await createTemplateLoader({ configDirectory: directory.path, providerInstances: [], env: {} }).load()).byId.get('web');
    expect(web?.problems).toEqual([
      expect.objectContaining({ rule: 'schema', field: 'maxNumber', file: 'templates.json', message: 'maxNumber is required but no file sets it.' }),
    ]);
  });

  it('applies the validation level: STRICT fails on warnings, LENIENT only on errors, BASIC reports only critical checks', async () => {
    const directory = await configDirectory({
      'templates.json': [
        { templateId: 'warned', maxNumber: 1, attributes, colour: 'blue' },
        { templateId: 'unpinned', maxNumber: 1, attributes, providerName: 'nowhere' },
        { templateId: 'bad', maxNumber: 1, attributes, imageId: '${MISSING}' },
      ],
    });
    const load = (validationLevel: 'STRICT' | 'LENIENT' | 'BASIC') =>
      createTemplateLoader({ configDirectory: directory.path, providerInstances: [awsEast], env: {}, validationLevel }).load();
    const strict = await load('STRICT');
    const lenient = await load('LENIENT');
    const basic = await load('BASIC');
    expect(strict.validTemplates).toEqual([]);
    expect(strict.byId.get('warned')?.problems[0]).toMatchObject({ rule: 'unknown-field', severity: 'error' });
    expect(lenient.validTemplates.map((template) => template.templateId)).toEqual(['warned', 'unpinned']);
    expect(lenient.byId.get('unpinned')?.problems[0]).toMatchObject({ rule: 'unknown-provider-instance', code: 'PROVIDER_NOT_FOUND', severity: 'warning' });
    expect(basic.byId.get('warned')?.problems).toEqual([]);
    expect(basic.validTemplates.map((template) => template.templateId)).toEqual(['warned', 'unpinned']);
    expect(basic.byId.get('bad')?.problems).toEqual([
      expect.objectContaining({ rule: 'unknown-env-variable', file: 'templates.json', templateId: 'bad', field: 'imageId' }),
    ]);
  });

  it('expands ${ENV} from the injected environment', async () => {
    const directory = await configDirectory({ 'templates.json': [{ templateId: 'web', maxNumber: '${MAX:-3}', attributes, imageId: '${AMI}' }] });
    const web = (await createTemplateLoader({ configDirectory: directory.path, providerInstances: [], env: { AMI: 'ami-42' } }).load()).byId.get('web');
    expect(web?.template).toMatchObject({ imageId: 'ami-42', maxNumber: 3 });
  });

  it('validates templates pinned to an instance against its capabilities on load', async () => {
    const capabilities: ProviderCapabilitiesV1 = {
      apis: ['RunInstances'],
      pricingModels: ['ondemand'],
      fleetTypes: [],
      maxInstancesPerCall: 1000,
      describeBatchSize: 1000,
      supportsStopStart: true,
      supportsDryRun: true,
    };
    const directory = await configDirectory({
      'aws-us-east-1_templates.json': [
        { templateId: 'fleet', maxNumber: 5, attributes, providerName: 'aws-us-east-1', providerApi: 'EC2Fleet', priceType: 'spot' },
      ],
    });
    const fleet = (
      await createTemplateLoader({ configDirectory: directory.path, providerInstances: [{ ...awsEast, capabilities }], env: {} }).load()
    ).byId.get('fleet');
    expect(fleet?.valid).toBe(false);
    expect(fleet?.problems.map((problem) => [problem.code, problem.file, problem.field])).toEqual([
      ['API_NOT_SUPPORTED', 'aws-us-east-1_templates.json', 'providerApi'],
      ['PRICING_MODEL_UNSUPPORTED', 'aws-us-east-1_templates.json', 'priceType'],
    ]);
  });

  it('says so when no template file exists', async () => {
    const directory = await configDirectory();
    const catalog = await createTemplateLoader({ configDirectory: directory.path, providerInstances: [], env: {} }).load();
    expect(catalog.templates).toEqual([]);
    expect(catalog.problems).toEqual([expect.objectContaining({ rule: 'no-template-files', severity: 'warning' })]);
  });
});

describe('createTemplateLoader: cache', () => {
  it('answers an unchanged directory from the merged result and re-reads only the changed file', async () => {
    const directory = await configDirectory({
      'templates.json': [{ templateId: 'web', maxNumber: 1, attributes }],
      'awsprov_templates.json': [{ templateId: 'web', maxNumber: 2 }],
      'aws-us-east-1_templates.json': [{ templateId: 'web', imageId: 'ami-1' }, { templateId: 'other', maxNumber: 1, attributes }],
    });
    const loader = createTemplateLoader({ configDirectory: directory.path, providerInstances: [awsEast], env: {} });
    const first = await loader.load();
    expect(loader.cacheStats).toEqual({ fileHits: 0, fileMisses: 3, catalogHits: 0, catalogMisses: 1 });
    expect(await loader.load()).toBe(first);
    expect(loader.cacheStats).toEqual({ fileHits: 3, fileMisses: 3, catalogHits: 1, catalogMisses: 1 });

    await directory.write('awsprov_templates.json', [{ templateId: 'web', maxNumber: 7 }]);
    const second = await loader.load();
    expect(second.byId.get('web')?.template?.maxNumber).toBe(7);
    expect(loader.cacheStats).toEqual({ fileHits: 5, fileMisses: 4, catalogHits: 1, catalogMisses: 2 });
    // Templates untouched by the changed file are not rebuilt.
    expect(second.byId.get('other')).toBe(first.byId.get('other'));
    expect(second.byId.get('web')).not.toBe(first.byId.get('web'));
  });

  it('notices a same-size rewrite by its modification time, and a deleted file', async () => {
    const directory = await configDirectory({
      'templates.json': [{ templateId: 'web', maxNumber: 1, attributes }],
      'awsprov_templates.json': [{ templateId: 'web', maxNumber: 2 }],
    });
    const loader = createTemplateLoader({ configDirectory: directory.path, providerInstances: [awsEast], env: {} });
    expect((await loader.load()).byId.get('web')?.template?.maxNumber).toBe(2);
    await directory.write('awsprov_templates.json', [{ templateId: 'web', maxNumber: 8 }]);
    const later = new Date(Date.now() + 5_000);
    await utimes(join(directory.path, 'awsprov_templates.json'), later, later);
    expect((await loader.load()).byId.get('web')?.template?.maxNumber).toBe(8);

    const { rm } = await import('node:fs/promises');
    await rm(join(directory.path, 'awsprov_templates.json'));
    expect((await loader.load()).byId.get('web')?.template?.maxNumber).toBe(1);
  });

  it('makes a template valid again once its broken file is fixed', async () => {
    const directory = await configDirectory({ 'templates.json': [{ templateId: 'web', maxNumber: 1, attributes }] });
    await directory.writeText('awsprov_templates.json', '[{"templateId": "web", "maxNumber": 4,');
    const loader = createTemplateLoader({ configDirectory: directory.path, providerInstances: [awsEast], env: {} });
    expect((await loader.load()).byId.get('web')).toMatchObject({ valid: false, files: ['awsprov_templates.json', 'templates.json'] });
    await directory.write('awsprov_templates.json', [{ templateId: 'other', maxNumber: 4, attributes }]);
    const fixed = await loader.load();
    expect(fixed.byId.get('web')).toMatchObject({ valid: true, problems: [], files: ['templates.json'] });
    expect(fixed.validTemplates.map((template) => template.templateId)).toEqual(['web', 'other']);
  });

  it('re-reads everything on refresh and shares one pass between concurrent loads', async () => {
    const directory = await configDirectory({ 'templates.json': [{ templateId: 'web', maxNumber: 1, attributes }] });
    const loader = createTemplateLoader({ configDirectory: directory.path, providerInstances: [], env: {} });
    const [first, second] = await Promise.all([loader.load(), loader.load()]);
    expect(first).toBe(second);
    expect(loader.cacheStats.fileMisses).toBe(1);
    const refreshed = await loader.refresh();
    expect(refreshed).not.toBe(first);
    expect(loader.cacheStats).toMatchObject({ fileMisses: 2, catalogMisses: 2 });
  });
});

describe('loader.validate', () => {
  const capabilities: ProviderCapabilitiesV1 = {
    apis: ['EC2Fleet', 'RunInstances'],
    pricingModels: ['ondemand', 'spot'],
    fleetTypes: ['instant', 'request'],
    maxInstancesPerCall: 1000,
    describeBatchSize: 1000,
    supportsStopStart: true,
    supportsDryRun: true,
  };

  it('combines resolution problems with the checks against a configured instance', async () => {
    const directory = await configDirectory({
      'templates.json': [{ templateId: 'asg', maxNumber: 40, attributes, providerApi: 'ASG', colour: 'red' }],
      'awsprov_templates.json': [{ templateId: 'asg', maxNumber: 30 }],
    });
    const loader = createTemplateLoader({
      configDirectory: directory.path,
      providerInstances: [{ ...awsEast, capabilities, instanceLimit: 100 }],
      env: {},
    });
    const result = await loader.validate('asg', { providerInstance: 'aws-us-east-1', requestedCount: 31 });
    expect(result.valid).toBe(false);
    expect(result.problems.map((problem) => [problem.rule, problem.file, problem.field])).toEqual([
      ['unknown-field', 'templates.json', 'colour'],
      ['api-not-supported', 'templates.json', 'providerApi'],
      ['instance-limit-exceeded', 'awsprov_templates.json', 'maxNumber'],
    ]);
    expect((await loader.validate('asg', { level: 'BASIC', providerInstance: 'aws-us-east-1' })).problems.map((problem) => problem.rule)).toEqual([
      'api-not-supported',
    ]);
  });

  it('answers TEMPLATE_NOT_FOUND and PROVIDER_NOT_FOUND with details', async () => {
    const directory = await configDirectory({ 'templates.json': [{ templateId: 'web', maxNumber: 1, attributes }] });
    const loader = createTemplateLoader({ configDirectory: directory.path, providerInstances: [awsEast], env: {} });
    await expect(loader.validate('nope')).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
    await expect(loader.validate('web', { providerInstance: 'aws-invalid' })).rejects.toMatchObject({
      code: 'PROVIDER_NOT_FOUND',
      details: { requested_provider: 'aws-invalid', available_providers: ['aws-us-east-1'] },
    });
    expect((await loader.validate('web', { providerInstance: 'aws-us-east-1' })).valid).toBe(true);
  });
});
