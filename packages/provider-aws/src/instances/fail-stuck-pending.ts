import type { InstanceV1, ProviderLoggerV1 } from '@ohf/provider-sdk';

export interface StuckPendingOptions {
  /** `instance_pending_timeout_seconds`; unset turns the rule off. */
  readonly limitSeconds: number | null | undefined;
  readonly now: () => number;
  readonly instanceName: string;
  readonly logger: ProviderLoggerV1 | undefined;
  /** Terminates machines through the provider, so a fleet does not replace them. */
  readonly terminate: (ids: string[]) => Promise<unknown>;
}

/**
 * `instance_pending_timeout_seconds`: a machine still `pending` that long after its launch
 * will not come up; it is terminated and reported `failed`. A termination that fails is tried
 * again on the next describe.
 */
export async function failStuckPending(instances: InstanceV1[], options: StuckPendingOptions): Promise<InstanceV1[]> {
  const { limitSeconds, logger, instanceName } = options;
  if (!limitSeconds) return instances;
  const now = options.now();
  const stuck = instances.filter(
    (instance) => instance.state === 'pending' && instance.launchTime !== undefined && now - Date.parse(instance.launchTime) > limitSeconds * 1000,
  );
  if (stuck.length === 0) return instances;
  const stuckIds = stuck.map((instance) => instance.id);
  const reason = `pending for more than ${limitSeconds} s (instance_pending_timeout_seconds); terminated`;
  try {
    await options.terminate(stuckIds);
    logger?.warn({ provider: instanceName, instances: stuckIds, limitSeconds }, 'terminated machines pending too long');
  } catch (error) {
    logger?.warn(
      { provider: instanceName, instances: stuckIds, code: (error as { code?: string }).code },
      'could not terminate machines pending too long; trying again on the next describe',
    );
  }
  const stuckSet = new Set(stuckIds);
  return instances.map((instance) =>
    stuckSet.has(instance.id) ? { ...instance, state: 'failed', providerMetadata: { ...instance.providerMetadata, failureReason: reason } } : instance,
  );
}
