import { mapWithConcurrency } from '../../concurrency/map-with-concurrency.js';
import type { CloudCall } from '../compute-provider-adapter.js';
import type { CallOptionsV1, InstanceV1 } from '../v1/compute-provider-v1.js';
import type { SkeletonRuntime } from './skeleton-runtime.js';

/**
 * The machines among `ids` this cloud knows, in the caller's order. Ids this cloud can never
 * have are left out without a call; the rest are read `describeBatchSize` at a time (or all at
 * once by a 'scan' adapter), never one call per machine.
 */
export async function describeInstances(runtime: SkeletonRuntime, ids: readonly string[], options: CallOptionsV1): Promise<InstanceV1[]> {
  const { adapter } = runtime;
  const valid = [...new Set(ids.filter((id) => adapter.isValidId(id)))];
  if (valid.length === 0) return [];
  const call: CloudCall = options.signal ? { signal: options.signal } : {};
  const batchSize = adapter.describeStrategy === 'scan' ? valid.length : runtime.capabilities.describeBatchSize;
  const batches: string[][] = [];
  for (let offset = 0; offset < valid.length; offset += batchSize) batches.push(valid.slice(offset, offset + batchSize));
  const pages = await mapWithConcurrency(batches, runtime.limits.callConcurrency, (batch) =>
    runtime.run('describeInstances', (cloud) => adapter.describeBatch(cloud, batch, call)),
  );
  const byId = new Map(pages.flat().map((instance) => [instance.id, instance]));
  return ids.flatMap((id) => {
    const instance = adapter.isValidId(id) ? byId.get(id) : undefined;
    return instance ? [instance] : [];
  });
}

/** Machines carrying every tag (the adapter checks what the cloud's filter cannot). */
export async function findInstancesByTag(
  runtime: SkeletonRuntime,
  tags: Readonly<Record<string, string>>,
  options: CallOptionsV1,
): Promise<InstanceV1[]> {
  const call: CloudCall = options.signal ? { signal: options.signal } : {};
  return runtime.run('findInstancesByTag', (cloud) => runtime.adapter.listByTags(cloud, tags, call));
}

/** Machines whose name or host name (or, if the adapter matches them, private address) is one of `names`. */
export async function findInstancesByName(runtime: SkeletonRuntime, names: readonly string[], options: CallOptionsV1): Promise<InstanceV1[]> {
  const wanted = [...new Set(names.filter((name) => name !== ''))];
  if (wanted.length === 0 || !runtime.adapter.listByNames) return [];
  const call: CloudCall = options.signal ? { signal: options.signal } : {};
  return runtime.run('findInstancesByName', (cloud) => runtime.adapter.listByNames?.(cloud, wanted, call) ?? Promise.resolve([]));
}

/** Every machine with a tag of this key, whatever its value. */
export async function findInstancesByTagKey(runtime: SkeletonRuntime, tagKey: string, options: CallOptionsV1): Promise<InstanceV1[]> {
  const call: CloudCall = options.signal ? { signal: options.signal } : {};
  const found = await runtime.run('findInstancesByTagKey', (cloud) => runtime.adapter.listByTagKey?.(cloud, tagKey, call) ?? Promise.resolve([]));
  return found.filter((instance) => Object.hasOwn(instance.tags, tagKey));
}
