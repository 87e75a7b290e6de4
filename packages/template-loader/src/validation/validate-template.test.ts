import type { ProviderCapabilitiesV1 } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { validateTemplate } from './validate-template.js';

const attributes = { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] };
const spotOnly: ProviderCapabilitiesV1 = {
  apis: ['SpotFleet', 'RunInstances'],
  pricingModels: ['spot'],
  fleetTypes: ['request'],
  maxInstancesPerCall: 1000,
  describeBatchSize: 1000,
  supportsStopStart: true,
  supportsDryRun: true,
};
const rules = (result: ReturnType<typeof validateTemplate>) => result.problems.map((problem) => `${problem.code}:${problem.field}:${problem.severity}`);

describe('validateTemplate', () => {
  it('accepts a snake_case record and returns the domain Template', () => {
    const result = validateTemplate({ template_id: 'web', max_instances: 3, attributes, instance_type: 't3.small' });
    expect(result).toMatchObject({ valid: true, level: 'LENIENT', template: { templateId: 'web', maxNumber: 3, vmType: 't3.small' } });
  });

  it('reports each capability mismatch with its stable code and field', () => {
    const result = validateTemplate(
      { templateId: 'fleet', maxNumber: 10, attributes, providerApi: 'EC2Fleet', priceType: 'ondemand', fleetType: 'maintain' },
      { capabilities: spotOnly, providerInstance: { name: 'aws-spot', type: 'aws' }, requestedCount: 11 },
    );
    expect(result.valid).toBe(false);
    expect(rules(result)).toEqual([
      'API_NOT_SUPPORTED:providerApi:error',
      'PRICING_MODEL_UNSUPPORTED:priceType:error',
      'FLEET_TYPE_INCOMPATIBLE:fleetType:error',
      'INSTANCE_LIMIT_EXCEEDED:maxNumber:error',
    ]);
    expect(result.errors[0]?.message).toBe('"aws-spot" does not support providerApi "EC2Fleet" (supported: SpotFleet, RunInstances).');
    expect(result.problems.every((problem) => problem.file === '(input)' && problem.templateId === 'fleet')).toBe(true);
  });

  it('checks the instance quota: a request above it fails, a template allowing more only warns', () => {
    const template = { templateId: 'web', maxNumber: -1, attributes };
    expect(rules(validateTemplate(template, { instanceLimit: 20 }))).toEqual(['INSTANCE_LIMIT_EXCEEDED:maxNumber:warning']);
    expect(rules(validateTemplate(template, { instanceLimit: 20, requestedCount: 21 }))).toEqual(['INSTANCE_LIMIT_EXCEEDED:maxNumber:error']);
    expect(validateTemplate(template, { instanceLimit: 20, requestedCount: 20 }).valid).toBe(true);
  });

  it('flags fleet types the API cannot have, and contradicting fields as warnings', () => {
    const result = validateTemplate({
      templateId: 'spot',
      maxNumber: 1,
      attributes,
      providerApi: 'SpotFleet',
      fleetType: 'instant',
      vmType: 'c5.large',
      vmTypes: { 'c5.large': 1 },
      percentOnDemand: 20,
      priceType: 'spot',
    });
    expect(rules(result)).toEqual([
      'VALIDATION_ERROR:vmTypes:warning',
      'VALIDATION_ERROR:percentOnDemand:warning',
      'FLEET_TYPE_INCOMPATIBLE:fleetType:error',
    ]);
    expect(rules(validateTemplate({ templateId: 'r', maxNumber: 1, attributes, providerApi: 'RunInstances', fleetType: 'request' }))).toEqual([
      'FLEET_TYPE_INCOMPATIBLE:fleetType:error',
    ]);
  });

  it('accepts requirements instead of a size, warns when a size is given too, and rejects unknown requirement keys', () => {
    const sized = validateTemplate({ templateId: 'sized', maxNumber: 3, attributes, requirements: { vcpus: '2', memory_gb: 4 } });
    expect(sized).toMatchObject({ valid: true, template: { requirements: { vcpus: 2, memoryGb: 4 } } });
    expect(sized.problems).toEqual([]);
    const both = validateTemplate({ templateId: 'both', maxNumber: 3, attributes, vmType: 't3.small', requirements: { vcpus: 2, memoryGb: 4 } });
    expect(rules(both)).toEqual(['VALIDATION_ERROR:requirements:warning']);
    const misspelt = validateTemplate({ templateId: 'typo', maxNumber: 3, attributes, requirements: { vcpus: 2, memoryGb: 4, maxPrice: 0.1 } });
    expect(misspelt.valid).toBe(false);
  });

  it('reports a template pinned to another instance or type, and names configured instances', () => {
    const result = validateTemplate(
      { templateId: 'web', maxNumber: 1, attributes, providerName: 'aws-us-west-2', providerType: 'linode' },
      { providerInstance: { name: 'aws-us-east-1', type: 'aws' }, knownProviderInstances: [{ name: 'aws-us-east-1', type: 'aws' }] },
    );
    expect(rules(result)).toEqual([
      'PROVIDER_NOT_FOUND:providerName:warning',
      'PROVIDER_NOT_FOUND:providerType:warning',
      'VALIDATION_ERROR:providerName:error',
      'VALIDATION_ERROR:providerType:error',
    ]);
  });

  it('applies the levels: STRICT promotes warnings, BASIC keeps only critical problems', () => {
    const input = { templateId: 'web', maxNumber: 1, attributes, colour: 'red', providerApi: 'EC2Fleet', priceType: 'ondemand' };
    const options = { capabilities: spotOnly };
    expect(validateTemplate(input, { ...options, level: 'LENIENT' }).warnings.map((problem) => problem.rule)).toEqual(['unknown-field']);
    const strict = validateTemplate(input, { ...options, level: 'STRICT' });
    expect(strict.warnings).toEqual([]);
    expect(strict.errors.map((problem) => problem.rule)).toEqual(['unknown-field', 'api-not-supported', 'pricing-model-unsupported']);
    const basic = validateTemplate(input, { ...options, level: 'BASIC' });
    expect(basic.problems.map((problem) => problem.rule)).toEqual(['api-not-supported']);
    expect(validateTemplate({ templateId: 'web', maxNumber: 1, attributes, colour: 'red' }, { level: 'BASIC' }).valid).toBe(true);
  });

  it('names the file that set a field when given the sources of a resolved template', () => {
    const result = validateTemplate(
      { templateId: 'web', maxNumber: 1, attributes, providerApi: 'EC2Fleet' },
      { capabilities: spotOnly, sources: { providerApi: { level: 'instance', file: 'aws-us-east-1_templates.json', priority: 4 } } },
    );
    expect(result.errors[0]?.file).toBe('aws-us-east-1_templates.json');
  });

  it('rejects what cannot be built and does not read the environment unless asked', () => {
    expect(validateTemplate({ templateId: 'bad id!', maxNumber: 1, attributes })).toMatchObject({ valid: false, errors: [{ rule: 'schema', field: 'templateId' }] });
    expect(validateTemplate({ templateId: 'web', maxNumber: 1, attributes, imageId: '${HOME}' }).template?.imageId).toBe('${HOME}');
    expect(validateTemplate('nope').errors[0]?.rule).toBe('invalid-record');
  });
});
