/** The body of `POST /v2/droplets` this provider sends (the multi-create form, `names`). */
export interface DropletCreateRequest {
  /** At most `MAX_DROPLETS_PER_CREATE` names; one droplet is created per name. */
  readonly names: readonly string[];
  readonly region: string;
  readonly size: string;
  readonly image: string | number;
  readonly ssh_keys?: readonly (string | number)[];
  readonly backups?: boolean;
  readonly ipv6?: boolean;
  readonly monitoring?: boolean;
  readonly tags: readonly string[];
  readonly user_data?: string;
  readonly vpc_uuid?: string;
}

/** DigitalOcean creates at most ten droplets per call (the API documents it in prose only). */
export const MAX_DROPLETS_PER_CREATE = 10;
