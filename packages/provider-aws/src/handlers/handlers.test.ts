import {
  CreateFleetCommand,
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  RequestSpotFleetCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateAutoScalingGroupCommand, UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import type { ProviderTemplateV1 } from '@ohf/provider-sdk';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAwsCloud } from '../test-support/index.js';
import { SUBNETS, createRequest, inputsOf, template, testProvider } from '../test-support/provider-fixtures.js';

const cloud = new FakeAwsCloud();
beforeEach(() => cloud.reset());
afterAll(() => cloud.restore());

const PRICING: Record<'ondemand' | 'spot' | 'heterogeneous', Partial<ProviderTemplateV1>> = {
  ondemand: { priceType: 'ondemand' },
  spot: { priceType: 'spot', maxSpotPrice: '0.20', allocationStrategy: 'capacityOptimized' },
  heterogeneous: {
    priceType: 'heterogeneous',
    percentOnDemand: 30,
    allocationStrategy: 'priceCapacityOptimized',
    allocationStrategyOnDemand: 'prioritized',
    maxSpotPrice: '0.20',
  },
};

const mixed = (extra: Partial<ProviderTemplateV1>): ProviderTemplateV1 =>
  template({
    vmType: undefined,
    vmTypes: { 'm5.xlarge': 1, 'm5.2xlarge': 2 },
    vmTypesPriority: { 'm5.2xlarge': 1, 'm5.xlarge': 2 },
    subnetIds: SUBNETS,
    ...extra,
  });

