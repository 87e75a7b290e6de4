import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import type { CreateInstancesRequestV1, InstanceV1 } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';
import { findEc2InstancesByTag } from './describe-instances.js';
import { toInstanceV1 } from './instance-mapping.js';

const GONE_OR_GOING = new Set(['terminated', 'shutting_down', 'stopping', 'stopped']);

/**
 * A later try of a request first looks for the machines earlier tries created (by the
 * request's tags): the ClientToken of a new try differs on purpose, so AWS alone would not
 * stop it from creating them again.
 */
export async function existingMachines(scope: AwsCallScope, request: CreateInstancesRequestV1): Promise<InstanceV1[]> {
  const requestId = request.tags[OHF_TAG_KEYS.requestId];
  if ((request.attempt ?? 1) <= 1 || !requestId) return [];
  const providerInstance = request.tags[OHF_TAG_KEYS.providerInstance];
  const found = await findEc2InstancesByTag(scope, {
    [OHF_TAG_KEYS.requestId]: requestId,
    ...(providerInstance ? { [OHF_TAG_KEYS.providerInstance]: providerInstance } : {}),
  });
  return found.map(toInstanceV1).filter((instance) => !GONE_OR_GOING.has(instance.state));
}
