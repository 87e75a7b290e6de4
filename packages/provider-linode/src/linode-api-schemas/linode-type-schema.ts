import { z } from 'zod';

/** A Linode plan (`GET /linode/types`); memory and disk are in MB. */
export const LinodeTypeSchema = z.object({
  id: z.string(),
  label: z.string(),
  class: z.string().nullish(),
  vcpus: z.number(),
  memory: z.number(),
  disk: z.number(),
  gpus: z.number().nullish(),
  transfer: z.number().nullish(),
  network_out: z.number().nullish(),
  price: z.object({ hourly: z.number().nullish(), monthly: z.number().nullish() }).nullish(),
  region_prices: z
    .array(z.object({ id: z.string(), hourly: z.number().nullish(), monthly: z.number().nullish() }))
    .nullish(),
  successor: z.string().nullish(),
});
export type LinodeType = z.infer<typeof LinodeTypeSchema>;