describe('EC2Fleet', () => {
  for (const [pricing, fields] of Object.entries(PRICING)) {
    it(`instant fleet, ${pricing}: launch template and CreateFleet bodies`, async () => {
      const provider = testProvider();
      const result = await provider.createInstances(createRequest(mixed({ providerApi: 'EC2Fleet', fleetType: 'instant', ...fields }), 10));
      expect(inputsOf(cloud.ec2, CreateLaunchTemplateCommand)).toMatchSnapshot('CreateLaunchTemplate');
      expect(inputsOf(cloud.ec2, CreateFleetCommand)).toMatchSnapshot('CreateFleet');
      expect(result.pendingCount).toBe(0);
      expect(result.instances.length).toBeGreaterThan(0);
      expect(result.providerMetadata).toMatchObject({ api: 'EC2Fleet', fleetType: 'instant' });
    });
  }

  it('reports the ids of an instant fleet and each override error as a failure', async () => {
    cloud.limitCapacity(3);
    const provider = testProvider();
    const result = await provider.createInstances(createRequest(template({ providerApi: 'EC2Fleet', fleetType: 'instant' }), 5));
    expect(result.instances.map((instance) => instance.id)).toHaveLength(3);
    expect(result.instances[0]).toMatchObject({ state: 'pending', instanceType: 'm5.large', tags: { [OHF_TAG_KEYS.requestId]: 'req-00000000-0000-4000-8000-000000000001', team: 'hpc' } });
    expect(result.failures).toEqual([
      expect.objectContaining({ code: 'INSUFFICIENT_CAPACITY', count: 0, instanceType: 'm5.large', location: SUBNETS[0], retryable: false }),
      expect.objectContaining({ code: 'INSUFFICIENT_CAPACITY', count: 2 }),
    ]);
  });

  it('request fleets return the fleet id; their machines are found by the tags of the launch template version', async () => {
    const provider = testProvider();
    const request = createRequest(template({ providerApi: 'EC2Fleet', fleetType: 'request', spotFleetRequestExpiry: 30 }), 2);
    const result = await provider.createInstances(request);
    expect(result.instances).toEqual([]);
    expect(result.pendingCount).toBe(2);
    expect(result.providerMetadata).toMatchObject({ api: 'EC2Fleet', fleetType: 'request', fleetId: expect.stringMatching(/^fleet-/) });
    const [fleet] = inputsOf(cloud.ec2, CreateFleetCommand) as Array<Record<string, unknown>>;
    expect(fleet).toMatchObject({ Type: 'request', ValidUntil: new Date('2025-01-01T00:30:00Z'), TagSpecifications: [{ ResourceType: 'fleet' }] });
    const found = await provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId });
    expect(found).toHaveLength(2);
    expect(found[0]?.tags).toMatchObject(request.tags);
  });

  it('versions the per-template launch template for later requests, and uses a template\'s own launchTemplateId as is', async () => {
    const provider = testProvider();
    await provider.createInstances(createRequest(template({ providerApi: 'EC2Fleet' }), 1, 'req-a'));
    await provider.createInstances(createRequest(template({ providerApi: 'EC2Fleet' }), 1, 'req-b'));
    expect(inputsOf(cloud.ec2, CreateLaunchTemplateCommand)).toHaveLength(1);
    expect(inputsOf(cloud.ec2, CreateLaunchTemplateVersionCommand)).toEqual([
      // The first request finds no template to add a version to: the one call that fails, once per template.
      expect.objectContaining({ LaunchTemplateName: 'ohf-workers', VersionDescription: 'req-a' }),
      expect.objectContaining({ LaunchTemplateId: expect.stringMatching(/^lt-/), VersionDescription: 'req-b', ClientToken: 'req-b-a1-lt' }),
    ]);
    const fleets = inputsOf(cloud.ec2, CreateFleetCommand) as Array<{ LaunchTemplateConfigs: Array<{ LaunchTemplateSpecification: unknown }> }>;
    expect(fleets.map((fleet) => fleet.LaunchTemplateConfigs[0]?.LaunchTemplateSpecification)).toEqual([
      { LaunchTemplateId: expect.stringMatching(/^lt-/), Version: '1' },
      { LaunchTemplateId: expect.stringMatching(/^lt-/), Version: '2' },
    ]);

    const fresh = testProvider();
    await fresh.createInstances(createRequest(template({ providerApi: 'EC2Fleet' }), 1, 'req-c'));
    // A new process (every CLI run) adds a version by name: no CreateLaunchTemplate failing with "already exists".
    expect(inputsOf(cloud.ec2, CreateLaunchTemplateCommand)).toHaveLength(1);
    expect(inputsOf(cloud.ec2, CreateLaunchTemplateVersionCommand).at(-1)).toEqual(
      expect.objectContaining({ LaunchTemplateName: 'ohf-workers', VersionDescription: 'req-c' }),
    );
    expect(inputsOf(cloud.ec2, CreateLaunchTemplateVersionCommand)).toHaveLength(3);

    await fresh.createInstances(createRequest(template({ providerApi: 'EC2Fleet', launchTemplateId: 'lt-0fedcba9876543210' }), 1, 'req-d'));
    const last = (inputsOf(cloud.ec2, CreateFleetCommand) as Array<{ LaunchTemplateConfigs: Array<{ LaunchTemplateSpecification: unknown }> }>).at(-1);
    expect(last?.LaunchTemplateConfigs[0]?.LaunchTemplateSpecification).toEqual({ LaunchTemplateId: 'lt-0fedcba9876543210', Version: '$Default' });
    expect(inputsOf(cloud.ec2, CreateLaunchTemplateVersionCommand)).toHaveLength(3);
  });

  it('creates the launch template only when adding a version finds none, and a second request in a new process sends no CreateLaunchTemplate', async () => {
    await testProvider().createInstances(createRequest(template({ providerApi: 'EC2Fleet' }), 1, 'req-a'));
    expect(cloud.ec2.calls().map((call) => (call.args[0] as object).constructor.name)).toEqual([
      'CreateLaunchTemplateVersionCommand',
      'CreateLaunchTemplateCommand',
      'CreateFleetCommand',
    ]);
    cloud.ec2.resetHistory();
    await testProvider().createInstances(createRequest(template({ providerApi: 'EC2Fleet' }), 1, 'req-b'));
    expect(cloud.ec2.calls().map((call) => (call.args[0] as object).constructor.name)).toEqual(['CreateLaunchTemplateVersionCommand', 'CreateFleetCommand']);
    const [fleet] = inputsOf(cloud.ec2, CreateFleetCommand) as Array<{ LaunchTemplateConfigs: Array<{ LaunchTemplateSpecification: unknown }> }>;
    expect(fleet?.LaunchTemplateConfigs[0]?.LaunchTemplateSpecification).toEqual({ LaunchTemplateId: expect.stringMatching(/^lt-/), Version: '2' });
  });

  it('resolves SSM image parameters once and reuses the AMI id', async () => {
    const provider = testProvider();
    const ssmTemplate = template({ providerApi: 'EC2Fleet', imageId: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64', rootDeviceVolumeSize: 50, volumeType: 'gp3' });
    await provider.createInstances(createRequest(ssmTemplate, 1, 'req-a'));
    await provider.createInstances(createRequest(ssmTemplate, 1, 'req-b'));
    expect(inputsOf(cloud.ssm, GetParameterCommand)).toEqual([{ Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64' }]);
    const [created] = inputsOf(cloud.ec2, CreateLaunchTemplateCommand) as Array<{ LaunchTemplateData: Record<string, unknown> }>;
    expect(created?.LaunchTemplateData).toMatchObject({
      ImageId: 'ami-0abcdef1234567890',
      BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeSize: 50, VolumeType: 'gp3', DeleteOnTermination: true } }],
    });
  });

  it('plans the exact calls on a dry run and sends none of them', async () => {
    const provider = testProvider();
    const result = await provider.createInstances(
      createRequest(template({ providerApi: 'EC2Fleet', imageId: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64' }), 4),
      { dryRun: true },
    );
    expect(result.plannedCalls?.map((call) => `${call.service}.${call.operation}`)).toEqual(['EC2.CreateLaunchTemplate', 'EC2.CreateFleet']);
    expect(result.plannedCalls).toMatchSnapshot();
    expect([...cloud.calls.keys()]).toEqual([]);
  });
});

describe('SpotFleet', () => {
  for (const [pricing, fields] of Object.entries(PRICING)) {
    it(`RequestSpotFleet body, ${pricing}`, async () => {
      const provider = testProvider();
      const result = await provider.createInstances(
        createRequest(
          mixed({
            providerApi: 'SpotFleet',
            fleetRole: 'arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role',
            spotFleetRequestExpiry: 45,
            poolsCount: 2,
            ...fields,
            ...(pricing === 'spot' ? { allocationStrategy: 'lowestPrice' } : {}),
          }),
          8,
        ),
      );
      expect(inputsOf(cloud.ec2, RequestSpotFleetCommand)).toMatchSnapshot();
      expect(result).toMatchObject({ pendingCount: 8, providerMetadata: { api: 'SpotFleet', spotFleetRequestId: expect.stringMatching(/^sfr-/) } });
    });
  }
});

describe('ASG', () => {
  for (const [pricing, fields] of Object.entries(PRICING)) {
    it(`CreateAutoScalingGroup body, ${pricing}`, async () => {
      const provider = testProvider({ handlers: { asg: { default_max_size: 50 } } });
      const result = await provider.createInstances(createRequest(mixed({ providerApi: 'ASG', ...fields }), 6));
      expect(inputsOf(cloud.autoScaling, CreateAutoScalingGroupCommand)).toMatchSnapshot();
      expect(result).toMatchObject({ pendingCount: 6, providerMetadata: { api: 'ASG', autoScalingGroupName: 'ohf-req-00000000-0000-4000-8000-000000000001' } });
    });
  }

  it('a retried request grows its existing group instead of creating another', async () => {
    const provider = testProvider();
    const asgTemplate = template({ providerApi: 'ASG' });
    await provider.createInstances(createRequest(asgTemplate, 2, 'req-grow'));
    const group = cloud.groups.get('ohf-req-grow');
    if (group) group.desired = 1;
    await provider.createInstances(createRequest(asgTemplate, 2, 'req-grow'));
    expect(inputsOf(cloud.autoScaling, CreateAutoScalingGroupCommand)).toHaveLength(2);
    expect(inputsOf(cloud.autoScaling, UpdateAutoScalingGroupCommand)).toEqual([
      { AutoScalingGroupName: 'ohf-req-grow', DesiredCapacity: 2, MaxSize: 100 },
    ]);
  });
});

describe('RunInstances', () => {
  for (const [pricing, fields] of Object.entries(PRICING)) {
    it(`RunInstances bodies, ${pricing}`, async () => {
      const provider = testProvider({ handlers: { run_instances: { max_instances_per_call: 4 } } });
      const result = await provider.createInstances(
        createRequest(template({ providerApi: 'RunInstances', userData: '#!/bin/sh\necho ready\n', instanceProfile: 'hpc-worker', ...fields }), 6),
      );
      expect(inputsOf(cloud.ec2, RunInstancesCommand)).toMatchSnapshot();
      expect(result.instances).toHaveLength(6);
      expect(result.failures).toEqual([]);
    });
  }

  it('sends batches of max_instances_per_call with MinCount 1 and distinct ClientTokens', async () => {
    const provider = testProvider();
    await provider.createInstances(createRequest(template({ providerApi: 'RunInstances', subnetIds: SUBNETS }), 45));
    const calls = inputsOf(cloud.ec2, RunInstancesCommand) as Array<{ MinCount: number; MaxCount: number; ClientToken: string; SubnetId: string }>;
    expect(calls.map((call) => [call.MinCount, call.MaxCount, call.SubnetId])).toEqual([
      [1, 20, SUBNETS[0]],
      [1, 20, SUBNETS[1]],
      [1, 5, SUBNETS[0]],
    ]);
    expect(new Set(calls.map((call) => call.ClientToken)).size).toBe(3);
    for (const call of calls) expect(call.ClientToken.length).toBeLessThanOrEqual(64);
  });

  it('moves a batch to the next offering on a capacity error and reports what no offering could launch', async () => {
    const provider = testProvider();
    cloud.ec2
      .on(RunInstancesCommand, { SubnetId: SUBNETS[0] })
      .rejects(Object.assign(new Error('We currently do not have sufficient m5.large capacity'), { name: 'InsufficientInstanceCapacity', $metadata: { httpStatusCode: 500, requestId: 'r-1' } }));
    cloud.limitCapacity(3);
    const result = await provider.createInstances(createRequest(template({ providerApi: 'RunInstances', subnetIds: SUBNETS }), 5));
    const calls = inputsOf(cloud.ec2, RunInstancesCommand) as Array<{ SubnetId: string; MaxCount: number }>;
    expect(calls.map((call) => [call.SubnetId, call.MaxCount])).toEqual([
      [SUBNETS[0], 5],
      [SUBNETS[1], 5],
    ]);
    expect(result.instances).toHaveLength(3);
    expect(result.failures).toEqual([
      expect.objectContaining({ code: 'INSUFFICIENT_CAPACITY', count: 0, location: SUBNETS[0], instanceType: 'm5.large' }),
      expect.objectContaining({ code: 'INSUFFICIENT_CAPACITY', count: 2, retryable: false }),
    ]);
  });

  it('throws a validation error naming the field when nothing was launched', async () => {
    const provider = testProvider();
    cloud.ec2
      .on(RunInstancesCommand)
      .rejects(Object.assign(new Error("The image id '[ami-0123456789abcdef0]' does not exist"), { name: 'InvalidAMIID.NotFound', $metadata: { httpStatusCode: 400, requestId: 'aws-req-7' } }));
    await expect(provider.createInstances(createRequest(template({ providerApi: 'RunInstances' }), 2))).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'imageId',
      retryable: false,
      requestId: 'aws-req-7',
    });
  });
});

describe('handler selection', () => {
  it('follows handlers.preferred_order, skipping disabled APIs and APIs the template cannot use', async () => {
    const provider = testProvider({ handlers: { preferred_order: ['SpotFleet', 'ASG', 'EC2Fleet', 'RunInstances'], asg: { enabled: false } } });
    const result = await provider.createInstances(createRequest(template(), 1));
    // SpotFleet needs fleetRole, ASG is disabled: EC2Fleet is next.
    expect(result.providerMetadata).toMatchObject({ api: 'EC2Fleet' });
    expect(provider.capabilities.apis).toEqual(['SpotFleet', 'EC2Fleet', 'RunInstances']);
  });

  it('refuses a providerApi that is disabled on the instance', async () => {
    const provider = testProvider({ handlers: { spot_fleet: { enabled: false } } });
    await expect(
      provider.createInstances(createRequest(template({ providerApi: 'SpotFleet', fleetRole: 'arn:aws:iam::123456789012:role/fleet' }), 1)),
    ).rejects.toMatchObject({ code: 'API_NOT_SUPPORTED', field: 'providerApi' });
    expect(cloud.calls.size).toBe(0);
  });
});
