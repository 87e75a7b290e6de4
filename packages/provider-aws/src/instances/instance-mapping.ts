import { mapInstanceState } from '@ohf/provider-sdk';
import type { InstanceV1 } from '@ohf/provider-sdk';
import { EC2_INSTANCE_STATE_MAP } from '../aws-state-map.js';
import { tagsToRecord } from '../tags/aws-tags.js';
import type { DescribedInstance } from './describe-instances-answer.js';

/** The tags AWS puts on members of an Auto Scaling group, a Spot Fleet and an EC2 Fleet. */
export const AWS_MEMBERSHIP_TAGS = {
  autoScalingGroup: 'aws:autoscaling:groupName',
  spotFleet: 'aws:ec2spot:fleet-request-id',
  ec2Fleet: 'aws:ec2:fleet-id',
} as const;

export function toInstanceV1(instance: DescribedInstance): InstanceV1 {
  const rawState = instance.State?.Name ?? 'unknown';
  const tags = tagsToRecord(instance.Tags);
  return {
    id: instance.InstanceId ?? '',
    state: mapInstanceState(EC2_INSTANCE_STATE_MAP, rawState),
    rawState,
    name: tags['Name'] ?? null,
    hostName: instance.PrivateDnsName || null,
    privateIpAddress: instance.PrivateIpAddress ?? null,
    publicIpAddress: instance.PublicIpAddress ?? null,
    ...(instance.InstanceType ? { instanceType: instance.InstanceType } : {}),
    ...(instance.Placement?.AvailabilityZone ? { location: instance.Placement.AvailabilityZone } : {}),
    ...(instance.LaunchTime ? { launchTime: toIsoString(instance.LaunchTime) } : {}),
    lifecycle: instance.InstanceLifecycle === 'spot' ? 'spot' : 'ondemand',
    tags,
    providerMetadata: {
      ...(instance.SubnetId ? { subnetId: instance.SubnetId } : {}),
      ...(instance.VpcId ? { vpcId: instance.VpcId } : {}),
      ...(instance.ImageId ? { imageId: instance.ImageId } : {}),
      ...(instance.PublicDnsName ? { publicDnsName: instance.PublicDnsName } : {}),
      ...(instance.SpotInstanceRequestId ? { spotInstanceRequestId: instance.SpotInstanceRequestId } : {}),
      ...(instance.StateReason?.Code ? { stateReason: instance.StateReason.Code } : {}),
    },
  };
}

function toIsoString(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
