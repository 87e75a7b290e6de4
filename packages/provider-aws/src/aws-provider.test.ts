import { CreateFleetCommand, DescribeInstanceTypesCommand, DescribeInstancesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DescribeAccountLimitsCommand } from '@aws-sdk/client-auto-scaling';
import { OHF_TAG_KEYS, ProviderRegistry } from '@ohf/provider-sdk';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAwsCloud, awsError } from './test-support/index.js';
import { FIXED_NOW, SUBNETS, createRequest, inputsOf, template, testProvider } from './test-support/provider-fixtures.js';
import { awsProviderDefinition, createAwsProvider } from './aws-provider.js';
import { AwsProviderSettingsSchema } from './aws-settings.js';
import { clientToken } from './tags/aws-tags.js';

const cloud = new FakeAwsCloud();
beforeEach(() => cloud.reset());
afterAll(() => cloud.restore());

describe('settings', () => {
  it('fills every default of the seed configuration', () => {
    expect(AwsProviderSettingsSchema.parse({ region: 'us-east-1' })).toMatchSnapshot();
  });

  it('names the field of invalid settings', () => {
    expect(() => createAwsProvider({ region: 'us-east-1', handlers: { run_instances: { max_instances_per_call: 0 } } })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR', field: 'handlers.run_instances.max_instances_per_call' }),
    );
    expect(() => createAwsProvider({ region: 'us-east-1', role_arn: 'not-an-arn' })).toThrow(expect.objectContaining({ field: 'role_arn' }));
  });

  it('takes the region from the environment, and needs one', () => {
    expect(createAwsProvider({}, { env: { AWS_REGION: 'eu-west-1' } }).region).toBe('eu-west-1');
    expect(() => createAwsProvider({}, { env: {} })).toThrow(expect.objectContaining({ field: 'region' }));
  });

  it('is created through the provider registry from a config block', async () => {
    const registry = new ProviderRegistry();
    registry.register(awsProviderDefinition);
    const provider = await registry.create('aws', { region: 'us-west-2', handlers: { preferred_order: ['RunInstances'] } }, { instanceName: 'aws-us-west-2', env: {} });
    expect(provider).toMatchObject({ providerId: 'aws', instanceName: 'aws-us-west-2', specificationVersion: 'v1' });
    expect(provider.capabilities).toMatchObject({ apis: ['RunInstances', 'EC2Fleet', 'ASG', 'SpotFleet'], describeBatchSize: 1000, supportsDryRun: true });
    await expect(registry.create('aws', { region: 'us-west-2', handlers: { asg: { health_check_type: 'TCP' } } }, { instanceName: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
  });
});

describe('credentials', () => {
  it('assumes role_arn through STS once and signs later calls with the session', async () => {
    const provider = createAwsProvider(
      { region: 'us-east-1', role_arn: 'arn:aws:iam::123456789012:role/ohf', external_id: 'ext-123', role_session_name: 'ohf-test' },
      { instanceName: 'aws-role', env: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'base-secret' }, sleep: async () => {}, now: () => FIXED_NOW },
    );
    // aws-sdk-client-mock replaces `send`, so credentials are resolved here the way the SDK's signer would.
    const ids = cloud.seed(1);
    await provider.describeInstances(ids);
    await provider.describeInstances(ids);
    const ec2Client = cloud.ec2.commandCalls(DescribeInstancesCommand)[0]?.thisValue as { config: { credentials: () => Promise<Record<string, unknown>> } };
    const first = await ec2Client.config.credentials();
    const second = await ec2Client.config.credentials();
    expect(first).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', sessionToken: 'session-for-ohf-test' });
    expect(second).toMatchObject({ accessKeyId: 'ASIAEXAMPLE' });
    expect(inputsOf(cloud.sts, AssumeRoleCommand)).toEqual([
      { RoleArn: 'arn:aws:iam::123456789012:role/ohf', RoleSessionName: 'ohf-test', DurationSeconds: 3600, ExternalId: 'ext-123' },
    ]);
  });

  it('sends every service to the endpoint override (emulators)', async () => {
    const provider = createAwsProvider({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' }, { env: {}, sleep: async () => {} });
    await provider.describeInstances(cloud.seed(1));
    const client = cloud.ec2.commandCalls(DescribeInstancesCommand)[0]?.thisValue as { config: { endpoint: () => Promise<{ hostname: string; port: number }> } };
    await expect(client.config.endpoint()).resolves.toMatchObject({ hostname: '127.0.0.1', port: 4566 });
  });
});

describe('idempotency', () => {
  it('derives ClientTokens from the request, the try and the batch, never longer than 64 characters', () => {
    expect(clientToken('req-00000000-0000-4000-8000-000000000001', 1, 'fleet')).toBe('req-00000000-0000-4000-8000-000000000001-a1-fleet');
    const long = clientToken(`req-${'x'.repeat(80)}`, 2, 'run', 'spot', 3);
    expect(long).toMatch(/^ohf-[0-9a-f]{60}$/);
    expect(clientToken(`req-${'x'.repeat(80)}`, 2, 'run', 'spot', 3)).toBe(long);
    expect(clientToken(`req-${'x'.repeat(80)}`, 3, 'run', 'spot', 3)).not.toBe(long);
  });

  it('a later try of a request counts the machines earlier tries created and launches only the rest', async () => {
    const provider = testProvider();
    cloud.limitCapacity(2);
    const first = await provider.createInstances(createRequest(template({ providerApi: 'RunInstances' }), 3, 'req-topup'));
    expect(first.instances).toHaveLength(2);
    cloud.limitCapacity(10);
    const second = await provider.createInstances(createRequest(template({ providerApi: 'RunInstances' }), 3, 'req-topup', 2));
    expect(second.instances).toHaveLength(3);
    expect(second.providerMetadata).toMatchObject({ foundExisting: 2 });
    expect((inputsOf(cloud.ec2, RunInstancesCommand) as Array<{ MaxCount: number }>).map((call) => call.MaxCount)).toEqual([3, 1]);
    const tagged = await provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: 'req-topup' });
    expect(tagged).toHaveLength(3);
  });

  it('a fresh request sends no DescribeInstances before CreateFleet; only a later try looks for what earlier tries created', async () => {
    const provider = testProvider();
    const operations = (): string[] => cloud.ec2.calls().map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''));
    await provider.createInstances(createRequest(template({ providerApi: 'EC2Fleet' }), 2, 'req-fresh'));
    expect(operations()).toEqual(['CreateLaunchTemplateVersion', 'CreateLaunchTemplate', 'CreateFleet']);
    cloud.ec2.resetHistory();
    await provider.createInstances(createRequest(template({ providerApi: 'EC2Fleet' }), 3, 'req-fresh', 2));
    expect(operations()).toEqual(['DescribeInstances', 'CreateLaunchTemplateVersion', 'CreateFleet']);
    expect(inputsOf(cloud.ec2, CreateFleetCommand)).toEqual([expect.objectContaining({ TargetCapacitySpecification: expect.objectContaining({ TotalTargetCapacity: 1 }) })]);
  });
});

