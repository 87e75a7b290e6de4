import { z } from 'zod';

/** Every `status` the Linode API v4 specification (v4.189.0) lists for a compute instance. */
export const LINODE_INSTANCE_STATUSES = [
  'running',
  'offline',
  'booting',
  'busy',
  'rebooting',
  'shutting_down',
  'provisioning',
  'deleting',
  'migrating',
  'rebuilding',
  'cloning',
  'restoring',
  'stopped',
  'billing_suspension',
] as const;
export type LinodeInstanceStatus = (typeof LINODE_INSTANCE_STATUSES)[number];

/**
 * The fields of a Linode instance this provider reads. The status is kept as a plain string:
 * a status added by Linode later must map to `unknown`, not fail the whole response.
 */
export const LinodeInstanceSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  status: z.string(),
  region: z.string().nullish(),
  type: z.string().nullish(),
  image: z.string().nullish(),
  ipv4: z.array(z.string()).nullish(),
  ipv6: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  created: z.string().nullish(),
  updated: z.string().nullish(),
  hypervisor: z.string().nullish(),
  has_user_data: z.boolean().nullish(),
  specs: z
    .object({
      vcpus: z.number().nullish(),
      memory: z.number().nullish(),
      disk: z.number().nullish(),
      gpus: z.number().nullish(),
      transfer: z.number().nullish(),
    })
    .nullish(),
});
export type LinodeInstance = z.infer<typeof LinodeInstanceSchema>;
