import { z } from 'zod';

/** The normalized machine states every provider maps its native states onto. */
export const INSTANCE_STATES_V1 = [
  'pending',
  'running',
  'stopping',
  'stopped',
  'shutting_down',
  'terminated',
  'failed',
  'unknown',
] as const;
export const InstanceStateV1Schema = z.enum(INSTANCE_STATES_V1);
export type InstanceStateV1 = z.infer<typeof InstanceStateV1Schema>;

/**
 * A provider's state map: every native state it knows, typed so a missing entry is a compile
 * error. `mapInstanceState` turns anything unmapped into `unknown` (the raw state is kept
 * beside it on the instance).
 */
export type InstanceStateMapV1<NativeState extends string> = Readonly<Record<NativeState, InstanceStateV1>>;

export function mapInstanceState<NativeState extends string>(
  stateMap: InstanceStateMapV1<NativeState>,
  nativeState: string | undefined | null,
): InstanceStateV1 {
  if (nativeState == null) return 'unknown';
  return Object.prototype.hasOwnProperty.call(stateMap, nativeState)
    ? stateMap[nativeState as NativeState]
    : 'unknown';
}
