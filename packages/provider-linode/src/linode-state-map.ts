import { mapInstanceState, type InstanceStateMapV1, type InstanceStateV1 } from '@ohf/provider-sdk';
import type { LinodeInstanceStatus } from './linode-api-schemas/linode-instance-schema.js';

/**
 * Linode status → normalized state, for every status of the specification; the Record type
 * makes a missing status a compile error. Transitional statuses after which the machine comes
 * back (booting, rebooting, migrating, rebuilding, cloning, restoring) are `pending`: the
 * machine is allocated but not usable yet. Linode has no terminated state: a deleted instance
 * disappears (404) and `deleting` is the last thing seen.
 */
export const LINODE_STATE_MAP: InstanceStateMapV1<LinodeInstanceStatus> = {
  running: 'running',
  offline: 'stopped',
  booting: 'pending',
  // Booting while joining a placement group.
  busy: 'pending',
  rebooting: 'pending',
  shutting_down: 'stopping',
  provisioning: 'pending',
  deleting: 'shutting_down',
  migrating: 'pending',
  rebuilding: 'pending',
  cloning: 'pending',
  restoring: 'pending',
  // Maintenance mode: powered off by Linode.
  stopped: 'stopped',
  // Powered off until the account is paid; not a failure of the machine itself.
  billing_suspension: 'stopped',
};

/** The normalized state of a Linode status; a status this map does not know is `unknown`. */
export function linodeStatusToState(status: string | null | undefined): InstanceStateV1 {
  return mapInstanceState(LINODE_STATE_MAP, status);
}
