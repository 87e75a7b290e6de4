import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@ohf/domain-core';
import { templateFileHierarchy } from './template-file-hierarchy.js';

const names = (files: ReturnType<typeof templateFileHierarchy>) => files.map((file) => `${file.level}:${file.name}:${file.priority}`);

describe('templateFileHierarchy', () => {
  it('orders instance, type, main files and treats awsprov as the AWS type file when aws is configured', () => {
    const files = templateFileHierarchy('/config', [
      { name: 'aws-us-east-1', type: 'aws' },
      { name: 'linode-main', type: 'linode' },
      { name: 'aws-us-west-2', type: 'aws' },
    ]);
    expect(names(files)).toEqual([
      'instance:aws-us-east-1_templates.json:6',
      'instance:linode-main_templates.json:5',
      'instance:aws-us-west-2_templates.json:4',
      'type:awsprov_templates.json:3',
      'type:linodeprov_templates.json:2',
      'main:templates.json:1',
    ]);
    expect(files[0]?.path).toBe('/config/aws-us-east-1_templates.json');
  });

  it('loads awsprov_templates.json as the lowest-priority legacy file when aws is not configured', () => {
    expect(names(templateFileHierarchy('/config', [{ name: 'linode-main', type: 'linode' }]))).toEqual([
      'instance:linode-main_templates.json:4',
      'type:linodeprov_templates.json:3',
      'main:templates.json:2',
      'legacy:awsprov_templates.json:1',
    ]);
    expect(names(templateFileHierarchy('/config', []))).toEqual(['main:templates.json:2', 'legacy:awsprov_templates.json:1']);
  });

  it('adds <HF_PROVIDER_NAME>prov_templates.json, the name IBM gives a provider instance’s templates, below the instance files', () => {
    const files = templateFileHierarchy('/config', [{ name: 'awsinst', type: 'aws' }], { hostFactoryProviderName: 'awsinst' });
    expect(names(files)).toEqual([
      'instance:awsinst_templates.json:4',
      'provider:awsinstprov_templates.json:3',
      'type:awsprov_templates.json:2',
      'main:templates.json:1',
    ]);
    // The same name twice is one file, at its higher priority; a name that could leave the directory is ignored.
    expect(names(templateFileHierarchy('/config', [{ name: 'aws-main', type: 'aws' }], { hostFactoryProviderName: 'aws' }))).toEqual([
      'instance:aws-main_templates.json:3',
      'provider:awsprov_templates.json:2',
      'main:templates.json:1',
    ]);
    expect(names(templateFileHierarchy('/config', [], { hostFactoryProviderName: '../x' }))).toEqual(['main:templates.json:2', 'legacy:awsprov_templates.json:1']);
  });

  it('refuses instance names that could leave the config directory', () => {
    expect(() => templateFileHierarchy('/config', [{ name: '../etc', type: 'aws' }])).toThrow(ConfigurationError);
    expect(() => templateFileHierarchy('/config', [{ name: 'ok', type: 'a/b' }])).toThrow(/cannot name a template file/);
  });
});
