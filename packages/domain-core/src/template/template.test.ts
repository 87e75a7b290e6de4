import { ProviderTemplateV1Schema } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { allowsCount, availableNumberOf, formatInstanceTags, instanceTypesOf, parseInstanceTags, TemplateSchema } from './template.js';

const attributes = { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] };

describe('Template', () => {
  it('parses the persisted form with defaults for lists, tags and options', () => {
    const template = TemplateSchema.parse({ templateId: 'web-server', maxNumber: 10, attributes });
    expect(template).toMatchObject({ enabled: true, subnetIds: [], securityGroupIds: [], instanceTags: {}, providerOptions: {} });
  });

  it.each([
    [{ templateId: 'has space', maxNumber: 1, attributes }, 'templateId'],
    [{ templateId: 'x'.repeat(65), maxNumber: 1, attributes }, 'templateId'],
    [{ templateId: 'web', maxNumber: -2, attributes }, 'maxNumber'],
    [{ templateId: 'web', maxNumber: 1, attributes, percentOnDemand: 120 }, 'percentOnDemand'],
    [{ templateId: 'web', maxNumber: 1, attributes, vmTypes: { 'm5.large': 0 } }, 'vmTypes'],
    [{ templateId: 'web', maxNumber: 1, attributes, maxSpotPrice: 'cheap' }, 'maxSpotPrice'],
  ])('rejects %j naming %s', (input, field) => {
    const parsed = TemplateSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path[0]).toBe(field);
  });

  it('treats maxNumber -1 as unlimited', () => {
    expect(allowsCount({ maxNumber: -1 }, 1_000_000)).toBe(true);
    expect(allowsCount({ maxNumber: 3 }, 3)).toBe(true);
    expect(allowsCount({ maxNumber: 3 }, 4)).toBe(false);
    expect(availableNumberOf({ maxNumber: -1 }, 500)).toBe(-1);
    expect(availableNumberOf({ maxNumber: 10 }, 4)).toBe(6);
    expect(availableNumberOf({ maxNumber: 10 }, 12)).toBe(0);
  });

  it('gives vmTypes weights precedence over a single vmType', () => {
    expect(instanceTypesOf({ vmType: 't3.small' })).toEqual({ 't3.small': 1 });
    expect(instanceTypesOf({ vmType: 't3.small', vmTypes: { 'm5.large': 2 } })).toEqual({ 'm5.large': 2 });
    expect(instanceTypesOf({})).toEqual({});
  });

  it('round-trips the Host Factory "k=v;k2=v2" tag string and rejects malformed entries', () => {
    const tags = parseInstanceTags(' team=hpc ; cost-center=4711;');
    expect(tags).toEqual({ team: 'hpc', 'cost-center': '4711' });
    expect(formatInstanceTags(tags)).toBe('team=hpc;cost-center=4711');
    expect(() => parseInstanceTags('team')).toThrow(/key=value/);
  });
});

describe('TemplateSchema and the provider spec', () => {
  it('has every field of the spec’s template, in the spec’s order, after the domain’s own fields', () => {
    const specFields = Object.keys(ProviderTemplateV1Schema.shape).filter((field) => !['templateId', 'maxNumber', 'attributes'].includes(field));
    expect(Object.keys(TemplateSchema.shape)).toEqual([
      'templateId',
      'maxNumber',
      'attributes',
      'enabled',
      'description',
      'providerType',
      'providerName',
      'organizationId',
      ...specFields,
      'userDataScript',
    ]);
  });

  it('is stricter than the spec where storage needs it', () => {
    const template = { templateId: 'web', maxNumber: 2, attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1024'] } };
    expect(ProviderTemplateV1Schema.safeParse({ ...template, spotFleetRequestExpiry: 1.5 }).success).toBe(true);
    expect(TemplateSchema.safeParse({ ...template, spotFleetRequestExpiry: 1.5 }).success).toBe(false);
    expect(TemplateSchema.safeParse({ ...template, priceType: 'reserved' }).success).toBe(false);
    expect(TemplateSchema.parse({ ...template, fleetRole: 'arn:aws:iam::1:role/fleet' }).fleetRole).toBe('arn:aws:iam::1:role/fleet');
  });
});
