import { ProviderSdkError, type ComputeProviderV1, type InstanceV1 } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { describeInBatches, emptyDescribedBatches } from './describe-in-batches.js';

/** A provider port answering describe calls in batches of 2, the batch holding `i-3` failing, later batches answering first. */
function providerOf(delays: Readonly<Record<string, number>>): ComputeProviderV1 {
  return {
    capabilities: { describeBatchSize: 2 },
    describeInstances: async (ids: readonly string[]) => {
      await new Promise((resolve) => setTimeout(resolve, delays[ids[0]!] ?? 0));
      if (ids.includes('i-3')) throw new ProviderSdkError('RATE_LIMIT_EXCEEDED', 'Rate exceeded');
      // i-2 is gone: the cloud leaves it out of the answer.
      return ids.filter((id) => id !== 'i-2').map((id) => ({ id, state: 'running', rawState: 'running', extra: 'stripped' }));
    },
  } as unknown as ComputeProviderV1;
}

describe('describeInBatches', () => {
  it('hands each batch to onBatch as it answers, checked, with the ids it asked about; a failed batch is only recorded', async () => {
    const handed: { askedIds: readonly string[]; instances: readonly InstanceV1[] }[] = [];
    const read = await describeInBatches(providerOf({ 'i-1': 30, 'i-5': 0 }), ['i-1', 'i-2', 'i-3', 'i-4', 'i-5'], {}, emptyDescribedBatches(), (instances, askedIds) =>
      handed.push({ askedIds, instances }),
    );
    // The last batch answered first, and the first batch came last.
    expect(handed.map((batch) => batch.askedIds)).toEqual([['i-5'], ['i-1', 'i-2']]);
    expect(handed[1]!.instances).toEqual([{ id: 'i-1', state: 'running', rawState: 'running', name: null, hostName: null, privateIpAddress: null, publicIpAddress: null, tags: {} }]);
    expect([...read.readIds].sort()).toEqual(['i-1', 'i-2', 'i-5']);
    expect(read.failures).toEqual([{ code: 'RATE_LIMIT_EXCEEDED', message: 'Rate exceeded', count: 2 }]);
  });
});
