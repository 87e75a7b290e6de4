import { mapInstanceState, type InstanceStateMapV1, type InstanceStateV1 } from '@ohf/provider-sdk';

/** Every droplet status the API v2 specification lists. */
export const DROPLET_STATUSES = ['new', 'active', 'off', 'archive'] as const;
export type DropletStatus = (typeof DROPLET_STATUSES)[number];

/**
 * Droplet status → normalized state. Typed over every documented status, so a status added
 * to `DROPLET_STATUSES` without a mapping is a compile error.
 */
export const DROPLET_STATE_MAP: InstanceStateMapV1<DropletStatus> = Object.freeze({
  new: 'pending',
  active: 'running',
  off: 'stopped',
  archive: 'terminated',
});

/** The normalized state of a droplet status; anything undocumented is `unknown`. */
export function mapDropletStatus(status: string | undefined | null): InstanceStateV1 {
  return mapInstanceState(DROPLET_STATE_MAP, status);
}
