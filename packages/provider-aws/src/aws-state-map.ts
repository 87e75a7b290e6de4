import type { InstanceStateMapV1 } from '@ohf/provider-sdk';

/** Every EC2 instance state name; typed so a state AWS adds is a compile error here. */
export const EC2_INSTANCE_STATE_MAP: InstanceStateMapV1<
  'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated'
> = {
  pending: 'pending',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  'shutting-down': 'shutting_down',
  terminated: 'terminated',
};

export const EC2_NATIVE_STATES = Object.keys(EC2_INSTANCE_STATE_MAP);
