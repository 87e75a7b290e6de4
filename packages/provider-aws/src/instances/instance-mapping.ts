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
  // Built by assignment, in the order the fields are listed: a status poll maps thousands of
  // instances, and an object spread per optional field cost as much as the rest of the mapping.
  const mapped: { -readonly [Field in keyof InstanceV1]: InstanceV1[Field] } = {
    id: instance.InstanceId ?? '',
    state: mapInstanceState(EC2_INSTANCE_STATE_MAP, rawState),
    rawState,
    name: tags['Name'] ?? null,
    hostName: instance.PrivateDnsName || null,
    privateIpAddress: instance.PrivateIpAddress ?? null,
    publicIpAddress: instance.PublicIpAddress ?? null,
  } as InstanceV1;
  if (instance.InstanceType) mapped.instanceType = instance.InstanceType;
  if (instance.Placement?.AvailabilityZone) mapped.location = instance.Placement.AvailabilityZone;
  if (instance.LaunchTime) mapped.launchTime = toIsoString(instance.LaunchTime);
  mapped.lifecycle = instance.InstanceLifecycle === 'spot' ? 'spot' : 'ondemand';
  mapped.tags = tags;
  const metadata: Record<string, string> = {};
  if (instance.SubnetId) metadata['subnetId'] = instance.SubnetId;
  if (instance.VpcId) metadata['vpcId'] = instance.VpcId;
  if (instance.ImageId) metadata['imageId'] = instance.ImageId;
  if (instance.PublicDnsName) metadata['publicDnsName'] = instance.PublicDnsName;
  if (instance.SpotInstanceRequestId) metadata['spotInstanceRequestId'] = instance.SpotInstanceRequestId;
  if (instance.StateReason?.Code) metadata['stateReason'] = instance.StateReason.Code;
  mapped.providerMetadata = metadata;
  return mapped;
}

/** What AWS sends (`2026-01-01T00:00:00.000Z`) is already the form kept: no Date round trip for it. */
const CANONICAL_TIMESTAMP = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

function toIsoString(value: Date | string): string {
  if (typeof value === 'string' && CANONICAL_TIMESTAMP.test(value)) return value;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
