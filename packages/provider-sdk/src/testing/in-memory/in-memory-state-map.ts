import type { InstanceStateMapV1 } from '../../index.js';

/** The native states of the in-memory fake cloud, worded like a real cloud's. */
export const IN_MEMORY_NATIVE_STATES = [
  'provisioning',
  'booting',
  'active',
  'stopping',
  'off',
  'deleting',
  'deleted',
  'error',
] as const;
export type InMemoryNativeState = (typeof IN_MEMORY_NATIVE_STATES)[number];

export const IN_MEMORY_STATE_MAP: InstanceStateMapV1<InMemoryNativeState> = {
  provisioning: 'pending',
  booting: 'pending',
  active: 'running',
  stopping: 'stopping',
  off: 'stopped',
  deleting: 'shutting_down',
  deleted: 'terminated',
  error: 'failed',
};
