import { ProviderNotFoundError, ProviderValidationError } from '../../errors/provider-errors.js';
import type { CloudCall } from '../compute-provider-adapter.js';
import {
  INSTANCE_ACTIONS_V1,
  InstanceActionV1Schema,
  type CallOptionsV1,
  type InstanceActionResultV1,
  type InstanceActionV1,
} from '../v1/compute-provider-v1.js';
import type { SkeletonRuntime } from './skeleton-runtime.js';

type ActionAdapter = Required<Pick<SkeletonRuntime['adapter'], 'performAction'>>;

/**
 * Checks the action word and the id before any call: an id this cloud can never have is
 * MACHINE_NOT_FOUND without reaching the cloud, as it is for describe. A dry run plans the call
 * and needs no credentials.
 */
export async function performAction(
  runtime: SkeletonRuntime,
  perform: ActionAdapter['performAction'],
  id: string,
  action: InstanceActionV1,
  options: CallOptionsV1,
): Promise<InstanceActionResultV1> {
  const { adapter } = runtime;
  if (!InstanceActionV1Schema.safeParse(action).success) {
    throw new ProviderValidationError(`Unknown action "${String(action)}"; use one of ${INSTANCE_ACTIONS_V1.join(', ')}`, {
      providerId: adapter.providerId,
      field: 'action',
    });
  }
  if (!adapter.isValidId(id)) {
    throw new ProviderNotFoundError(`"${id}" is not a ${adapter.displayName} machine id, so no ${adapter.displayName} machine has it`, {
      providerId: adapter.providerId,
    });
  }
  if (options.dryRun) {
    const planned = adapter.plannedCalls.performAction;
    if (!planned) throw new TypeError(`${adapter.displayName} adapter has performAction but no plannedCalls.performAction`);
    return { id, action, plannedCalls: [planned(id, action)] };
  }
  const call: CloudCall = options.signal ? { signal: options.signal } : {};
  const answer = await runtime.run(`${action}Instance`, (cloud) => perform(cloud, id, action, call));
  return { id, action, ...(answer?.actionId === undefined ? {} : { actionId: answer.actionId }) };
}
