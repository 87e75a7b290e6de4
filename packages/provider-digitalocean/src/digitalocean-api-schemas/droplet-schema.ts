import { z } from 'zod';

/** One IPv4 address of a droplet; `type` tells the VPC (private) from the internet-facing one. */
export const DropletNetworkV4Schema = z.object({
  ip_address: z.string(),
  type: z.string(),
});

/**
 * The droplet fields this provider reads. `status` stays a plain string so a status the API
 * adds later maps to `unknown` instead of failing the whole response.
 */
export const DropletSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.string(),
  created_at: z.string().optional(),
  size_slug: z.string().optional(),
  vcpus: z.number().optional(),
  memory: z.number().optional(),
  disk: z.number().optional(),
  locked: z.boolean().optional(),
  networks: z
    .object({ v4: z.array(DropletNetworkV4Schema).default([]) })
    .default({ v4: [] }),
  region: z.object({ slug: z.string(), name: z.string().optional() }).optional(),
  image: z
    .object({ id: z.number().optional(), slug: z.string().nullable().optional(), distribution: z.string().optional() })
    .optional(),
  tags: z.array(z.string()).nullable().default([]),
  vpc_uuid: z.string().optional(),
});
export type Droplet = z.infer<typeof DropletSchema>;

/** `POST /v2/droplets` answers one `droplet` for `name` and a `droplets` array for `names`. */
export const DropletCreateResponseSchema = z.union([
  z.object({ droplets: z.array(DropletSchema) }),
  z.object({ droplet: DropletSchema }),
]);
export type DropletCreateResponse = z.infer<typeof DropletCreateResponseSchema>;

export const DropletResponseSchema = z.object({ droplet: DropletSchema });
