import { DescribeInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAwsCloud } from '../test-support/index.js';
import { inputsOf, testProvider } from '../test-support/provider-fixtures.js';

const cloud = new FakeAwsCloud();
beforeEach(() => cloud.reset());
afterAll(() => cloud.restore());

type DescribeInput = { InstanceIds?: string[]; Filters?: Array<{ Name: string; Values: string[] }> };

describe('ids in another cloud\'s format', () => {
  it('are not here: describe leaves them out and sends nothing when no id can be an EC2 id', async () => {
    const [id] = cloud.seed(1);
    const provider = testProvider();
    expect(await provider.describeInstances(['12345678', 'droplet-7', 'm-00000000-0000-4000-8000-000000000001'])).toEqual([]);
    expect(cloud.count('DescribeInstances')).toBe(0);
    const described = await provider.describeInstances(['12345678', id!]);
    expect(described.map((instance) => instance.id)).toEqual([id]);
    expect(inputsOf(cloud.ec2, DescribeInstancesCommand)).toEqual([{ InstanceIds: [id] }]);
  });

  it('are already gone for terminate, and never sent', async () => {
    const [id] = cloud.seed(1);
    const result = await testProvider().terminateInstances(['41234567', id!]);
    expect(result).toEqual({ terminated: [id], alreadyGone: ['41234567'], failures: [] });
    expect(inputsOf(cloud.ec2, TerminateInstancesCommand)).toEqual([{ InstanceIds: [id] }]);
  });
});

describe('findInstancesByName', () => {
  it('finds machines by private DNS name (long or short), private IP, Name tag or resource host name, in at most three calls', async () => {
    const ids = cloud.seed(5);
    const named = cloud.instances.get(ids[3]!)!;
    named.tags['Name'] = 'render-node-7';
    const [first, second, third, , fifth] = ids.map((id) => cloud.instances.get(id)!);
    const names = [
      `ip-${first!.privateIp.replaceAll('.', '-')}.ec2.internal`,
      `ip-${second!.privateIp.replaceAll('.', '-')}`,
      third!.privateIp,
      'render-node-7',
      `${fifth!.id}.ec2.internal`,
      'ip-10-200-200-200.ec2.internal',
      'nobody-has-this-name',
    ];
    const found = await testProvider().findInstancesByName(names);
    expect(found.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    const calls = inputsOf(cloud.ec2, DescribeInstancesCommand) as DescribeInput[];
    expect(calls.map((call) => call.Filters?.[0]?.Name ?? 'InstanceIds')).toEqual(['private-ip-address', 'private-dns-name', 'tag:Name', 'InstanceIds']);
    expect(calls[0]?.Filters?.[0]?.Values).toEqual([first!.privateIp, second!.privateIp, third!.privateIp, '10.200.200.200']);
  });

  it('sends 200 values per filter at most, so a thousand host names cost five calls', async () => {
    cloud.seed(3);
    const names = Array.from({ length: 1_000 }, (_, index) => `ip-10-1-${Math.floor(index / 250)}-${index % 250}.ec2.internal`);
    await testProvider().findInstancesByName(names);
    const calls = inputsOf(cloud.ec2, DescribeInstancesCommand) as DescribeInput[];
    expect(calls.map((call) => call.Filters?.[0]?.Values.length)).toEqual([200, 200, 200, 200, 200]);
  });

  it('sends nothing for no names', async () => {
    expect(await testProvider().findInstancesByName([])).toEqual([]);
    expect(cloud.count('DescribeInstances')).toBe(0);
  });
});

describe('findInstancesByTagKey', () => {
  it('lists every machine carrying the key, whatever the value, with one tag-key filter', async () => {
    const ours = [...cloud.seed(2, { [OHF_TAG_KEYS.requestId]: 'req-a' }), ...cloud.seed(1, { [OHF_TAG_KEYS.requestId]: 'req-b' })];
    cloud.seed(2, { team: 'hpc' });
    const found = await testProvider().findInstancesByTagKey(OHF_TAG_KEYS.requestId);
    expect(found.map((instance) => instance.id).sort()).toEqual(ours.sort());
    expect(inputsOf(cloud.ec2, DescribeInstancesCommand)).toEqual([{ Filters: [{ Name: 'tag-key', Values: [OHF_TAG_KEYS.requestId] }], MaxResults: 1000 }]);
  });
});
