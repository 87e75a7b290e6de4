import { TemplateSchema } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { FAST_PATH_FIELDS, parseTemplateFastPath } from './template-fast-path.js';

const base: Record<string, unknown> = {
  templateId: 'tpl-1',
  maxNumber: 10,
  attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
  providerApi: 'EC2Fleet',
  imageId: 'ami-0123',
  vmType: 'm5.large',
  priceType: 'ondemand',
  subnetIds: ['subnet-1', 'subnet-2'],
  securityGroupIds: ['sg-1'],
  keyName: 'key',
  instanceTags: { team: 'hpc' },
  rootDeviceVolumeSize: 50,
};

const ABSENT = Symbol('absent');
const nonEmptyStrings = ['x', '', 5, null, ABSENT];
const positiveIntegers = [1, 7, 0, -1, 1.5, '1', Number.MAX_SAFE_INTEGER + 1, null, ABSENT];
const weights = [{ a: 1, b: 2.5 }, {}, { a: 0 }, { a: -1 }, { '': 1 }, { a: '1' }, { a: Number.NaN }, { a: Number.POSITIVE_INFINITY }, [], 'a', null, ABSENT];
const lists = [[], ['a'], ['a', 'b'], [''], [5], 'a', null, ABSENT];

/** Valid and invalid values of every field, the boundaries of each rule included. */
const valuesByField: Record<string, readonly unknown[]> = {
  templateId: ['a', 'tpl_1-X', 'a'.repeat(64), 'a'.repeat(65), '', 'has space', 'ünï', 5, null, ABSENT],
  maxNumber: [-1, 0, 1, 2 ** 40, -2, 5.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, '5', null, ABSENT],
  attributes: [
    { nram: ['Numeric', '1'], ncpus: ['Numeric', '1'], type: ['String', 'X86_64'] },
    { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1'], gpu: ['Boolean', 'true'], rank: ['Numeric', '0'] },
    { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1'], priceInfo: ['String', 'x'], toString: ['String', 'x'] },
    Object.assign(Object.create(null) as object, { type: ['String', 'a'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1'] }),
    { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'] },
    { type: ['String', 'X86_64'], ncpus: ['Numeric', 1], nram: ['Numeric', '1'] },
    { type: ['String', 'X86_64'], ncpus: ['Float', '1'], nram: ['Numeric', '1'] },
    { type: ['String', 'X86_64', 'x'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1'] },
    { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1'], rank: undefined },
    { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], nram: ['Numeric', '1'], gpu: 'yes' },
    [],
    null,
    ABSENT,
  ],
  enabled: [true, false, 'true', null, undefined, ABSENT],
  description: ['', 'text', 5, null, ABSENT],
  providerType: nonEmptyStrings,
  providerName: nonEmptyStrings,
  providerApi: nonEmptyStrings,
  imageId: nonEmptyStrings,
  vmType: nonEmptyStrings,
  vmTypes: weights,
  vmTypesOnDemand: weights,
  vmTypesPriority: weights,
  requirements: [
    { vcpus: 2, memoryGb: 4 },
    { vcpus: 0.5, memoryGb: 1, gpus: 0, architecture: 'arm64', maxPriceHourly: 0.05 },
    { maxPriceHourly: 0.1, architecture: 'x86_64', gpus: 1, memoryGb: 8, vcpus: 4 },
    { vcpus: 0, memoryGb: 4 },
    { vcpus: 2 },
    { vcpus: 2, memoryGb: '4' },
    { vcpus: 2, memoryGb: 4, gpus: 1.5 },
    { vcpus: 2, memoryGb: 4, gpus: -1 },
    { vcpus: 2, memoryGb: 4, architecture: '' },
    { vcpus: 2, memoryGb: 4, maxPriceHourly: 0 },
    { vcpus: 2, memoryGb: 4, disk: 10 },
    { vcpus: Number.POSITIVE_INFINITY, memoryGb: 4 },
    [],
    null,
    ABSENT,
  ],
  priceType: ['ondemand', 'spot', 'heterogeneous', 'cheap', '', 5, ABSENT],
  percentOnDemand: [0, 100, 50.5, -1, 101, '50', Number.NaN, null, ABSENT],
  allocationStrategy: ['capacityOptimized', 'lowestPrice', 'priceCapacityOptimized', 'prioritized', 5, ABSENT],
  allocationStrategyOnDemand: ['lowestPrice', 'prioritized', 'diversified', ABSENT],
  subnetIds: lists,
  securityGroupIds: lists,
  keyName: nonEmptyStrings,
  instanceTags: [{}, { a: 'b', c: '' }, { a: 1 }, { '': 'x' }, [], 'a=b', null, undefined, ABSENT],
  userData: ['', 'IyEvYmluL3No', 5, ABSENT],
  userDataScript: ['', '#!/bin/sh', null, ABSENT],
  fleetType: ['instant', 'request', 'maintain', 'burst', ABSENT],
  fleetRole: nonEmptyStrings,
  maxSpotPrice: ['0.5', '1', '10.25', '.5', '1.', 'abc', '-1', 0.5, ABSENT],
  spotFleetRequestExpiry: positiveIntegers,
  poolsCount: positiveIntegers,
  rootDeviceVolumeSize: positiveIntegers,
  volumeType: nonEmptyStrings,
  iops: positiveIntegers,
  instanceProfile: nonEmptyStrings,
  launchTemplateId: nonEmptyStrings,
  providerOptions: [{}, { aws: { region: 'x', nested: { a: 1 } } }, { aws: {} }, { aws: { a: null } }, { aws: null }, { aws: 5 }, { aws: [] }, [], null, ABSENT],
};

function withValue(field: string, value: unknown): Record<string, unknown> {
  const candidate = { ...base };
  if (value === ABSENT) delete candidate[field];
  else candidate[field] = value;
  return candidate;
}

/** The fast path either stays silent or gives exactly what TemplateSchema gives, key order included. */
function expectAgreesWithSchema(candidate: Record<string, unknown>): boolean {
  const fast = parseTemplateFastPath(candidate);
  const schema = TemplateSchema.safeParse(candidate);
  if (fast === undefined) return false;
  expect(schema.success, `the fast path accepted what the schema rejects: ${JSON.stringify(candidate)}`).toBe(true);
  expect(fast).toStrictEqual(schema.data);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
  return true;
}

describe('parseTemplateFastPath', () => {
  it('knows exactly the fields of TemplateSchema, in its order', () => {
    expect(FAST_PATH_FIELDS).toEqual(Object.keys(TemplateSchema.shape));
  });

  it('answers for a usual template, with defaults filled in and containers of its own', () => {
    const fast = parseTemplateFastPath(base);
    expect(fast).toStrictEqual(TemplateSchema.parse(base));
    expect(fast?.enabled).toBe(true);
    expect(fast?.providerOptions).toEqual({});
    expect(fast?.subnetIds).not.toBe(base['subnetIds']);
    expect(fast?.attributes.type).not.toBe((base['attributes'] as Record<string, unknown>)['type']);
    expect(fast?.instanceTags).not.toBe(base['instanceTags']);
  });

  it('never accepts what TemplateSchema rejects, and agrees on everything it accepts', () => {
    let answered = 0;
    const leftToSchema: string[] = [];
    for (const [field, values] of Object.entries(valuesByField)) {
      for (const value of values) {
        const candidate = withValue(field, value);
        if (expectAgreesWithSchema(candidate)) answered += 1;
        else if (TemplateSchema.safeParse(candidate).success) leftToSchema.push(field);
      }
    }
    expect(answered).toBeGreaterThan(100);
    // Valid values it leaves to the schema on purpose: keys present with an undefined value.
    expect(leftToSchema).toEqual(['attributes', 'enabled', 'instanceTags']);
  });

  it('leaves fields the schema would strip, and undefined values, to the schema', () => {
    expect(parseTemplateFastPath({ ...base, bogus: 1 })).toBeUndefined();
    expect(parseTemplateFastPath({ ...base, description: undefined })).toBeUndefined();
    expect(TemplateSchema.safeParse({ ...base, bogus: 1 }).success).toBe(true);
  });

  it('agrees on templates with every field set', () => {
    const full = {
      ...base,
      enabled: false,
      description: 'all fields',
      providerType: 'aws',
      providerName: 'aws-main',
      organizationId: 'acme',
      vmTypes: { 'm5.large': 1 },
      vmTypesOnDemand: { 'm5.large': 1 },
      vmTypesPriority: { 'm5.large': 2 },
      requirements: { vcpus: 2, memoryGb: 4, gpus: 0, architecture: 'x86_64', maxPriceHourly: 0.2 },
      priceType: 'heterogeneous',
      percentOnDemand: 20,
      allocationStrategy: 'diversified',
      allocationStrategyOnDemand: 'prioritized',
      userData: 'x',
      userDataScript: 'y',
      fleetType: 'request',
      fleetRole: 'role',
      maxSpotPrice: '0.1',
      spotFleetRequestExpiry: 30,
      poolsCount: 2,
      volumeType: 'gp3',
      iops: 3000,
      instanceProfile: 'profile',
      launchTemplateId: 'lt-1',
      providerOptions: { aws: { tenancy: 'dedicated' } },
    };
    expect(Object.keys(full).sort()).toEqual([...FAST_PATH_FIELDS].sort());
    expect(expectAgreesWithSchema(full)).toBe(true);
  });
});
