import { TemplateSchema } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../__fixtures__/config-directory.js';
import { validateTemplate } from '../validation/validate-template.js';
import { toHostFactoryTemplate } from './to-host-factory-template.js';

describe('toHostFactoryTemplate', () => {
  it('renders the getAvailableTemplates entry of the contract', () => {
    const template = TemplateSchema.parse({
      templateId: 'web-server',
      maxNumber: 10,
      attributes: { nram: ['Numeric', '4096'], rank: ['Numeric', '0'], type: ['String', 'X86_64'], ncpus: ['Numeric', '2'] },
      imageId: 'ami-0123',
      vmType: 't3.small',
      priceType: 'ondemand',
      instanceTags: { team: 'hpc', env: 'prod' },
      subnetIds: ['subnet-a'],
      userData: 'secret bootstrap',
      providerOptions: { aws: { placement: 'x' } },
    });
    const rendered = toHostFactoryTemplate(template);
    expect(rendered).toEqual({
      templateId: 'web-server',
      maxNumber: 10,
      attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'], rank: ['Numeric', '0'] },
      imageId: 'ami-0123',
      vmType: 't3.small',
      priceType: 'ondemand',
      subnetId: 'subnet-a',
      instanceTags: 'team=hpc;env=prod',
    });
    expect(Object.keys(rendered.attributes)).toEqual(['type', 'ncpus', 'nram', 'rank']);
  });

  it('round-trips every contract example: rendering and reading again gives the same Template', async () => {
    const file = (await readFixture('awsprov_templates.json')) as { templates: unknown[] };
    for (const raw of file.templates) {
      const template = validateTemplate(raw).template;
      expect(template).toBeDefined();
      const rendered = toHostFactoryTemplate(template!);
      expect(validateTemplate(rendered).template).toEqual(template);
    }
    const mixed = validateTemplate(file.templates[1]).template!;
    expect(toHostFactoryTemplate(mixed)).toMatchObject({
      subnetId: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
      vmTypes: { 'm5.xlarge': 1, 'm6i.xlarge': 1, 'm5.2xlarge': 2 },
      percentOnDemand: 30,
      maxSpotPrice: '0.20',
    });
  });
});
