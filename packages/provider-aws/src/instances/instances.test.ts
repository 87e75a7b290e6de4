import {
  CancelSpotFleetRequestsCommand,
  DeleteFleetsCommand,
  DescribeInstancesCommand,
  ModifyFleetCommand,
  ModifySpotFleetRequestCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DeleteAutoScalingGroupCommand, TerminateInstanceInAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAwsCloud } from '../test-support/index.js';
import { createRequest, inputsOf, template, testProvider } from '../test-support/provider-fixtures.js';
import { EC2_INSTANCE_STATE_MAP } from '../aws-state-map.js';

const cloud = new FakeAwsCloud();
beforeEach(() => cloud.reset());
afterAll(() => cloud.restore());

describe('describeInstances', () => {
  it('asks for 2,500 machines in 3 calls of at most 1,000 ids', async () => {
    const ids = cloud.seed(2_500);
    const described = await testProvider().describeInstances(ids);
    expect(described).toHaveLength(2_500);
    const calls = inputsOf(cloud.ec2, DescribeInstancesCommand) as Array<{ InstanceIds: string[] }>;
    expect(calls.map((call) => call.InstanceIds.length)).toEqual([1000, 1000, 500]);
  });

  it('leaves out ids AWS does not know instead of failing their batch', async () => {
    const ids = cloud.seed(5);
    const missing = ['i-0000000000000dead', 'i-0000000000000beef'];
    const described = await testProvider().describeInstances([...ids.slice(0, 2), ...missing, ...ids.slice(2)]);
    expect(described.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    // One failing call naming the missing ids, then the batch without them.
    expect(cloud.count('DescribeInstances')).toBe(2);
  });

  it('follows NextToken pages', async () => {
    const ids = cloud.seed(5, { [OHF_TAG_KEYS.requestId]: 'req-paged' });
    cloud.pageSize = 2;
    const found = await testProvider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: 'req-paged' });
    expect(found.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    const calls = inputsOf(cloud.ec2, DescribeInstancesCommand) as Array<{ Filters: unknown; NextToken?: string }>;
    expect(calls.map((call) => call.NextToken)).toEqual([undefined, '2', '4']);
    expect(calls[0]?.Filters).toEqual([{ Name: 'tag:ohf:request-id', Values: ['req-paged'] }]);
  });

  it('maps every EC2 state, keeps the raw state and the machine details', async () => {
    const ids = cloud.seed(6, { Name: 'worker-1', team: 'hpc' });
    const states = Object.keys(EC2_INSTANCE_STATE_MAP) as Array<keyof typeof EC2_INSTANCE_STATE_MAP>;
    ids.forEach((id, index) => {
      const instance = cloud.instances.get(id);
      if (instance) instance.state = states[index] as typeof instance.state;
    });
    const spot = cloud.instances.get(ids[0] as string);
    if (spot) spot.lifecycle = 'spot';
    const described = await testProvider().describeInstances(ids);
    expect(described.map((instance) => [instance.rawState, instance.state])).toEqual([
      ['pending', 'pending'],
      ['running', 'running'],
      ['stopping', 'stopping'],
      ['stopped', 'stopped'],
      ['shutting-down', 'shutting_down'],
      ['terminated', 'terminated'],
    ]);
    expect(described[0]).toMatchObject({
      id: ids[0],
      name: 'worker-1',
      hostName: 'ip-10-0-0-2.ec2.internal',
      privateIpAddress: '10.0.0.2',
      publicIpAddress: null,
      instanceType: 'm5.large',
      location: 'us-east-1a',
      launchTime: '2025-01-01T00:00:00.000Z',
      lifecycle: 'spot',
      tags: { Name: 'worker-1', team: 'hpc' },
      providerMetadata: { subnetId: 'subnet-0a1b2c3d4e5f60001' },
    });
    expect(described[1]?.lifecycle).toBe('ondemand');
  });

  it('refuses an empty tag filter, which would list the whole account', async () => {
    await expect(testProvider().findInstancesByTag({})).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});

describe('terminateInstances', () => {
  it('terminates plain machines in one batch and counts unknown or terminated ones as already gone', async () => {
    const ids = cloud.seed(3);
    const gone = cloud.instances.get(ids[2] as string);
    if (gone) gone.state = 'terminated';
    const result = await testProvider().terminateInstances([...ids, 'i-00000000000000404']);
    expect(result).toEqual({ terminated: [ids[0], ids[1]], alreadyGone: [ids[2], 'i-00000000000000404'], failures: [] });
    expect(inputsOf(cloud.ec2, TerminateInstancesCommand)).toEqual([{ InstanceIds: [ids[0], ids[1]] }]);
  });

  it('returns Auto Scaling members with a decrement and deletes the emptied group', async () => {
    const provider = testProvider();
    const request = createRequest(template({ providerApi: 'ASG' }), 2, 'req-asg');
    await provider.createInstances(request);
    const members = await provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: 'req-asg' });
    const ids = members.map((member) => member.id);

    const first = await provider.terminateInstances([ids[0] as string]);
    expect(first.terminated).toEqual([ids[0]]);
    expect(inputsOf(cloud.autoScaling, TerminateInstanceInAutoScalingGroupCommand)).toEqual([
      { InstanceId: ids[0], ShouldDecrementDesiredCapacity: true },
    ]);
    expect(inputsOf(cloud.autoScaling, DeleteAutoScalingGroupCommand)).toEqual([]);

    await provider.terminateInstances([ids[1] as string]);
    expect(inputsOf(cloud.autoScaling, DeleteAutoScalingGroupCommand)).toEqual([{ AutoScalingGroupName: 'ohf-req-asg', ForceDelete: true }]);
    expect(inputsOf(cloud.ec2, TerminateInstancesCommand)).toEqual([]);
  });

  it('cancels a Spot Fleet request when all its machines are returned', async () => {
    const provider = testProvider();
    await provider.createInstances(
      createRequest(template({ providerApi: 'SpotFleet', priceType: 'spot', fleetRole: 'arn:aws:iam::123456789012:role/fleet' }), 2, 'req-spot'),
    );
    const ids = (await provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: 'req-spot' })).map((instance) => instance.id);
    expect(ids).toHaveLength(2);
    const result = await provider.terminateInstances(ids);
    expect(result.terminated.sort()).toEqual([...ids].sort());
    expect(inputsOf(cloud.ec2, CancelSpotFleetRequestsCommand)).toEqual([
      { SpotFleetRequestIds: [expect.stringMatching(/^sfr-/)], TerminateInstances: true },
    ]);
    expect(inputsOf(cloud.ec2, TerminateInstancesCommand)).toEqual([]);
  });

  it('shrinks a maintained Spot Fleet before terminating part of it, so nothing replaces the machines', async () => {
    const provider = testProvider();
    await provider.createInstances(
      createRequest(template({ providerApi: 'SpotFleet', priceType: 'spot', fleetType: 'maintain', fleetRole: 'arn:aws:iam::123456789012:role/fleet' }), 3, 'req-keep'),
    );
    const ids = (await provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: 'req-keep' })).map((instance) => instance.id);
    await provider.terminateInstances([ids[0] as string]);
    expect(inputsOf(cloud.ec2, ModifySpotFleetRequestCommand)).toEqual([
      { SpotFleetRequestId: expect.stringMatching(/^sfr-/), TargetCapacity: 2, ExcessCapacityTerminationPolicy: 'noTermination' },
    ]);
    expect(inputsOf(cloud.ec2, TerminateInstancesCommand)).toEqual([{ InstanceIds: [ids[0]] }]);
  });

  it('shrinks a maintain EC2 Fleet, and deletes it with the last machines', async () => {
    const provider = testProvider();
    await provider.createInstances(createRequest(template({ providerApi: 'EC2Fleet', fleetType: 'maintain' }), 2, 'req-fleet'));
    const ids = (await provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: 'req-fleet' })).map((instance) => instance.id);
    await provider.terminateInstances([ids[0] as string]);
    expect(inputsOf(cloud.ec2, ModifyFleetCommand)).toEqual([
      { FleetId: expect.stringMatching(/^fleet-/), TargetCapacitySpecification: { TotalTargetCapacity: 1 }, ExcessCapacityTerminationPolicy: 'no-termination' },
    ]);
    await provider.terminateInstances([ids[1] as string]);
    expect(inputsOf(cloud.ec2, DeleteFleetsCommand)).toEqual([{ FleetIds: [expect.stringMatching(/^fleet-/)], TerminateInstances: true }]);
  });

  it('plans the returns on a dry run without changing anything', async () => {
    const provider = testProvider();
    const ids = cloud.seed(2);
    const result = await provider.terminateInstances(ids, { dryRun: true });
    expect(result.plannedCalls).toEqual([{ service: 'EC2', operation: 'TerminateInstances', input: { InstanceIds: ids } }]);
    expect(result.terminated).toEqual([]);
    expect(cloud.count('TerminateInstances')).toBe(0);
    expect([...cloud.instances.values()].every((instance) => instance.state === 'running')).toBe(true);
  });
});
