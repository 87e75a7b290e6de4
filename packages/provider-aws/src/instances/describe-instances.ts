import type { DescribeInstancesCommandInput } from '@aws-sdk/client-ec2';
import { ProviderSdkError } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';
import { readDescribeInstancesAnswer } from './describe-instances-answer.js';
import type { DescribedInstance, DescribeInstancesPage } from './describe-instances-answer.js';

/** DescribeInstances takes at most 1,000 instance ids per call. */
export const DESCRIBE_BATCH_SIZE = 1_000;

const NOT_FOUND_CODES = new Set(['InvalidInstanceID.NotFound', 'InvalidInstanceID.Malformed']);

/** `i-` and 8 or 17 hexadecimal digits: the only ids EC2 gives instances. */
const EC2_INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** Whether an id can name an EC2 instance at all (a Linode or droplet id cannot). */
export function isEc2InstanceId(id: string): boolean {
  return EC2_INSTANCE_ID.test(id);
}

export function isInstanceNotFound(error: unknown): boolean {
  if (!ProviderSdkError.isInstance(error)) return false;
  const awsCode = error.details['awsErrorCode'];
  return typeof awsCode === 'string' && NOT_FOUND_CODES.has(awsCode);
}

/** The instance ids AWS names in an InvalidInstanceID error ("The instance IDs 'i-1, i-2' do not exist"). */
export function instanceIdsNamedIn(error: unknown): string[] {
  const message = error instanceof Error ? error.message : String(error);
  return [...new Set(message.match(/\bi-[0-9a-zA-Z]+\b/g) ?? [])];
}

export function chunk<Item>(items: readonly Item[], size: number): Item[][] {
  const chunks: Item[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

/**
 * The EC2 instances among `ids`, ⌈n / 1,000⌉ calls when all exist. Ids AWS does not know are
 * left out instead of failing their batch: the batch is sent again without the ids the error
 * names, or split in halves when it names none.
 */
export async function describeEc2Instances(scope: AwsCallScope, ids: readonly string[]): Promise<DescribedInstance[]> {
  // An id in another cloud's format is not here: asking would only fail the batch as malformed.
  const unique = [...new Set(ids)].filter(isEc2InstanceId);
  const instances: DescribedInstance[] = [];
  const pending = chunk(unique, DESCRIBE_BATCH_SIZE);
  while (pending.length > 0) {
    const batch = pending.shift() ?? [];
    if (batch.length === 0) continue;
    try {
      instances.push(...(await describePages(scope, { InstanceIds: batch })));
    } catch (error) {
      if (!isInstanceNotFound(error)) throw error;
      const missing = new Set(instanceIdsNamedIn(error));
      const rest = batch.filter((id) => !missing.has(id));
      if (missing.size > 0 && rest.length < batch.length) {
        pending.unshift(rest);
      } else if (batch.length > 1) {
        const middle = Math.ceil(batch.length / 2);
        pending.unshift(batch.slice(0, middle), batch.slice(middle));
      }
      // A single id AWS does not know is simply gone.
    }
  }
  return instances;
}

/**
 * Every page of one DescribeInstances query (ids or filters), each read into the fields this
 * provider maps as it arrives: a 1,000-instance page is a few megabytes of XML.
 */
export async function describePages(scope: AwsCallScope, input: DescribeInstancesCommandInput): Promise<DescribedInstance[]> {
  const instances: DescribedInstance[] = [];
  let nextToken: string | undefined;
  do {
    const output = await scope.read<DescribeInstancesPage>(
      'EC2',
      'DescribeInstances',
      { ...input, ...(nextToken ? { NextToken: nextToken } : {}) },
      { readAnswer: readDescribeInstancesAnswer },
    );
    for (const reservation of output.Reservations ?? []) instances.push(...(reservation.Instances ?? []));
    nextToken = output.NextToken || undefined;
  } while (nextToken);
  return instances;
}

/** Instances carrying a tag with this key, whatever its value, in any state AWS still reports. */
export function findEc2InstancesByTagKey(scope: AwsCallScope, tagKey: string): Promise<DescribedInstance[]> {
  return describePages(scope, { Filters: [{ Name: 'tag-key', Values: [tagKey] }], MaxResults: DESCRIBE_BATCH_SIZE });
}

/** Instances carrying every given tag, in any state AWS still reports (terminated ones for about an hour). */
export function findEc2InstancesByTag(scope: AwsCallScope, tags: Readonly<Record<string, string>>): Promise<DescribedInstance[]> {
  const filters = Object.entries(tags).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] }));
  return describePages(scope, { Filters: filters, MaxResults: DESCRIBE_BATCH_SIZE });
}
