import { OhfError } from '@ohf/domain-core';
import { InstanceV1Schema, mapWithConcurrency, redactSecrets, type CallOptionsV1, type ComputeProviderV1, type InstanceV1 } from '@ohf/provider-sdk';

/** Describe batches of one provider instance in flight at once (the provider skeleton's default). */
const DESCRIBE_CONCURRENCY = 5;

/** A describe batch the provider could not read: its machines keep what storage says. */
export interface UnreadBatch {
  readonly code: string;
  readonly message: string;
  readonly count: number;
}

/** What the batches of one provider instance read so far; filled as each batch answers. */
export interface DescribedBatches {
  readonly instances: InstanceV1[];
  /** Ids whose batch answered: only these can be told apart from a machine the cloud no longer lists. */
  readonly readIds: Set<string>;
  /** Named `failures` so the provider call redacts their messages like any reported failure. */
  readonly failures: UnreadBatch[];
}

export function emptyDescribedBatches(): DescribedBatches {
  return { instances: [], readIds: new Set(), failures: [] };
}

/**
 * Describes `ids` one `describeBatchSize` batch per provider call, so a batch that fails costs
 * only its own machines: the other batches are still sent and read. Results go into `into` as
 * they come, so what was read before the operation's budget ended is not lost with the call.
 */
export async function describeInBatches(
  provider: ComputeProviderV1,
  ids: readonly string[],
  call: CallOptionsV1,
  into: DescribedBatches,
): Promise<DescribedBatches> {
  const size = Math.max(1, provider.capabilities.describeBatchSize);
  const batches: string[][] = [];
  for (let offset = 0; offset < ids.length; offset += size) batches.push(ids.slice(offset, offset + size));
  await mapWithConcurrency(batches, DESCRIBE_CONCURRENCY, async (batch) => {
    if (call.signal?.aborted) return;
    try {
      const described = (await provider.describeInstances(batch, call)).map((instance) => InstanceV1Schema.parse(instance));
      into.instances.push(...described);
      for (const id of batch) into.readIds.add(id);
    } catch (error) {
      into.failures.push({
        code: OhfError.isInstance(error) ? error.code : 'INTERNAL',
        message: error instanceof Error ? redactSecrets(error.message) : 'The provider failed unexpectedly.',
        count: batch.length,
      });
    }
  });
  return into;
}
