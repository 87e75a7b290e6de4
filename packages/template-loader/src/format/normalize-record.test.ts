import { describe, expect, it } from 'vitest';
import { flattenFields } from '../merge/field-paths.js';
import { normalizeRecord } from './normalize-record.js';

const context = { file: 'templates.json', recordIndex: 0 };

function entriesOf(raw: unknown, environment?: Record<string, string>) {
  const result = normalizeRecord(raw, { ...context, environment });
  return { entries: Object.fromEntries(flattenFields(result.record?.fields ?? {})), problems: result.problems, record: result.record };
}

describe('normalizeRecord', () => {
  it('reads the Host Factory camelCase variants into domain values', () => {
    const { entries, problems } = entriesOf({
      templateId: 'fleet',
      maxNumber: 50,
      attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', 2], nram: ['Numeric', '8192'] },
      imageId: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      subnetId: 'subnet-a, subnet-b',
      securityGroupIds: 'sg-1',
      vmTypes: { 'm5.xlarge': 1, 'm5.2xlarge': '2' },
      instanceTags: 'team=hpc;cost-center=4711',
      maxSpotPrice: 0.2,
      userDataScript: './user-data/bootstrap.sh',
    });
    expect(problems).toEqual([]);
    expect(entries).toEqual({
      templateId: 'fleet',
      maxNumber: 50,
      'attributes.type': ['String', 'X86_64'],
      'attributes.ncpus': ['Numeric', '2'],
      'attributes.nram': ['Numeric', '8192'],
      imageId: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupIds: ['sg-1'],
      vmTypes: { 'm5.xlarge': 1, 'm5.2xlarge': 2 },
      instanceTags: { team: 'hpc', 'cost-center': '4711' },
      maxSpotPrice: '0.2',
      userDataScript: './user-data/bootstrap.sh',
    });
  });

  it('reads the seed snake_case names into the same fields', () => {
    const { entries, problems } = entriesOf({
      template_id: 'explicit-aws-east',
      provider_name: 'aws-us-east-1',
      provider_type: 'aws',
      provider_api: 'EC2Fleet',
      image_id: 'ami-12345',
      subnet_ids: ['subnet-123'],
      max_instances: 5,
      instance_type: 't3.small',
      price_type: 'spot',
      provider_options: { aws: { placement: 'cluster' } },
    });
    expect(problems).toEqual([]);
    expect(entries).toEqual({
      templateId: 'explicit-aws-east',
      providerName: 'aws-us-east-1',
      providerType: 'aws',
      providerApi: 'EC2Fleet',
      imageId: 'ami-12345',
      subnetIds: ['subnet-123'],
      maxNumber: 5,
      vmType: 't3.small',
      priceType: 'spot',
      'providerOptions.aws.placement': 'cluster',
    });
  });

  it('expands ${ENV}, keeps what was written, and names file, template and field for unknown variables', () => {
    const { entries, problems, record } = entriesOf(
      { templateId: 't', imageId: '${AMI}', maxNumber: '${MAX}', providerOptions: { linode: { region: '${REGION}' } } },
      { AMI: 'ami-9', MAX: '12' },
    );
    expect(entries).toMatchObject({ imageId: 'ami-9', maxNumber: 12, 'providerOptions.linode.region': '${REGION}' });
    expect(record?.rawValues?.get('imageId')).toBe('${AMI}');
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'unknown-env-variable',
        severity: 'error',
        file: 'templates.json',
        templateId: 't',
        field: 'providerOptions.linode.region',
        message: expect.stringContaining('${REGION}'),
      }),
    ]);
  });

  it('leaves ${…} alone without an environment', () => {
    expect(entriesOf({ templateId: 't', imageId: '${AMI}' }).entries['imageId']).toBe('${AMI}');
  });

  it('turns null into an unset marker, for a field or a whole keyed map', () => {
    const { entries } = entriesOf({ templateId: 't', keyName: null, attributes: { rank: null }, providerOptions: null });
    expect(entries).toEqual({ templateId: 't', keyName: null, 'attributes.rank': null, providerOptions: null });
  });

  it('warns about unknown and doubly spelled fields, and rejects malformed values', () => {
    const { entries, problems } = entriesOf({
      templateId: 't',
      vmType: 't3.small',
      instance_type: 't3.large',
      colour: 'blue',
      instanceTags: 'team',
    });
    expect(entries['vmType']).toBe('t3.small');
    expect(entries).not.toHaveProperty('instanceTags');
    expect(problems.map((problem) => [problem.rule, problem.severity, problem.field])).toEqual([
      ['duplicate-field', 'warning', 'vmType'],
      ['unknown-field', 'warning', 'colour'],
      ['invalid-value', 'error', 'instanceTags'],
    ]);
  });

  it('reports records without a template id and records that are not objects', () => {
    expect(entriesOf({ image_id: 'ami-1' }).problems).toEqual([
      expect.objectContaining({ rule: 'missing-template-id', file: 'templates.json', recordIndex: 0, field: 'templateId' }),
    ]);
    expect(entriesOf(['not', 'an', 'object']).problems[0]?.rule).toBe('invalid-record');
  });
});