describe('health, catalog and metrics', () => {
  it('reports region, account and latency from STS, EC2 and Auto Scaling', async () => {
    const health = await testProvider().healthCheck();
    expect(health).toMatchObject({
      status: 'healthy',
      checkedAt: '2025-01-01T00:00:00.000Z',
      details: { region: 'us-east-1', account: '123456789012', checks: { sts: { ok: true }, ec2: { ok: true }, autoScaling: { ok: true } } },
    });
    expect(inputsOf(cloud.sts, GetCallerIdentityCommand)).toHaveLength(1);
  });

  it('is degraded when a service is unreachable and unhealthy when the credentials fail', async () => {
    cloud.autoScaling.on(DescribeAccountLimitsCommand).rejects(awsError('AccessDenied', 'not allowed', { status: 403, service: 'AutoScaling' }));
    expect(await testProvider().healthCheck()).toMatchObject({ status: 'degraded', message: expect.stringContaining('AutoScaling') });
    cloud.sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired'));
    const unhealthy = await testProvider().healthCheck();
    expect(unhealthy).toMatchObject({ status: 'unhealthy', details: { checks: { sts: { ok: false, error: { code: 'INVALID_CREDENTIALS' } } } } });
  });

  it('lists zones, every page of instance types and own images, cached until cleared', async () => {
    const provider = testProvider();
    expect(await provider.listLocations()).toEqual([
      { id: 'us-east-1a', name: 'us-east-1a', available: true, providerMetadata: { region: 'us-east-1', zoneId: 'use1-az1', zoneType: 'availability-zone' } },
      { id: 'us-east-1b', name: 'us-east-1b', available: false, providerMetadata: { region: 'us-east-1', zoneId: 'use1-az2', zoneType: 'availability-zone' } },
    ]);
    const sizes = await provider.listSizes();
    expect(sizes.map((size) => [size.id, size.vcpus, size.memoryMiB, size.hourlyPriceUsd, size.spotHourlyPriceUsd])).toEqual([
      ['m5.large', 2, 8192, 0.096, 0.0387],
      ['c5.2xlarge', 8, 16384, 0.34, 0.1481],
    ]);
    await provider.listSizes();
    expect(inputsOf(cloud.ec2, DescribeInstanceTypesCommand)).toHaveLength(2);
    expect(await provider.listImages()).toEqual([
      expect.objectContaining({ id: 'ami-0123456789abcdef0', name: 'hpc-base-2025', distribution: 'Linux/UNIX', osFamily: 'linux' }),
    ]);
    provider.clearCaches();
    await provider.listSizes();
    expect(inputsOf(cloud.ec2, DescribeInstanceTypesCommand)).toHaveLength(4);
  });

  it('publishes request figures to CloudWatch when enabled, and never fails the request over it', async () => {
    const provider = testProvider({ cloudwatch: { enabled: true, namespace: 'HPC/OHF' } });
    await provider.createInstances(createRequest(template({ providerApi: 'RunInstances' }), 2));
    expect(inputsOf(cloud.cloudWatch, PutMetricDataCommand)).toMatchSnapshot();
    cloud.cloudWatch.on(PutMetricDataCommand).rejects(awsError('AccessDenied', 'no cloudwatch:PutMetricData', { status: 403 }));
    await expect(provider.createInstances(createRequest(template({ providerApi: 'RunInstances' }), 1, 'req-2'))).resolves.toMatchObject({
      instances: [expect.anything()],
    });
  });

  it('counts a create that failed as failures in CloudWatch and logs finished creates', async () => {
    const lines: Array<[object, string | undefined]> = [];
    const log = (data: object, message?: string) => lines.push([data, message]);
    const provider = createAwsProvider(
      { region: 'us-east-1', cloudwatch: { enabled: true } },
      { instanceName: 'aws-us-east-1', env: {}, logger: { debug: log, info: log, warn: log, error: log }, sleep: async () => {}, now: () => FIXED_NOW },
    );
    await provider.createInstances(createRequest(template({ providerApi: 'RunInstances' }), 1, 'req-ok'));
    expect(lines).toContainEqual([expect.objectContaining({ requestId: 'req-ok', api: 'RunInstances', created: 1, failed: 0 }), 'AWS create finished']);
    cloud.ec2.on(RunInstancesCommand).rejects(awsError('VcpuLimitExceeded', 'You have requested more vCPU capacity than your current vCPU limit of 32 allows.'));
    await expect(provider.createInstances(createRequest(template({ providerApi: 'RunInstances' }), 4, 'req-quota'))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    const last = inputsOf(cloud.cloudWatch, PutMetricDataCommand).at(-1) as { MetricData: Array<{ MetricName: string; Value: number }> };
    expect(last.MetricData.map((datum) => [datum.MetricName, datum.Value])).toEqual([
      ['Requests', 1],
      ['Machines', 0],
      ['Failures', 4],
      ['Latency', 0],
    ]);
  });

  it('sends no metrics unless enabled', async () => {
    await testProvider().createInstances(createRequest(template({ providerApi: 'RunInstances' }), 1));
    expect(inputsOf(cloud.cloudWatch, PutMetricDataCommand)).toEqual([]);
  });
});

describe('validateTemplate', () => {
  it('accepts the Host Factory example templates', async () => {
    const provider = testProvider();
    const examples = [
      template({ providerApi: 'EC2Fleet', fleetType: 'instant', imageId: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64', subnetIds: SUBNETS }),
      template({ providerApi: 'EC2Fleet', fleetType: 'request', vmType: undefined, vmTypes: { 'm5.xlarge': 1, 'm5.2xlarge': 2 }, priceType: 'heterogeneous', percentOnDemand: 30, allocationStrategy: 'priceCapacityOptimized', maxSpotPrice: '0.20' }),
      template({ providerApi: 'SpotFleet', priceType: 'spot', fleetRole: 'arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role', allocationStrategy: 'capacityOptimized', spotFleetRequestExpiry: 30 }),
      template({ providerApi: 'ASG', subnetIds: SUBNETS, vmType: 't3.medium', rootDeviceVolumeSize: 50, volumeType: 'gp3' }),
      template({ providerApi: 'RunInstances', vmType: 't3.micro' }),
    ];
    for (const example of examples) expect((await provider.validateTemplate(example)).errors).toEqual([]);
  });

  it('names the field path of every problem per handler', async () => {
    const provider = testProvider();
    const result = await provider.validateTemplate({
      templateId: 'broken',
      providerApi: 'SpotFleet',
      imageId: 'ubuntu',
      vmTypes: { 'm5.large': 1, huge: 2 },
      priceType: 'spot',
      percentOnDemand: 20,
      fleetType: 'instant',
      subnetIds: ['subnet-0a1b2c3d4e5f60001', 'net-1'],
      securityGroupIds: ['default'],
    });
    expect(result.errors).toMatchSnapshot();
    const asg = await provider.validateTemplate({ templateId: 'asg', providerApi: 'ASG', imageId: 'ami-0123456789abcdef0', vmType: 'm5.large' });
    expect(asg.errors).toEqual([{ field: 'subnetIds', message: 'ASG needs at least one subnet id', code: 'VALIDATION_ERROR' }]);
    const unknown = await provider.validateTemplate({ ...template(), providerApi: 'Batch' });
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'providerApi', code: 'API_NOT_SUPPORTED' })]);
  });

  it('refuses to launch an invalid template before any call', async () => {
    await expect(testProvider().createInstances(createRequest(template({ providerApi: 'SpotFleet' }), 1))).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'fleetRole',
    });
    expect(cloud.calls.size).toBe(0);
  });
});
