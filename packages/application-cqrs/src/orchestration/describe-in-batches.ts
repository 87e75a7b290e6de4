import { OhfError } from '@ohf/domain-core';
import { mapWithConcurrency, parseInstanceV1, redactSecrets, type CallOptionsV1, type ComputeProviderV1, type InstanceV1 } from '@ohf/provider-sdk';

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
  /** Ids whose batch answered: only these can be told apart from a machine the cloud no longer lists. */
  readonly readIds: Set<string>;
  /** Named `failures` so the provider call redacts their messages like any reported failure. */
  readonly failures: UnreadBatch[];
}

export function emptyDescribedBatches(): DescribedBatches {
  return { readIds: new Set(), failures: [] };
}

/**
 * Describes `ids` one `describeBatchSize` batch per provider call, so a batch that fails costs
 * only its own machines: the other batches are still sent and read. Each batch that answers is
 * handed to `onBatch` at once, with the ids it was asked about, and recorded in `into`: what was
 * read before the operation's budget ended is not lost with the call, and a poll of thousands of
 * machines never holds more than the batches in flight.
 */
export async function describeInBatches(
  provider: ComputeProviderV1,
  ids: readonly string[],
  call: CallOptionsV1,
  into: DescribedBatches,
  onBatch: (instances: readonly InstanceV1[], askedIds: readonly string[]) => void,
): Promise<DescribedBatches> {
  const size = Math.max(1, provider.capabilities.describeBatchSize);
  const batches: string[][] = [];
  for (let offset = 0; offset < ids.length; offset += size) batches.push(ids.slice(offset, offset + size));
  await mapWithConcurrency(batches, DESCRIBE_CONCURRENCY, async (batch) => {
    if (call.signal?.aborted) return;
    let described: InstanceV1[];
    try {
      described = (await provider.describeInstances(batch, call)).map(parseInstanceV1);
    } catch (error) {
      into.failures.push({
        code: OhfError.isInstance(error) ? error.code : 'INTERNAL',
        message: error instanceof Error ? redactSecrets(error.message) : 'The provider failed unexpectedly.',
        count: batch.length,
      });
      return;
    }
    for (const id of batch) into.readIds.add(id);
    onBatch(described, batch);
  });
  return into;
}
