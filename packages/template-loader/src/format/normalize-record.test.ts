import { describe, expect, it } from 'vitest';
import { flattenFields } from '../merge/field-paths.js';
import { normalizeRecord } from './normalize-record.js';

const context = { file: 'templates.json', recordIndex: 0 };

function entriesOf(raw: unknown, environment?: Record<string, string>) {
  const result = normalizeRecord(raw, { ...context, environment });
  return { entries: Object.fromEntries(flattenFields(result.record?.fields ?? {})), problems: result.problems, record: result.record };
}

describe('normalizeRecord', () => {
  it('reads requirements as one field, with quoted numbers and the snake_case keys turned into domain values', () => {
    const { entries, problems } = entriesOf({
      templateId: 'sized',
      maxNumber: 5,
      requirements: { vcpus: '2', memory_gb: 4, architecture: 'x86_64', max_price_hourly: '0.05' },
    });
    expect(problems).toEqual([]);
    expect(entries['requirements']).toEqual({ vcpus: 2, memoryGb: 4, architecture: 'x86_64', maxPriceHourly: 0.05 });
  });

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

  it('normalizes attributes in every form the Host Factory providers write to [kind, value-string]', () => {
    const { entries, problems } = entriesOf({
      templateId: 'forms',
      attributes: {
        type: 'X86_64',
        ncpus: 1,
        nram: ['4096'],
        ncores: ['numeric', 2],
        arch: ['x86_64'],
        rank: 0,
        priceInfo: 'price:0.1,billingTimeUnitType:prorated_hour,billingTimeUnitNumber:1,billingRoundoffType:unit',
        spot: true,
        gpu: ['BOOLEAN', false],
        zone: ['string', 'us-east-1a'],
        mem: '2048',
      },
      spotPrice: 0.0035,
    });
    expect(problems).toEqual([]);
    expect(entries).toEqual({
      templateId: 'forms',
      'attributes.type': ['String', 'X86_64'],
      'attributes.ncpus': ['Numeric', '1'],
      'attributes.nram': ['Numeric', '4096'],
      'attributes.ncores': ['Numeric', '2'],
      'attributes.arch': ['String', 'x86_64'],
      'attributes.rank': ['Numeric', '0'],
      'attributes.priceInfo': ['String', 'price:0.1,billingTimeUnitType:prorated_hour,billingTimeUnitNumber:1,billingRoundoffType:unit'],
      'attributes.spot': ['Boolean', 'true'],
      'attributes.gpu': ['Boolean', 'false'],
      'attributes.zone': ['String', 'us-east-1a'],
      'attributes.mem': ['Numeric', '2048'],
      maxSpotPrice: '0.0035',
    });
  });

  it.each([
    [{ count: 1 }, /"attributes\.ncpus": expected \[kind, value\], \[value\] or a plain value/],
    [[], /"attributes\.ncpus": expected \[kind, value\]/],
    [['Numeric', '1', 'extra'], /"attributes\.ncpus": expected \[kind, value\]/],
    [['Float', '1.5'], /"attributes\.ncpus": the kind "Float" is not String, Numeric or Boolean/],
    [['Numeric', 'two'], /"attributes\.ncpus": "two" is not a number, as the kind Numeric needs/],
    [['Numeric', { value: 2 }], /"attributes\.ncpus": expected \[kind, value\]/],
  ])('reports the attribute %j it cannot use, with the file, the template and the field', (ncpus, message) => {
    const { problems, entries } = entriesOf({ templateId: 'bad', attributes: { type: ['String', 'X86_64'], ncpus, nram: ['Numeric', '1024'] } });
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'invalid-value', severity: 'error', file: 'templates.json', templateId: 'bad', field: 'attributes.ncpus', message: expect.stringMatching(message) }),
    ]);
    expect(entries['attributes.ncpus']).toBeUndefined();
  });

  it('reads the AWS fields of providerOptions.aws (the neutral template form) into the same fields as written flat', () => {
    const { entries, problems } = entriesOf({
      templateId: 'spot',
      providerOptions: {
        aws: { fleetRole: 'arn:aws:iam::1:role/fleet', spot_fleet_request_expiry: '30', subnetIds: 'subnet-a,subnet-b', tenancy: 'dedicated' },
        linode: { region: 'us-east' },
      },
    });
    expect(problems).toEqual([]);
    expect(entries).toEqual({
      templateId: 'spot',
      fleetRole: 'arn:aws:iam::1:role/fleet',
      spotFleetRequestExpiry: 30,
      subnetIds: ['subnet-a', 'subnet-b'],
      'providerOptions.aws.tenancy': 'dedicated',
      'providerOptions.linode.region': 'us-east',
    });
    const onlyFields = normalizeRecord({ templateId: 'spot', providerOptions: { aws: { keyName: 'ops' } } }, context);
    expect(onlyFields.record?.fields).toEqual({ templateId: 'spot', keyName: 'ops', providerOptions: {} });
  });

  it('warns when an AWS field is written both flat and under providerOptions.aws, and keeps the first', () => {
    const { entries, problems } = entriesOf({ templateId: 'spot', keyName: 'flat', providerOptions: { aws: { keyName: 'nested' } } });
    expect(entries).toEqual({ templateId: 'spot', keyName: 'flat' });
    expect(problems).toMatchObject([{ rule: 'duplicate-field', field: 'keyName', severity: 'warning' }]);
    expect(problems[0]?.message).toContain('providerOptions.aws.keyName');
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
