import { ProviderNotFoundError } from '@ohf/provider-sdk';
import type { InstanceActionV1, PlannedCallV1 } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';
import { AWS_PROVIDER_ID } from '../aws-errors.js';
import { isInstanceNotFound } from './describe-instances.js';

const ec2Call = (service: 'EC2', operation: string) => ({ service, operation }) as const;

/** The spec's action words in EC2 operations: each takes the instance ids and nothing else. */
const ACTION_CALLS: Readonly<Record<InstanceActionV1, ReturnType<typeof ec2Call>>> = {
  boot: ec2Call('EC2', 'StartInstances'),
  shutdown: ec2Call('EC2', 'StopInstances'),
  reboot: ec2Call('EC2', 'RebootInstances'),
};

/** The call one action sends, as a dry run plans it. */
export function plannedEc2Action(id: string, action: InstanceActionV1): PlannedCallV1 {
  return { ...ACTION_CALLS[action], input: { InstanceIds: [id] } };
}

/** Starts, stops or reboots one instance; an instance AWS does not know is MACHINE_NOT_FOUND. */
export async function performEc2Action(scope: AwsCallScope, id: string, action: InstanceActionV1): Promise<void> {
  const { service, operation } = ACTION_CALLS[action];
  try {
    await scope.write(service, operation, { InstanceIds: [id] });
  } catch (error) {
    if (isInstanceNotFound(error)) throw new ProviderNotFoundError(`AWS has no instance ${id}`, { providerId: AWS_PROVIDER_ID, operation: `EC2.${operation}`, cause: error });
    throw error;
  }
}
