import { z } from 'zod';

/** A region (`GET /regions`). */
export const LinodeRegionSchema = z.object({
  id: z.string(),
  label: z.string(),
  country: z.string().nullish(),
  status: z.string().nullish(),
  capabilities: z.array(z.string()).nullish(),
  'site-type': z.string().nullish(),
});
export type LinodeRegion = z.infer<typeof LinodeRegionSchema>;
