import { mapWithConcurrency } from '../../concurrency/map-with-concurrency.js';
import { OHF_TAG_KEYS } from '../../tags/ohf-tag-keys.js';
import type { CloudCall } from '../compute-provider-adapter.js';
import type {
  CallOptionsV1,
  InstanceV1,
  ReleaseRequestResultV1,
  TerminateResultV1,
} from '../v1/compute-provider-v1.js';
import type { SkeletonRuntime } from './skeleton-runtime.js';

type TerminateFailure = Exclude<TerminateResultV1['failures'], undefined>[number];

/**
 * Deletes each machine (at most `callConcurrency` at once) and answers in the caller's order.
 * A machine that is gone, or an id this cloud can never have, is `alreadyGone`: success.
 * Missing or rejected credentials are thrown (they would fail every id); anything else is a
 * failure of that id.
 */
export async function terminateInstances(runtime: SkeletonRuntime, ids: readonly string[], options: CallOptionsV1): Promise<TerminateResultV1> {
  const { adapter } = runtime;
  const unique = [...new Set(ids)];
  if (options.dryRun) {
    return { terminated: [], alreadyGone: [], failures: [], plannedCalls: unique.filter((id) => adapter.isValidId(id)).map((id) => adapter.plannedCalls.deleteOne(id)) };
  }
  const call: CloudCall = options.signal ? { signal: options.signal } : {};
  const terminated: string[] = [];
  const alreadyGone: string[] = [];
  const failures: TerminateFailure[] = [];
  await mapWithConcurrency(unique, runtime.limits.callConcurrency, async (id) => {
    if (!adapter.isValidId(id)) {
      alreadyGone.push(id);
      return;
    }
    try {
      await runtime.run('terminateInstances', (cloud) => adapter.deleteOne(cloud, id, call));
      terminated.push(id);
    } catch (thrown) {
      const error = runtime.normalize(thrown, 'terminateInstances');
      if (error.code === 'MACHINE_NOT_FOUND') alreadyGone.push(id);
      else if (error.code === 'MISSING_CREDENTIALS' || error.code === 'INVALID_CREDENTIALS') throw error;
      else failures.push({ id, code: error.code, message: error.message, retryable: error.retryable });
    }
  });
  const position = (id: string): number => unique.indexOf(id);
  const byInput = (left: string, right: string): number => position(left) - position(right);
  return {
    terminated: terminated.sort(byInput),
    alreadyGone: alreadyGone.sort(byInput),
    failures: failures.sort((left, right) => byInput(left.id, right.id)),
  };
}

/**
 * Everything a request launched is tagged with its id: the live machines are deleted (in one
 * call when the adapter can delete a whole request), those already on their way out count as
 * terminated, those gone as alreadyGone. A dry run reads but deletes nothing.
 */
export async function releaseRequestResources(
  runtime: SkeletonRuntime,
  requestId: string,
  options: CallOptionsV1,
  findByTag: (tags: Readonly<Record<string, string>>, options: CallOptionsV1) => Promise<InstanceV1[]>,
): Promise<ReleaseRequestResultV1> {
  const { adapter } = runtime;
  const tagged = await findByTag({ [OHF_TAG_KEYS.requestId]: requestId }, options);
  const gone = tagged.filter((instance) => instance.state === 'terminated').map((instance) => instance.id);
  const leaving = tagged.filter((instance) => instance.state === 'shutting_down').map((instance) => instance.id);
  const live = tagged.filter((instance) => instance.state !== 'terminated' && instance.state !== 'shutting_down').map((instance) => instance.id);

  if (adapter.deleteRequest && adapter.plannedCalls.deleteRequest) {
    if (options.dryRun) {
      return { released: [], terminated: [], alreadyGone: [], failures: [], plannedCalls: live.length > 0 ? [adapter.plannedCalls.deleteRequest(requestId)] : [] };
    }
    const call: CloudCall = options.signal ? { signal: options.signal } : {};
    if (live.length > 0) {
      await runtime.run('releaseRequestResources', async (cloud) => {
        await adapter.deleteRequest?.(cloud, requestId, call);
      });
    }
    return { released: [], terminated: [...live, ...leaving], alreadyGone: gone, failures: [] };
  }

  const result = await terminateInstances(runtime, live, options);
  return {
    released: [],
    terminated: [...(result.terminated ?? []), ...(options.dryRun ? [] : leaving)],
    alreadyGone: [...(options.dryRun ? [] : gone), ...(result.alreadyGone ?? [])],
    failures: result.failures ?? [],
    ...(options.dryRun ? { plannedCalls: result.plannedCalls ?? [] } : {}),
  };
}
