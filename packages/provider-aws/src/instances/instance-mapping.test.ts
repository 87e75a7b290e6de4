import { describe, expect, it } from 'vitest';
import { toInstanceV1 } from './instance-mapping.js';

describe('toInstanceV1', () => {
  it('keeps launch times in the form AWS sends them and normalizes any other form', () => {
    expect(toInstanceV1({ InstanceId: 'i-1', LaunchTime: '2026-01-02T03:04:05.000Z' }).launchTime).toBe('2026-01-02T03:04:05.000Z');
    expect(toInstanceV1({ InstanceId: 'i-1', LaunchTime: '2026-01-02T03:04:05Z' }).launchTime).toBe('2026-01-02T03:04:05.000Z');
    expect(toInstanceV1({ InstanceId: 'i-1', LaunchTime: '2026-01-02T04:04:05.000+01:00' }).launchTime).toBe('2026-01-02T03:04:05.000Z');
    expect(toInstanceV1({ InstanceId: 'i-1', LaunchTime: new Date('2026-01-02T03:04:05.000Z') }).launchTime).toBe('2026-01-02T03:04:05.000Z');
  });

  it('leaves out the optional fields AWS did not send, instead of setting them undefined', () => {
    const bare = toInstanceV1({ InstanceId: 'i-1', State: { Name: 'pending' } });
    expect(Object.keys(bare)).toEqual(['id', 'state', 'rawState', 'name', 'hostName', 'privateIpAddress', 'publicIpAddress', 'lifecycle', 'tags', 'providerMetadata']);
    expect(bare).toMatchObject({ state: 'pending', rawState: 'pending', name: null, hostName: null, lifecycle: 'ondemand', tags: {}, providerMetadata: {} });
    const full = toInstanceV1({
      InstanceId: 'i-2',
      State: { Name: 'running' },
      InstanceType: 't3.medium',
      Placement: { AvailabilityZone: 'us-east-1a' },
      SubnetId: 'subnet-1',
      StateReason: { Code: 'Server.SpotInstanceTermination' },
      Tags: [{ Key: 'Name', Value: 'worker-2' }],
    });
    expect(full).toMatchObject({ name: 'worker-2', instanceType: 't3.medium', location: 'us-east-1a', providerMetadata: { subnetId: 'subnet-1', stateReason: 'Server.SpotInstanceTermination' } });
    expect(Object.keys(full.providerMetadata ?? {})).toEqual(['subnetId', 'stateReason']);
  });
});
